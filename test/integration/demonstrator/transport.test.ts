import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import { createThrowawayPki } from '../../../main/demonstrator/tls/throwaway-pki';
import { call, send } from './helpers';

let demo: Demonstrator;
beforeAll(async () => {
  demo = await startDemonstrator({ port: 0 });
});
afterAll(async () => {
  await demo.close();
});

/** A raw TLS handshake, to see what the server does before any HTTP is spoken. */
function handshake(
  options: tls.ConnectionOptions,
): Promise<{ ok: true; socket: tls.TLSSocket } | { ok: false; error: Error }> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port: demo.port, ca: demo.pki.ca.certificate, ...options });
    socket.once('secureConnect', () => {
      // TLS 1.3 reports a refused client certificate only after the handshake: wait for the server's verdict.
      socket.once('error', (error) => resolve({ ok: false, error }));
      socket.write('GET /metadata HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      socket.once('data', () => resolve({ ok: true, socket }));
      socket.once('end', () => resolve({ ok: false, error: new Error('closed by server') }));
    });
    socket.once('error', (error) => resolve({ ok: false, error }));
  });
}

describe('demonstrator transport (mutual TLS like Spine)', () => {
  it('serves metadata through the SSP front to a client with the run’s consumer certificate', async () => {
    const res = await send(demo, { interaction: 'fhir:rest:read:metadata-1', request: '/metadata' });
    expect(res.status).toBe(200);
    expect(res.body['resourceType']).toBe('CapabilityStatement');
    expect(res.headers['content-type']).toBe('application/fhir+json;charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('refuses a client without a certificate at the TLS layer (no HTTP answer at all)', async () => {
    await expect(
      call(demo, '/personal-demographics/FHIR/R4/Patient/9658218873', { clientCert: 'none' }),
    ).rejects.toThrow(/certificate|socket hang up|ECONNRESET|alert/i);
    const raw = await handshake({});
    expect(raw.ok).toBe(false);
  });

  it('refuses a client certificate issued by another CA', async () => {
    const stranger = createThrowawayPki({ clientCommonName: 'intruder.invalid' });
    await expect(
      call(demo, '/spine-directory/FHIR/R4/Device', {
        clientCert: { cert: stranger.client.certificate, key: stranger.client.privateKey },
      }),
    ).rejects.toThrow();
    const raw = await handshake({ cert: stranger.client.certificate, key: stranger.client.privateKey });
    expect(raw.ok).toBe(false);
  });

  it('refuses TLS 1.1 and older', async () => {
    const raw = await handshake({
      cert: demo.pki.client.certificate,
      key: demo.pki.client.privateKey,
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.1',
    });
    expect(raw.ok).toBe(false);
  });

  it('negotiates TLS 1.2 with a GP Connect cipher (AES-GCM with ECDHE or DHE) and refuses others', async () => {
    const tls12 = await handshake({
      cert: demo.pki.client.certificate,
      key: demo.pki.client.privateKey,
      maxVersion: 'TLSv1.2',
    });
    expect(tls12.ok).toBe(true);
    if (tls12.ok) {
      expect(tls12.socket.getProtocol()).toBe('TLSv1.2');
      expect(tls12.socket.getCipher().name).toMatch(/^(ECDHE|DHE)-RSA-AES(128|256)-GCM-SHA(256|384)$/);
      tls12.socket.destroy();
    }
    const cbc = await handshake({
      cert: demo.pki.client.certificate,
      key: demo.pki.client.privateKey,
      maxVersion: 'TLSv1.2',
      ciphers: 'AES128-SHA:ECDHE-RSA-AES128-SHA256:ECDHE-RSA-CHACHA20-POLY1305',
    });
    expect(cbc.ok).toBe(false);
  });

  it('presents a server certificate for 127.0.0.1 and localhost, chained to the run’s CA', async () => {
    const cert = new X509Certificate(demo.pki.server.certificate);
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.checkIssued(new X509Certificate(demo.pki.ca.certificate))).toBe(true);
    const res = await call(demo, `https://localhost:${demo.port}/personal-demographics/FHIR/R4/Patient/9658218873`, {
      headers: { 'X-Request-ID': '60e0b220-8136-4ac5-a5c6-bd1a2e1a5a4f' },
    });
    expect(res.status).toBe(200);
  });

  it('gives the consumer certificate a client-auth usage and the configured CN', () => {
    const cert = new X509Certificate(demo.pki.client.certificate);
    expect(cert.subject).toContain('CN=gpc-workstation.demonstrator.invalid');
    expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.2');
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now());
  });

  it('answers gzip when asked', async () => {
    const res = await send(demo, {
      interaction: 'fhir:rest:read:metadata-1',
      request: '/metadata',
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body['resourceType']).toBe('CapabilityStatement');
  });
});
