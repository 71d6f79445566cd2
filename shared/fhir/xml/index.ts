// STU3 FHIR XML codec: JSON <-> XML for every STU3 resource, shared by the demonstrator (provider) and the consumer.
//
//   fhirJsonToXml(resource)  -> '<?xml version="1.0" encoding="UTF-8"?><Patient xmlns="http://hl7.org/fhir">...'
//   fhirXmlToJson(xml)       -> { resourceType: 'Patient', ... }
//
// Both throw FhirXmlError (code + path) for anything that is not a valid STU3 resource in the source format:
// malformed XML, DTDs/entities, wrong namespace, unknown resource types, unknown elements, wrong value types.
// Driven by stu3-metadata.generated.ts (from @types/fhir 3.0.2; `npm run generate:fhir-xml`).
import type { FhirXmlLimits } from './xml-engine';
import { DEFAULT_LIMITS, MAX_DEPTH } from './xml-engine';
import { jsonToXml } from './json-to-xml';
import type { FhirResourceJson } from './xml-to-json';
import { xmlToJson } from './xml-to-json';

export { FhirXmlError } from './errors';
export type { FhirXmlErrorCode } from './errors';
export type { FhirResourceJson } from './xml-to-json';
export type { FhirXmlLimits } from './xml-engine';
export { DEFAULT_LIMITS as FHIR_XML_DEFAULT_LIMITS, FHIR_NS, XHTML_NS } from './xml-engine';
export { STU3_RESOURCE_NAMES } from './metadata';
export { STU3_METADATA_SOURCE } from './stu3-metadata.generated';

/** MIME types of the STU3 XML wire format (SPEC §2). */
export const FHIR_XML_MIME = 'application/fhir+xml';

export interface FhirXmlOptions {
  /** Largest XML input, in characters (default 64 Mi). */
  readonly maxLength?: number;
  /** Deepest nesting of elements (default 100, at most 1000). */
  readonly maxDepth?: number;
}

function limitsOf(options: FhirXmlOptions | undefined): FhirXmlLimits {
  const maxLength = options?.maxLength ?? DEFAULT_LIMITS.maxLength;
  const maxDepth = options?.maxDepth ?? DEFAULT_LIMITS.maxDepth;
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError('maxLength must be a positive integer');
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_DEPTH) {
    throw new RangeError(`maxDepth must be an integer from 1 to ${MAX_DEPTH}`);
  }
  return { maxLength, maxDepth };
}

/** An STU3 resource in JSON form (parsed) -> FHIR XML text, with an XML declaration, in the FHIR namespace. */
export function fhirJsonToXml(resource: unknown, options?: FhirXmlOptions): string {
  return jsonToXml(resource, limitsOf(options));
}

/** FHIR XML text -> the STU3 resource in JSON form (numbers and booleans typed per the STU3 definitions). */
export function fhirXmlToJson(xml: string, options?: FhirXmlOptions): FhirResourceJson {
  return xmlToJson(xml, limitsOf(options));
}
