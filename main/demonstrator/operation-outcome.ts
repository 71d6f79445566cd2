/**
 * The error bodies each party sends (SPEC §8): GP Connect providers (STU3 GPConnect-OperationOutcome-1), SSP (its own
 * code system, HTTP status as the code) and the R4 APIs PDS and SDS. Shapes follow `examples/errors/`.
 */
export const SPINE_ERROR_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1';
const GPC_OO_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1';
export const SSP_ERROR_SYSTEM = 'http://fhir.nhs.net/ValueSet/gpconnect-schedule-response-code-1-0';
export const R4_ERROR_SYSTEM = 'https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode';

/** Spine error codes the provider sends, with HTTP status, FHIR issue type and display (SPEC §8.2). */
export const GPC_ERRORS = {
  BAD_REQUEST: { status: 400, issue: 'invalid', display: 'Bad request' },
  INVALID_IDENTIFIER_SYSTEM: { status: 400, issue: 'value', display: 'Invalid identifier system' },
  INVALID_IDENTIFIER_VALUE: { status: 400, issue: 'value', display: 'Invalid identifier value' },
  INVALID_NHS_NUMBER: { status: 400, issue: 'value', display: 'Invalid NHS number' },
  INVALID_PATIENT_DEMOGRAPHICS: { status: 400, issue: 'business-rule', display: 'Invalid patient demographics' },
  'ACCESS DENIED': { status: 403, issue: 'forbidden', display: 'Access denied' },
  NO_PATIENT_CONSENT: { status: 403, issue: 'forbidden', display: 'Patient has not provided consent to share data' },
  PATIENT_NOT_FOUND: { status: 404, issue: 'not-found', display: 'Patient not found' },
  PRACTITIONER_NOT_FOUND: { status: 404, issue: 'not-found', display: 'Practitioner not found' },
  ORGANISATION_NOT_FOUND: { status: 404, issue: 'not-found', display: 'Organisation not found' },
  NO_RECORD_FOUND: { status: 404, issue: 'not-found', display: 'No record found' },
  DUPLICATE_REJECTED: {
    status: 409,
    issue: 'duplicate',
    display: 'Create would lead to creation of a duplicate resource',
  },
  // The suite's code for a stale If-Match on cancel (SPEC §5.5); amend answers the same.
  FHIR_CONSTRAINT_VIOLATION: { status: 409, issue: 'conflict', display: 'FHIR constraint violated' },
  INVALID_RESOURCE: { status: 422, issue: 'invalid', display: 'Invalid resource' },
  REFERENCE_NOT_FOUND: { status: 422, issue: 'invalid', display: 'Reference not found' },
  INVALID_PARAMETER: { status: 422, issue: 'invalid', display: 'Invalid parameter' },
  INTERNAL_SERVER_ERROR: { status: 500, issue: 'exception', display: 'Internal server error' },
  // The practice's system behind the provider facade did not answer in time (fault injection).
  BAD_GATEWAY: { status: 502, issue: 'transient', display: 'Bad gateway' },
  NOT_IMPLEMENTED: { status: 501, issue: 'not-supported', display: 'Not implemented' },
  // Not in the Spine code list: SPEC §2 only says "unsupported → 415". Named after SSP's Unsupported_Media_Type.
  UNSUPPORTED_MEDIA_TYPE: { status: 415, issue: 'not-supported', display: 'Unsupported media type' },
} as const;

export type GpcErrorCode = keyof typeof GPC_ERRORS;

export interface ErrorResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** The code a test or the request log keys on: the Spine code, or the SSP display. */
  readonly code: string;
}

export function gpcError(code: GpcErrorCode, diagnostics?: string): ErrorResponse {
  const { status, issue, display } = GPC_ERRORS[code];
  const entry: Record<string, unknown> = {
    severity: 'error',
    code: issue,
    details: { coding: [{ system: SPINE_ERROR_SYSTEM, code, display }] },
  };
  if (diagnostics !== undefined) entry['diagnostics'] = diagnostics;
  return {
    status,
    code,
    body: { resourceType: 'OperationOutcome', meta: { profile: [GPC_OO_PROFILE] }, issue: [entry] },
  };
}

/** An SSP error: the HTTP status is the code, the reason (e.g. `ASID_CHECK_FAILED_MESSAGESENDER_…`) the display. */
export function sspError(
  status: 400 | 403 | 405 | 415 | 502,
  issue: string,
  display: string,
  id: string,
): ErrorResponse {
  return {
    status,
    code: display,
    body: {
      resourceType: 'OperationOutcome',
      id,
      issue: [
        {
          code: issue,
          severity: 'error',
          details: { coding: [{ code: String(status), display, system: SSP_ERROR_SYSTEM }] },
          diagnostics: display,
        },
      ],
    },
  };
}

/** PDS / SDS (FHIR R4, API platform) errors. */
export function r4Error(status: number, issue: string, code: string, diagnostics: string): ErrorResponse {
  return {
    status,
    code,
    body: {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: issue,
          details: { coding: [{ system: R4_ERROR_SYSTEM, version: '1', code, display: code.replace(/_/g, ' ') }] },
          diagnostics,
        },
      ],
    },
  };
}

const DSTU2_OO_PROFILE = 'http://fhir.nhs.net/StructureDefinition/gpconnect-operationoutcome-1';
export const DSTU2_ERROR_SYSTEM = 'http://fhir.nhs.net/ValueSet/gpconnect-error-or-warning-code-1';

/** The same error in the 0.7.x (DSTU2) shape (SPEC §8.3, `examples/errors/dstu2-INVALID_NHS_NUMBER.json`). */
export function toDstu2(error: ErrorResponse): ErrorResponse {
  const issues = (error.body['issue'] as Record<string, unknown>[] | undefined) ?? [];
  return {
    ...error,
    body: {
      resourceType: 'OperationOutcome',
      meta: { profile: [DSTU2_OO_PROFILE] },
      issue: issues.map((issue) => {
        const coding = (issue['details'] as { coding?: { code?: string }[] } | undefined)?.coding?.[0];
        return { ...issue, details: { coding: [{ system: DSTU2_ERROR_SYSTEM, code: coding?.code ?? error.code }] } };
      }),
    },
  };
}
