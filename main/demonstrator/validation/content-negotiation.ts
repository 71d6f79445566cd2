import { gpcError } from '../operation-outcome';
import type { Checked } from './result';
import { pass, reject } from './result';

/**
 * STU3 response format (SPEC §2): `_format` wins over `Accept`; neither → JSON. Only JSON is served in this slice:
 * an XML request is refused with 415 rather than answered in JSON the client did not ask for.
 */
// DSTU2 (0.7.x) names the same formats application/json+fhir and application/xml+fhir.
const JSON_TYPES = new Set(['application/fhir+json', 'application/json+fhir', 'application/json', 'json']);
const ANY_TYPES = new Set(['*/*', 'application/*']);
const XML_TYPES = new Set(['application/fhir+xml', 'application/xml+fhir', 'application/xml', 'xml']);

function mediaType(value: string): string {
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

export function checkResponseFormat(format: string | null, accept: string | string[] | undefined): Checked<'json'> {
  const unsupported = (what: string) =>
    reject(
      gpcError(
        'UNSUPPORTED_MEDIA_TYPE',
        XML_TYPES.has(what)
          ? 'FHIR XML is not served by this demonstrator yet; ask for application/fhir+json'
          : `unsupported format "${what.slice(0, 60)}"; use application/fhir+json`,
      ),
    );
  if (format !== null) {
    const type = mediaType(format);
    return JSON_TYPES.has(type) ? pass('json') : unsupported(type);
  }
  if (accept === undefined || accept === '') return pass('json');
  const types = (Array.isArray(accept) ? accept.join(',') : accept).split(',').map(mediaType);
  if (types.some((t) => JSON_TYPES.has(t) || ANY_TYPES.has(t))) return pass('json');
  return unsupported(types[0] ?? '');
}

/**
 * The body type of a POST/PUT (SPEC §2): STU3 `application/fhir+json`, DSTU2 `application/json+fhir`, optionally with
 * `;charset=utf-8`. XML bodies wait for the STU3 codec (415, like the response side); anything else is 415 as well.
 */
export function checkRequestBodyType(contentType: string | undefined, fhir: 'stu3' | 'dstu2'): Checked<'json'> {
  const raw = contentType ?? '';
  const type = mediaType(raw);
  const charset = /;\s*charset=([^;]+)/i.exec(raw)?.[1]?.trim().toLowerCase();
  const wanted = fhir === 'stu3' ? 'application/fhir+json' : 'application/json+fhir';
  if (type === '') return reject(gpcError('UNSUPPORTED_MEDIA_TYPE', `Content-Type is missing; send ${wanted}`));
  if (XML_TYPES.has(type)) {
    return reject(
      gpcError('UNSUPPORTED_MEDIA_TYPE', `FHIR XML bodies are not accepted by this demonstrator yet; send ${wanted}`),
    );
  }
  if (type !== wanted && type !== 'application/json') {
    return reject(gpcError('UNSUPPORTED_MEDIA_TYPE', `Content-Type "${type.slice(0, 60)}" is not ${wanted}`));
  }
  if (charset !== undefined && charset !== 'utf-8') {
    return reject(gpcError('UNSUPPORTED_MEDIA_TYPE', 'request bodies must be UTF-8'));
  }
  return pass('json');
}
