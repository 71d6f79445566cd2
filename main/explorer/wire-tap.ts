import { Readable, Transform } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import type { Dispatcher } from 'undici';

/**
 * One HTTP exchange as it went over the wire (PDS, SDS or SSP), captured below every client so the explorer sees
 * exactly what was sent, whichever service sent it. Bodies are kept as text; gzip answers are undone.
 */
export interface WireExchange {
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody?: string;
  readonly status?: number;
  readonly responseHeaders?: Readonly<Record<string, string>>;
  readonly responseBody?: string;
  /** Why no answer came (a TLS refusal, a timeout, a dropped connection). */
  readonly error?: string;
}

export type WireSink = (exchange: WireExchange) => void;

function headerRecord(headers: Dispatcher.DispatchOptions['headers'] | Record<string, unknown> | null | undefined) {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const put = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    out[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  };
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) put(String(headers[i]), headers[i + 1]);
  } else if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const [name, value] of headers as Iterable<[string, unknown]>) put(name, value);
  } else {
    for (const [name, value] of Object.entries(headers)) put(name, value);
  }
  return out;
}

function bodyText(chunks: readonly Buffer[], gzip: boolean): string {
  const raw = Buffer.concat(chunks);
  try {
    return (gzip ? gunzipSync(raw) : raw).toString('utf8');
  } catch {
    return `(${raw.length} bytes that could not be decoded)`;
  }
}

/**
 * Wraps a dispatcher so that every request and its answer reach `sink` once finished. The request body is copied as
 * it streams (a chunked body stays chunked); nothing is buffered twice beyond the copy. The sink must not throw.
 */
export function tapDispatcher<D extends Dispatcher>(dispatcher: D, sink: WireSink): D {
  const interceptor: Dispatcher.DispatcherComposeInterceptor =
    (dispatch) => (opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => {
      const startedAt = new Date();
      const started = performance.now();
      const requestChunks: Buffer[] = [];
      let body = opts.body;
      if (typeof body === 'string') requestChunks.push(Buffer.from(body, 'utf8'));
      else if (body instanceof Uint8Array) requestChunks.push(Buffer.from(body));
      else if (body instanceof Readable) {
        body = body.pipe(
          new Transform({
            transform(chunk: Buffer, _enc, done) {
              requestChunks.push(Buffer.from(chunk));
              done(null, chunk);
            },
          }),
        );
      }
      const base = {
        startedAt,
        method: opts.method,
        url: `${String(opts.origin ?? '')}${opts.path}`,
        requestHeaders: headerRecord(opts.headers),
      };
      const requestBody = () => (requestChunks.length > 0 ? { requestBody: bodyText(requestChunks, false) } : {});
      let status: number | undefined;
      let responseHeaders: Record<string, string> = {};
      const responseChunks: Buffer[] = [];
      let reported = false;
      const report = (extra: Partial<WireExchange>) => {
        if (reported) return;
        reported = true;
        try {
          sink({ ...base, ...requestBody(), durationMs: performance.now() - started, ...extra });
        } catch {
          // The explorer must never break a clinician's request.
        }
      };
      const tapped: Dispatcher.DispatchHandler = {
        onRequestStart: (controller, context) => handler.onRequestStart?.(controller, context),
        onRequestUpgrade: (controller, statusCode, headers, socket) =>
          handler.onRequestUpgrade?.(controller, statusCode, headers, socket),
        onResponseStart: (controller, statusCode, headers, statusMessage) => {
          status = statusCode;
          responseHeaders = headerRecord(headers);
          return handler.onResponseStart?.(controller, statusCode, headers, statusMessage);
        },
        onResponseData: (controller, chunk) => {
          responseChunks.push(Buffer.from(chunk));
          return handler.onResponseData?.(controller, chunk);
        },
        onResponseEnd: (controller, trailers) => {
          report({
            ...(status === undefined ? {} : { status }),
            responseHeaders,
            responseBody: bodyText(responseChunks, responseHeaders['content-encoding'] === 'gzip'),
          });
          return handler.onResponseEnd?.(controller, trailers);
        },
        onResponseError: (controller, err) => {
          report({
            ...(status === undefined ? {} : { status, responseHeaders }),
            error: err instanceof Error ? err.message : String(err),
          });
          return handler.onResponseError?.(controller, err);
        },
      };
      return dispatch({ ...opts, ...(body === undefined ? {} : { body }) }, tapped);
    };
  return dispatcher.compose(interceptor) as unknown as D;
}
