import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { transportFailure } from '../../shared/gpconnect/spine-failure';
import { SpineError } from './spine-error';

export interface SpineHttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Send the body with `Transfer-Encoding: chunked` and no Content-Length (SPEC §2; providers must accept it). */
  readonly chunked?: boolean;
  readonly timeoutMs: number;
  /** For the failure, so the service desk can find the call in Spine's audit. */
  readonly traceId?: string;
}

export interface SpineHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The parsed body when it was JSON, else null (an HTML error page, an empty body). */
  readonly json: unknown;
}

/** Why a TLS handshake failed, in words an IT service desk can act on. */
const TLS_REASONS: readonly (readonly [RegExp, string])[] = [
  [/CERT_HAS_EXPIRED/, 'the server certificate has expired'],
  [
    /ERR_TLS_CERT_ALTNAME_INVALID|Hostname\/IP does not match/,
    "the server certificate does not match the server's name",
  ],
  [/DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN/, 'the server certificate is self-signed and not trusted'],
  [/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/, 'the server certificate is not issued by a trusted CA'],
  [/CERT_NOT_YET_VALID/, 'the server certificate is not valid yet (check the clock)'],
  [
    /alert number 116|certificate required|alert number 40|handshake failure|alert certificate unknown|alert bad certificate|alert unknown ca/i,
    'the server refused our client certificate (or the handshake)',
  ],
  [
    /unsupported protocol|wrong version number|no protocols available|protocol version/i,
    'the server offers no TLS version we accept (TLS 1.2 or later)',
  ],
  [/no shared cipher|sslv3 alert handshake failure/i, 'the server offers no cipher we accept'],
];

function describe(err: unknown): { code: string; text: string } {
  const seen = new Set<unknown>();
  const parts: string[] = [];
  let code = '';
  for (let e: unknown = err; e instanceof Error && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const c = (e as NodeJS.ErrnoException).code;
    if (c && !code) code = c;
    parts.push(`${c ?? ''} ${e.message}`.trim());
  }
  return { code, text: parts.join(' | ') };
}

/** Maps a transport error (undici/Node/OpenSSL) to a typed failure. */
export function transportError(err: unknown, traceId?: string): SpineError {
  const { code, text } = describe(err);
  if (/TIMEOUT/i.test(code) || /timeout/i.test(text)) return new SpineError(transportFailure('TIMEOUT', text, traceId));
  const tls = TLS_REASONS.find(([pattern]) => pattern.test(`${code} ${text}`));
  if (tls || /ERR_SSL|ERR_TLS|CERT|SSL/i.test(code)) {
    return new SpineError(transportFailure('TLS_FAILED', tls ? `${tls[1]} (${code || 'TLS'})` : text, traceId));
  }
  return new SpineError(transportFailure('CONNECTION_FAILED', text, traceId));
}

/**
 * One HTTP exchange over the Spine agent: the raw path is kept verbatim (SSP paths embed `https://`), gzip is asked
 * for and undone, JSON is parsed when it is JSON. Transport problems throw SpineError; HTTP errors are returned.
 */
export async function spineHttp(agent: Dispatcher, req: SpineHttpRequest): Promise<SpineHttpResponse> {
  const url = new URL(req.url);
  const path = req.url.slice(url.origin.length) || '/';
  let response: Dispatcher.ResponseData;
  try {
    response = await agent.request({
      origin: url.origin,
      method: req.method,
      path,
      headers: { 'accept-encoding': 'gzip', ...req.headers },
      // undici frames a stream of unknown length as chunked; a string goes with its Content-Length.
      ...(req.body === undefined
        ? {}
        : { body: req.chunked ? Readable.from([Buffer.from(req.body, 'utf8')]) : req.body }),
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
  } catch (err) {
    throw transportError(err, req.traceId);
  }
  let raw: Buffer;
  try {
    raw = Buffer.from(await response.body.arrayBuffer());
  } catch (err) {
    throw transportError(err, req.traceId);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  let text: string;
  try {
    text = (headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
  } catch {
    throw new SpineError(transportFailure('INVALID_RESPONSE', 'the gzip body could not be read', req.traceId));
  }
  // A TLS-terminating proxy (nginx `ssl_verify_client on`) refuses a client certificate with an HTTP 400 page
  // rather than a handshake alert: still a certificate problem, not a practice error.
  if (response.statusCode === 400 && /SSL certificate/i.test(text) && !/json/i.test(headers['content-type'] ?? '')) {
    throw new SpineError(
      transportFailure(
        'TLS_FAILED',
        'the server refused our client certificate (HTTP 400 from the TLS front)',
        req.traceId,
      ),
    );
  }
  let json: unknown = null;
  if (/json/i.test(headers['content-type'] ?? '') && text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  return { status: response.statusCode, headers, text, json };
}
