/** Why a FHIR XML conversion failed. */
export type FhirXmlErrorCode =
  /** Not well-formed XML (or not XML at all). */
  | 'MALFORMED_XML'
  /** A DTD, entity declaration or other construct refused for safety. */
  | 'FORBIDDEN_XML'
  /** Input larger or deeper than the configured limits. */
  | 'LIMIT_EXCEEDED'
  /** An element outside the FHIR namespace, or a narrative div outside the XHTML namespace. */
  | 'WRONG_NAMESPACE'
  /** The root (or a contained/entry resource) is not an STU3 resource type. */
  | 'UNKNOWN_RESOURCE_TYPE'
  /** An element or JSON property that the STU3 definition of its parent does not have. */
  | 'UNKNOWN_ELEMENT'
  /** A value of the wrong primitive type or format (e.g. `value="yes"` for a boolean). */
  | 'INVALID_VALUE'
  /** Well-formed but not valid FHIR structure: order, cardinality, choice, missing value, stray text. */
  | 'INVALID_STRUCTURE';

/** The one error the STU3 XML codec throws. `path` is a FHIRPath-like location, e.g. `Bundle.entry[2].resource`. */
export class FhirXmlError extends Error {
  override readonly name = 'FhirXmlError';
  readonly code: FhirXmlErrorCode;
  readonly path: string | undefined;

  constructor(code: FhirXmlErrorCode, message: string, path?: string) {
    super(path ? `${message} (at ${path})` : message);
    this.code = code;
    this.path = path;
  }
}
