import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { FHIR_XML_MIME, FhirXmlError, fhirJsonToXml } from '../../shared/fhir/xml';
import { gpcError } from './operation-outcome';
import type { WireFormat } from './validation/content-negotiation';

/**
 * One answer of any front (SSP, provider, PDS, SDS): status, extra headers and a body held as JSON. Written in one
 * place so that every answer is `no-store`, UTF-8, in the wire format its Content-Type names (STU3 XML through the
 * shared codec) and gzipped when the client asked for it.
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
export const FHIR_XML_STU3 = `${FHIR_XML_MIME};charset=utf-8`;
export const FHIR_JSON_R4 = 'application/fhir+json; charset=utf-8';

export const stu3ContentType = (format: WireFormat): string => (format === 'xml' ? FHIR_XML_STU3 : FHIR_JSON_STU3);

/** The same STU3 answer in the negotiated format (replies made before or without negotiation are STU3 JSON). */
export function inFormat<R extends Reply>(reply: R, format: WireFormat): R {
  return reply.contentType === FHIR_JSON_STU3 ? { ...reply, contentType: stu3ContentType(format) } : reply;
}

/** A reply with its body serialised: what goes on the wire (and into the request log). */
export interface RenderedReply {
  readonly reply: Reply;
  readonly payload: Buffer;
}

/**
 * XML has no way to say "an empty list" (no elements is all it can say), so the codec refuses empty JSON arrays. Some
 * JSON answers carry them on purpose (an empty `List.entry` beside its `emptyReason`) or by the way (a patient
 * without telecom): in XML they are simply absent, as a consumer reading either format must expect.
 */
function withoutEmptyArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyArrays);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => [k, withoutEmptyArrays(v)]),
  );
}

export function renderReply(reply: Reply): RenderedReply {
  if (reply.contentType !== FHIR_XML_STU3) {
    return { reply, payload: Buffer.from(JSON.stringify(reply.body), 'utf8') };
  }
  try {
    return { reply, payload: Buffer.from(fhirJsonToXml(withoutEmptyArrays(reply.body)), 'utf8') };
  } catch (err) {
    if (!(err instanceof FhirXmlError)) throw err;
    // A resource the demonstrator built that STU3 XML cannot carry is the demonstrator's bug: say so, in XML.
    const e = gpcError('INTERNAL_SERVER_ERROR', `the answer cannot be written as STU3 XML: ${err.message}`);
    const failed: Reply = { status: e.status, body: e.body, contentType: FHIR_XML_STU3, errorCode: e.code };
    return { reply: failed, payload: Buffer.from(fhirJsonToXml(e.body), 'utf8') };
  }
}

function acceptsGzip(headers: IncomingHttpHeaders): boolean {
  const value = headers['accept-encoding'];
  return (
    typeof value === 'string' && value.split(',').some((e) => /^\s*gzip\s*(;|$)/i.test(e) && !/q=0(\.0*)?\s*$/.test(e))
  );
}

export function sendReply(res: ServerResponse, rendered: RenderedReply, requestHeaders: IncomingHttpHeaders): void {
  const { reply } = rendered;
  let payload = rendered.payload;
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
