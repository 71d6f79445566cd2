import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

/**
 * One answer of any front (SSP, provider, PDS, SDS): status, extra headers and a JSON body. Written in one place so
 * that every answer is `no-store`, UTF-8 and gzipped when the client asked for it.
 */
export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly contentType: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Error code (Spine/SSP/R4) for the request log. */
  readonly errorCode?: string;
}

export const FHIR_JSON_STU3 = 'application/fhir+json;charset=utf-8';
export const FHIR_JSON_R4 = 'application/fhir+json; charset=utf-8';

function acceptsGzip(headers: IncomingHttpHeaders): boolean {
  const value = headers['accept-encoding'];
  return (
    typeof value === 'string' && value.split(',').some((e) => /^\s*gzip\s*(;|$)/i.test(e) && !/q=0(\.0*)?\s*$/.test(e))
  );
}

export function sendReply(res: ServerResponse, reply: Reply, requestHeaders: IncomingHttpHeaders): void {
  let payload = Buffer.from(JSON.stringify(reply.body), 'utf8');
  const headers: Record<string, string> = {
    'content-type': reply.contentType,
    'cache-control': 'no-store',
    ...reply.headers,
  };
  if (acceptsGzip(requestHeaders)) {
    payload = gzipSync(payload);
    headers['content-encoding'] = 'gzip';
    headers['vary'] = 'Accept-Encoding';
  }
  headers['content-length'] = String(payload.length);
  res.writeHead(reply.status, headers);
  res.end(payload);
}
