/**
 * Every way a Spine or GP Connect call can fail, reduced to one typed value a clinician can act on (SPEC §8):
 * the Spine code, the HTTP status, the `Ssp-TraceID` for the service desk, and a sentence written for a clinician.
 * Pure: main feeds it the status and body; the renderer shows `message` and, on request, the rest.
 */
export interface SpineFailure {
  /** A Spine error code (`PATIENT_NOT_FOUND`, `ACCESS DENIED`), an SSP code (`SSP_ASID_CHECK_FAILED`) or a transport code. */
  readonly code: string;
  readonly httpStatus?: number;
  readonly traceId?: string;
  /** For the clinician. */
  readonly message: string;
  /** For the service desk: provider diagnostics, trimmed. Never shown as the main message. */
  readonly detail?: string;
  /** True only where a cautious retry of a read can help (transport failures, 502). */
  readonly retryable: boolean;
}

const SPINE_CODE_SYSTEMS = [
  'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1',
  'https://fhir.nhs.uk/STU3/ValueSet/Spine-ErrorOrWarningCode-1',
  'http://fhir.nhs.net/ValueSet/gpconnect-error-or-warning-code-1',
  'https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode',
];
const SSP_CODE_SYSTEM = 'http://fhir.nhs.net/ValueSet/gpconnect-schedule-response-code-1-0';

const MESSAGES: Readonly<Record<string, string>> = {
  INVALID_IDENTIFIER_SYSTEM: 'The practice system rejected an identifier in the request. Please report this problem.',
  INVALID_IDENTIFIER_VALUE: 'The practice system rejected an identifier in the request. Please report this problem.',
  INVALID_NHS_NUMBER: 'The practice system rejected the NHS number.',
  INVALID_PATIENT_DEMOGRAPHICS:
    'The practice could not verify the patient against PDS (the patient may be deceased, restricted or not verified).',
  BAD_REQUEST: 'The practice system could not understand the request. Please report this problem; do not retry.',
  CONFLICTING_VALUES: 'The request contained values that contradict each other. Please report this problem.',
  NO_PATIENT_CONSENT: 'The patient has asked for their GP record not to be shared. It cannot be shown.',
  NO_ORGANISATION_CONSENT: 'The practice does not share records with your organisation.',
  'ACCESS DENIED': 'GP Connect, or this part of it, is switched off at the practice.',
  NO_RELATIONSHIP: 'The practice reports no legitimate relationship between your organisation and this patient.',
  PATIENT_NOT_FOUND:
    'The practice has no active record for this patient (not registered there, deceased, restricted or unverified).',
  ORGANISATION_NOT_FOUND: 'The practice could not find that organisation.',
  PRACTITIONER_NOT_FOUND: 'The practice could not find that practitioner.',
  NO_RECORD_FOUND: 'The practice could not find that record.',
  DUPLICATE_REJECTED:
    'That was already done elsewhere (the slot was just taken, or the patient is already registered). Refresh and try again.',
  FHIR_CONSTRAINT_VIOLATION: 'The record changed elsewhere since it was read. Reload it before changing it.',
  INVALID_RESOURCE: 'The practice system rejected the request content. Please report this problem.',
  INVALID_PARAMETER: 'The practice system rejected a request parameter. Please report this problem.',
  REFERENCE_NOT_FOUND:
    'The practice system could not find something the request refers to. Please report this problem.',
  INTERNAL_SERVER_ERROR: 'The practice system had an internal error. Try again later.',
  NOT_IMPLEMENTED: 'The practice system does not support this.',
  SSP_ASID_CHECK_FAILED:
    'Spine did not recognise this workstation as an authorised sender. Contact your IT service desk.',
  SSP_RECEIVER_NOT_REGISTERED: 'The practice is not registered on Spine for this GP Connect service.',
  SSP_NO_SHARING_AGREEMENT: 'There is no data sharing agreement between your organisation and the practice.',
  SSP_ENDPOINT_MISMATCH: 'The practice address did not match Spine Directory Services. Please report this problem.',
  SSP_ERROR_COMMUNICATING: 'Spine could not reach the practice system. Try again in a moment.',
  SSP_METHOD_NOT_ALLOWED: 'Spine refused the request method. Please report this problem.',
  SSP_UNSUPPORTED_MEDIA_TYPE: 'Spine refused the request format. Please report this problem.',
  SDS_NO_ENDPOINT:
    'Spine Directory Services has no GP Connect endpoint for this practice and service: the practice may not offer it.',
  SDS_NO_ASID: 'Spine Directory Services has no system registered for this practice and service.',
  PDS_NOT_FOUND: 'PDS has no patient with this NHS number.',
  PDS_INVALIDATED: 'This NHS number has been invalidated on PDS. Check the number with the patient.',
  PDS_TOO_MANY_REQUESTS: 'PDS is busy. Wait a moment and try again.',
  TIMEOUT: 'The practice system did not answer in time. Try again in a moment.',
  CONNECTION_FAILED: 'The workstation could not connect to Spine. Check the network, then try again.',
  TLS_FAILED: 'A secure connection to Spine could not be set up (certificate problem). Contact your IT service desk.',
  NO_OPERATION_OUTCOME: 'The practice system returned an error without an explanation.',
  INVALID_RESPONSE: 'The practice system sent a response the workstation cannot read. Please report this problem.',
};

const SSP_PREFIXES: readonly (readonly [RegExp, string])[] = [
  [/^ASID_CHECK_FAILED/, 'SSP_ASID_CHECK_FAILED'],
  [/^PARTYKEY_INTERACTION_CHECK_FAILED/, 'SSP_RECEIVER_NOT_REGISTERED'],
  [/^FOT_CHECK_FAILED/, 'SSP_NO_SHARING_AGREEMENT'],
  [/^ENDPOINT_.*_VARIES_FROM_TARGETURL_/, 'SSP_ENDPOINT_MISMATCH'],
  [/^ERROR_COMMUNICATING_TO_ENDPOINT/, 'SSP_ERROR_COMMUNICATING'],
  [/Method Not Allowed/i, 'SSP_METHOD_NOT_ALLOWED'],
  [/^Unsupported_Media_Type/i, 'SSP_UNSUPPORTED_MEDIA_TYPE'],
];

export function messageFor(code: string, httpStatus?: number): string {
  return MESSAGES[code] ?? `The request failed${httpStatus ? ` (HTTP ${httpStatus})` : ''} with code ${code}.`;
}

interface Coding {
  system?: unknown;
  code?: unknown;
  display?: unknown;
}

function trimDetail(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  return text.trim().slice(0, 500);
}

/** Reads an OperationOutcome-shaped value; null if the body is not one. */
function outcomeCoding(body: unknown): { coding?: Coding; diagnostics?: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const resource = body as { resourceType?: unknown; issue?: unknown };
  if (resource.resourceType !== 'OperationOutcome' || !Array.isArray(resource.issue)) return null;
  const issues = resource.issue as { severity?: unknown; details?: { coding?: unknown }; diagnostics?: unknown }[];
  const issue = issues.find((i) => i?.severity === 'error' || i?.severity === 'fatal') ?? issues[0];
  if (!issue) return {};
  const codings = Array.isArray(issue.details?.coding) ? (issue.details.coding as Coding[]) : [];
  const coding =
    codings.find(
      (c) => typeof c.system === 'string' && (SPINE_CODE_SYSTEMS.includes(c.system) || c.system === SSP_CODE_SYSTEM),
    ) ?? codings[0];
  const diagnostics = trimDetail(issue.diagnostics);
  return { ...(coding ? { coding } : {}), ...(diagnostics ? { diagnostics } : {}) };
}

export interface FailedResponse {
  readonly httpStatus: number;
  /** Parsed JSON body, or null when the body was not JSON (an HTML error page, empty). */
  readonly body: unknown;
  readonly traceId?: string | undefined;
}

/** Turns an HTTP error response into a SpineFailure, keyed on the Spine code whatever the version's code system. */
export function interpretFailedResponse(response: FailedResponse): SpineFailure {
  const { httpStatus, traceId } = response;
  const base = { httpStatus, ...(traceId ? { traceId } : {}) };
  const outcome = outcomeCoding(response.body);
  let code: string;
  let detail: string | undefined;
  if (!outcome?.coding || typeof outcome.coding.code !== 'string') {
    code = 'NO_OPERATION_OUTCOME';
    detail = outcome?.diagnostics;
  } else if (outcome.coding.system === SSP_CODE_SYSTEM || /^\d{3}$/.test(outcome.coding.code)) {
    // SSP: the code is the HTTP status; what went wrong is in display/diagnostics.
    const text =
      `${typeof outcome.coding.display === 'string' ? outcome.coding.display : ''} ${outcome.diagnostics ?? ''}`.trim();
    code = SSP_PREFIXES.find(([pattern]) => pattern.test(text))?.[1] ?? `SSP_${outcome.coding.code}`;
    detail = trimDetail(text);
  } else {
    code = outcome.coding.code;
    detail = outcome.diagnostics;
  }
  return {
    ...base,
    code,
    message: messageFor(code, httpStatus),
    ...(detail ? { detail } : {}),
    retryable: httpStatus === 502 || code === 'SSP_ERROR_COMMUNICATING',
  };
}

export function transportFailure(
  code: 'TIMEOUT' | 'CONNECTION_FAILED' | 'TLS_FAILED' | 'INVALID_RESPONSE',
  detail?: string,
  traceId?: string,
): SpineFailure {
  return {
    code,
    message: messageFor(code),
    retryable: code === 'TIMEOUT' || code === 'CONNECTION_FAILED',
    ...(detail ? { detail: detail.slice(0, 500) } : {}),
    ...(traceId ? { traceId } : {}),
  };
}
