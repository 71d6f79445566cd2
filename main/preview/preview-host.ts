import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_INPUT_BYTES } from '../../shared/ipc/channels';
import type { ErrorCode, Result } from '../../shared/ipc/errors';
import { errorResult } from '../../shared/ipc/errors';
import { SECURITY_HEADERS } from '../app-protocol/csp';
import { resolveAsset } from '../app-protocol/resolve-asset';
import type { WorkstationConfig } from '../../shared/config/config-schema';
import { ConfigError } from '../config/config-error';
import type { Dispatch } from '../ipc/dispatcher';

/** Paths of the shim protocol; the shim in `preload/preview-shim.ts` uses the same ones. */
export const PREVIEW_INVOKE_PATH = '/__gpc/invoke';
export const PREVIEW_SHIM_PATH = '/__gpc/shim.js';
export const PREVIEW_TOKEN_HEADER = 'x-gpc-token';

export interface PreviewHostOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly rendererDir: string;
  readonly shimFile: string;
  readonly config: WorkstationConfig;
  readonly dispatch: Dispatch;
}

export interface PreviewHost {
  /** Full URL to open, including the per-launch token. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

/** Body slack above the input limit for the `{ channel, input }` envelope. */
const MAX_BODY_BYTES = MAX_INPUT_BYTES + 1024;

const STATUS: Partial<Record<ErrorCode, number>> = {
  FORBIDDEN_SENDER: 403,
  INPUT_TOO_LARGE: 413,
  INVALID_INPUT: 400,
  UNKNOWN_CHANNEL: 404,
};

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: http.ServerResponse, status: number, body: Result<unknown>): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendError(res: http.ServerResponse, code: ErrorCode, message?: string): void {
  sendJson(res, STATUS[code] ?? 400, errorResult(code, message));
}

/** 413, then close: the rest of an oversized body is never read. */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.setHeader('Connection', 'close');
  sendError(res, 'INPUT_TOO_LARGE');
  res.once('finish', () => req.destroy());
}

/** Reads the body up to the limit; null when it is larger (the rest is not read). */
function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The browser preview host: serves the built renderer and the very same handler table (through `dispatch`) on
 * loopback, for Playwright and machines without an Electron binary. Demo mode only. No handler logic lives here:
 * it only checks the caller (Host, Origin, per-launch token) and the envelope, like the Electron glue does.
 */
export async function startPreviewHost(options: PreviewHostOptions): Promise<PreviewHost> {
  if (options.config.mode !== 'demo') {
    throw new ConfigError('The preview host runs in demo mode only; it refuses a live Spine configuration.');
  }
  const token = randomBytes(32).toString('base64url');
  let origin = '';
  let host = '';

  const indexHtml = async (): Promise<string> => {
    const html = await readFile(`${options.rendererDir}/index.html`, 'utf8');
    // A classic script runs before the app's deferred module script, so window.gpc exists when React starts.
    return html.replace('</head>', `<script src="${PREVIEW_SHIM_PATH}"></script></head>`);
  };

  const handleInvoke = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.headers.origin !== origin)
      return sendError(res, 'FORBIDDEN_SENDER', 'Requests from another origin are refused.');
    const given = req.headers[PREVIEW_TOKEN_HEADER];
    if (!sameSecret(typeof given === 'string' ? given : undefined, token)) {
      return sendError(
        res,
        'FORBIDDEN_SENDER',
        'The preview session token is missing or wrong. Open the URL the preview host printed.',
      );
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendError(res, 'INVALID_INPUT', 'The request must be JSON.');
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return refuseTooLarge(req, res);
    const body = await readBody(req);
    if (body === null) return refuseTooLarge(req, res);
    let envelope: unknown;
    try {
      envelope = JSON.parse(body);
    } catch {
      return sendError(res, 'INVALID_INPUT', 'The request was not valid JSON.');
    }
    if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
      return sendError(res, 'INVALID_INPUT', 'The request must be an object with a channel and an input.');
    }
    const { channel, input } = envelope as { channel?: unknown; input?: unknown };
    const result = await options.dispatch(channel, input, { host: 'preview' });
    sendJson(res, 200, result);
  };

  const handleGet = async (pathname: string, res: http.ServerResponse, head: boolean): Promise<void> => {
    let body: string | Buffer;
    let contentType: string;
    if (pathname === PREVIEW_SHIM_PATH) {
      body = await readFile(options.shimFile);
      contentType = 'text/javascript; charset=utf-8';
    } else {
      const asset = resolveAsset(options.rendererDir, pathname);
      if (!asset) {
        res.writeHead(404, SECURITY_HEADERS).end();
        return;
      }
      body = asset.filePath.endsWith('index.html') ? await indexHtml() : await readFile(asset.filePath);
      contentType = asset.contentType;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': contentType });
    res.end(head ? undefined : body);
  };

  const server = http.createServer((req, res) => {
    // DNS rebinding: a page on another name resolving to 127.0.0.1 must not reach the handlers.
    if (req.headers.host !== host) {
      sendError(res, 'FORBIDDEN_SENDER', 'Unknown host.');
      return;
    }
    // Only origin-form targets ("/path?query"); anything else ("//", "*", absolute URLs) is refused, never parsed.
    const target = req.url ?? '/';
    if (!target.startsWith('/') || target.startsWith('//')) {
      res.writeHead(400, SECURITY_HEADERS).end();
      return;
    }
    const pathname = target.split('?', 1)[0] ?? '/';
    const work =
      req.method === 'POST' && pathname === PREVIEW_INVOKE_PATH
        ? handleInvoke(req, res)
        : req.method === 'GET' || req.method === 'HEAD'
          ? handleGet(pathname, res, req.method === 'HEAD')
          : Promise.resolve(void res.writeHead(405, SECURITY_HEADERS).end());
    work.catch(() => {
      if (!res.headersSent) res.writeHead(404, SECURITY_HEADERS);
      res.end();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.maxConnections = 32;
  // A malformed request line or header gets a bare 400 and a closed socket, never an exception.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
