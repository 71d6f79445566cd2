import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../main/config/config-error';
import { LIVE_CONFIG } from '../fixtures/live-config';
import { createDispatcher } from '../../main/ipc/dispatcher';
import type { Services } from '../../main/services';
import { buildServices } from '../../main/services';
import type { Dispatch } from '../../main/ipc/dispatcher';
import type { PreviewHost } from '../../main/preview/preview-host';
import { PREVIEW_INVOKE_PATH, startPreviewHost } from '../../main/preview/preview-host';

const dir = mkdtempSync(path.join(tmpdir(), 'gpc-preview-test-'));
mkdirSync(path.join(dir, 'assets'));
writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(dir, 'secret.txt'), 'not served');
const shimFile = path.join(dir, 'shim.js');
writeFileSync(shimFile, '/* shim */');

let services: Services;
let dispatch: Dispatch;
let host: PreviewHost;
beforeAll(async () => {
  services = await buildServices({ mode: 'demo' }, { name: 'x', version: '1' });
  dispatch = createDispatcher(services.handlers, { error: () => undefined });
  host = await startPreviewHost({ port: 0, rendererDir: dir, shimFile, config: { mode: 'demo' }, dispatch });
});
afterAll(async () => {
  await host.close();
  await services.close();
});

function call(body: string, headers: Record<string, string> = {}) {
  return fetch(`${host.origin}${PREVIEW_INVOKE_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: host.origin, 'X-GPC-Token': host.token, ...headers },
    body,
  });
}

describe('browser preview host', () => {
  it('prints a loopback URL carrying a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{40,}$/);
  });

  it('refuses to start in live mode', async () => {
    await expect(
      startPreviewHost({ port: 0, rendererDir: dir, shimFile, config: LIVE_CONFIG, dispatch }),
    ).rejects.toThrow(ConfigError);
  });

  it('serves the page with the shim injected and the CSP header', async () => {
    const response = await fetch(`${host.origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('<script src="/__gpc/shim.js"></script></head>');
  });

  it('does not serve files outside the renderer or of other types', async () => {
    expect((await fetch(`${host.origin}/secret.txt`)).status).toBe(404);
    expect((await fetch(`${host.origin}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });

  it('answers a contract call with the handler table’s result', async () => {
    const response = await call(JSON.stringify({ channel: 'patient.lookup', input: { nhsNumber: '9434765919' } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, value: { nhsNumber: '9434765919' } });
  });

  it.each([
    ['no token', { 'X-GPC-Token': '' }],
    ['a wrong token', { 'X-GPC-Token': 'x'.repeat(43) }],
    ['another origin', { Origin: 'http://evil.example' }],
    ['a null origin', { Origin: 'null' }],
  ])('refuses %s with FORBIDDEN_SENDER', async (_label, headers) => {
    const response = await call(JSON.stringify({ channel: 'app.info', input: {} }), headers);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('refuses a request for another Host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${host.origin}${PREVIEW_INVOKE_PATH}`,
        { method: 'POST', headers: { Host: 'attacker.example', 'Content-Type': 'application/json' } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('refuses an oversized body with INPUT_TOO_LARGE', async () => {
    const response = await call(
      JSON.stringify({ channel: 'patient.lookup', input: { nhsNumber: 'x'.repeat(300_000) } }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'INPUT_TOO_LARGE' } });
  });

  it.each([
    ['not JSON', 'not json', 'INVALID_INPUT'],
    ['an array', '[1,2]', 'INVALID_INPUT'],
    ['an unknown channel', '{"channel":"fs.read","input":{}}', 'UNKNOWN_CHANNEL'],
  ])('answers %s with a typed error', async (_label, body, code) => {
    const response = await call(body);
    const json = (await response.json()) as { ok: boolean; error?: { code: string } };
    expect(json).toMatchObject({ ok: false, error: { code } });
  });

  it('refuses a non-JSON content type', async () => {
    const response = await call('{}', { 'Content-Type': 'text/plain' });
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('preview host under malformed requests', () => {
  /** Sends raw bytes and returns the status line (or '' when the socket closes without one). */
  async function raw(request: string): Promise<string> {
    const net = await import('node:net');
    const url = new URL(host.origin);
    return new Promise((resolve) => {
      const socket = net.connect(Number(url.port), '127.0.0.1', () => socket.write(request));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
      socket.on('error', () => resolve(''));
      setTimeout(() => socket.end(), 500);
    });
  }
  const hostHeader = () => new URL(host.origin).host;

  it.each(['GET // HTTP/1.1', 'GET //[ HTTP/1.1', 'GET //:99999 HTTP/1.1', 'GET * HTTP/1.1', 'GET http://x/ HTTP/1.1'])(
    '%s gets 400 and the host keeps serving',
    async (line) => {
      expect(await raw(`${line}\r\nHost: ${hostHeader()}\r\nConnection: close\r\n\r\n`)).toContain('400');
      expect((await fetch(`${host.origin}/`)).status).toBe(200);
    },
  );

  it('a garbage request line gets 400 and the host keeps serving', async () => {
    expect(await raw('\x00\x01 nonsense\r\n\r\n')).toContain('400');
    expect((await fetch(`${host.origin}/`)).status).toBe(200);
  });

  it('refuses a declared oversized body without reading it', async () => {
    const status = await raw(
      `POST ${PREVIEW_INVOKE_PATH} HTTP/1.1\r\nHost: ${hostHeader()}\r\nOrigin: ${host.origin}\r\nX-GPC-Token: ${host.token}\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\n\r\n{`,
    );
    expect(status).toContain('413');
  });
});
