import { FhirXmlError, fhirXmlToJson } from '../../../shared/fhir/xml';
import { gpcError } from '../operation-outcome';
import type { Checked } from './result';
import { pass, reject } from './result';

/**
 * Wire formats (SPEC §2). STU3 interactions speak JSON and XML (through the shared STU3 codec); DSTU2 (Access Record
 * HTML 0.7.4) is JSON only here: the codec knows STU3 elements, not DSTU2 ones.
 */
export type WireFormat = 'json' | 'xml';
export type FhirVersion = 'stu3' | 'dstu2';

// DSTU2 (0.7.x) names the same formats application/json+fhir and application/xml+fhir; `_format` also takes the
// short forms.
const JSON_TYPES = new Set(['application/fhir+json', 'application/json+fhir', 'application/json', 'text/json', 'json']);
const XML_TYPES = new Set(['application/fhir+xml', 'application/xml+fhir', 'application/xml', 'text/xml', 'xml']);
const ANY_TYPES = new Set(['*/*', 'application/*']);

function mediaType(value: string): string {
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

function formatOf(type: string): WireFormat | undefined {
  return JSON_TYPES.has(type) ? 'json' : XML_TYPES.has(type) ? 'xml' : undefined;
}

const served = (format: WireFormat | undefined, fhir: FhirVersion): format is WireFormat =>
  format === 'json' || (format === 'xml' && fhir === 'stu3');

const DSTU2_JSON_ONLY = 'Access Record HTML (DSTU2) is served as JSON only; ask for application/json+fhir';

/** The entries of an Accept header, best first (by `q`, then as listed); `q=0` means "not this one". */
function acceptedTypes(accept: string | string[]): string[] {
  return (Array.isArray(accept) ? accept.join(',') : accept)
    .split(',')
    .map((entry, index) => {
      const q = /;\s*q=([0-9.]+)/i.exec(entry)?.[1];
      return { type: mediaType(entry), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((e) => e.type !== '' && e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((e) => e.type);
}

export interface FormatRequest {
  /** The `_format` query parameter, null when absent. */
  readonly format: string | null;
  readonly accept: string | string[] | undefined;
  /** The request's Content-Type: the answer follows it when neither of the above names a format. */
  readonly contentType: string | string[] | undefined;
}

/**
 * The response format (SPEC §2): `_format` wins over `Accept`; neither (or a wildcard) → the request body's format,
 * else JSON. A format this interaction does not serve → 415.
 */
export function checkResponseFormat(request: FormatRequest, fhir: FhirVersion): Checked<WireFormat> {
  const unsupported = (what: string) =>
    reject(
      gpcError(
        'UNSUPPORTED_MEDIA_TYPE',
        formatOf(what) === 'xml'
          ? DSTU2_JSON_ONLY
          : `unsupported format "${what.slice(0, 60)}"; use application/fhir+json or application/fhir+xml`,
      ),
    );
  const contentType = Array.isArray(request.contentType) ? request.contentType[0] : request.contentType;
  const bodyFormat = formatOf(mediaType(contentType ?? ''));
  const fallback = pass<WireFormat>(served(bodyFormat, fhir) ? bodyFormat : 'json');
  if (request.format !== null) {
    const type = mediaType(request.format);
    const format = formatOf(type);
    return served(format, fhir) ? pass(format) : unsupported(type);
  }
  if (request.accept === undefined || request.accept === '') return fallback;
  const types = acceptedTypes(request.accept);
  for (const type of types) {
    if (ANY_TYPES.has(type)) return fallback;
    const format = formatOf(type);
    if (served(format, fhir)) return pass(format);
  }
  return unsupported(types[0] ?? '');
}

/** The format errors are answered in: the negotiated one, or JSON when negotiation itself fails. */
export function errorFormat(request: FormatRequest, fhir: FhirVersion): WireFormat {
  const format = checkResponseFormat(request, fhir);
  return format.ok ? format.value : 'json';
}

/**
 * The body type of a POST/PUT (SPEC §2): STU3 `application/fhir+json` or `application/fhir+xml`, DSTU2
 * `application/json+fhir`, optionally with `;charset=utf-8`; anything else is 415.
 */
export function checkRequestBodyType(contentType: string | undefined, fhir: FhirVersion): Checked<WireFormat> {
  const raw = contentType ?? '';
  const type = mediaType(raw);
  const charset = /;\s*charset=([^;]+)/i.exec(raw)?.[1]?.trim().toLowerCase();
  const wanted = fhir === 'stu3' ? 'application/fhir+json' : 'application/json+fhir';
  if (type === '') return reject(gpcError('UNSUPPORTED_MEDIA_TYPE', `Content-Type is missing; send ${wanted}`));
  let format: WireFormat;
  if (type === wanted || type === 'application/json') {
    format = 'json';
  } else if (fhir === 'stu3' && (type === 'application/fhir+xml' || type === 'application/xml')) {
    format = 'xml';
  } else if (XML_TYPES.has(type)) {
    return reject(gpcError('UNSUPPORTED_MEDIA_TYPE', fhir === 'dstu2' ? DSTU2_JSON_ONLY : `send ${wanted}`));
  } else {
    return reject(gpcError('UNSUPPORTED_MEDIA_TYPE', `Content-Type "${type.slice(0, 60)}" is not ${wanted}`));
  }
  if (charset !== undefined && charset !== 'utf-8') {
    return reject(gpcError('UNSUPPORTED_MEDIA_TYPE', 'request bodies must be UTF-8'));
  }
  return pass(format);
}

// Structural faults (not XML, unsafe XML, too big, not FHIR's namespace) are a malformed request; well-formed FHIR
// XML that breaks the STU3 definitions is an invalid resource (README of shared/fhir/xml, SPEC §8.2).
const MALFORMED_XML_CODES = new Set(['MALFORMED_XML', 'FORBIDDEN_XML', 'LIMIT_EXCEEDED', 'WRONG_NAMESPACE']);

function decodeXml(body: Buffer): Checked<unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return reject(gpcError('BAD_REQUEST', 'the request body is not UTF-8'));
  }
  try {
    return pass(fhirXmlToJson(text));
  } catch (err) {
    if (!(err instanceof FhirXmlError)) throw err;
    return MALFORMED_XML_CODES.has(err.code)
      ? reject(gpcError('BAD_REQUEST', `the request body is not acceptable FHIR XML: ${err.message}`))
      : reject(gpcError('INVALID_RESOURCE', `the request body is not a valid STU3 resource: ${err.message}`));
  }
}

function decodeJson(body: Buffer): Checked<unknown> {
  try {
    return pass(JSON.parse(body.toString('utf8')) as unknown);
  } catch {
    return reject(gpcError('INVALID_RESOURCE', 'the request body is not valid JSON'));
  }
}

/** A POST/PUT body in JSON form, whichever wire format it came in: Content-Type first, then the body itself. */
export function readRequestBody(contentType: string | undefined, body: Buffer, fhir: FhirVersion): Checked<unknown> {
  const format = checkRequestBodyType(contentType, fhir);
  if (!format.ok) return format;
  return format.value === 'xml' ? decodeXml(body) : decodeJson(body);
}

const isXml = (contentType: string | string[] | undefined): boolean =>
  formatOf(mediaType((Array.isArray(contentType) ? contentType[0] : contentType) ?? '')) === 'xml';

/** The body as JSON when it is readable JSON or FHIR XML (for the request log), else undefined. */
export function bodyAsJson(contentType: string | string[] | undefined, body: Buffer): unknown {
  if (body.length === 0) return undefined;
  const read = isXml(contentType) ? decodeXml(body) : decodeJson(body);
  return read.ok ? read.value : undefined;
}

/** The body as JSON bytes for code that peeks at JSON (fault injection): readable XML converted, the rest as sent. */
export function jsonBytesOf(contentType: string | string[] | undefined, body: Buffer): Buffer {
  if (!isXml(contentType)) return body;
  const read = decodeXml(body);
  return read.ok ? Buffer.from(JSON.stringify(read.value), 'utf8') : body;
}
