import { ADMIN_ERRORS } from './features/admin.errors';
import { APPOINTMENT_ERRORS } from './features/appointments.errors';
import { AUDIT_ERRORS } from './features/audit.errors';
import { EXPLORER_ERRORS } from './features/explorer.errors';
import { RECORD_PRINT_ERRORS } from './features/record-print.errors';
import { RECORD_STRUCTURED_ERRORS } from './features/record-structured.errors';
import { SESSION_ERRORS } from './features/session.errors';

/**
 * Every error code a channel can return, with the sentence a clinician sees by default.
 * Handlers may give a more specific message; the code is what the renderer branches on.
 */
const CORE_ERRORS = {
  INVALID_INPUT: 'The request was not valid.',
  INPUT_TOO_LARGE: 'The request was too large to process.',
  UNKNOWN_CHANNEL: 'The workstation does not support that action.',
  FORBIDDEN_SENDER: 'The request did not come from the workstation window and was refused.',
  IPC_FAILURE: 'The workstation could not reach its main process. Try again; if it persists, restart the app.',
  INTERNAL_ERROR: 'Something went wrong in the workstation. The problem has been logged; try again.',
  NOT_AVAILABLE: 'This is not available on this workstation.',
  PATIENT_NOT_FOUND: 'No patient was found with that NHS number.',
  SPINE_ERROR: 'The request to Spine or the GP practice failed.',
  PATIENT_RESTRICTED:
    "This patient's record is restricted on PDS. GP Connect is not used for restricted patients, so the GP record cannot be shown here.",
  TRACE_REQUIRED:
    'The GP record can only be requested within 24 hours of tracing the patient on PDS in this session. Search for the patient again.',
  NO_REGISTERED_PRACTICE:
    'PDS records no current registered GP practice for this patient, so there is no GP record to request.',
} as const;

/** Core codes plus each feature's own (in `features/<feature>.errors.ts`, so features do not edit one file). */
export const ERROR_CODES = {
  ...CORE_ERRORS,
  ...RECORD_STRUCTURED_ERRORS,
  ...RECORD_PRINT_ERRORS,
  ...APPOINTMENT_ERRORS,
  ...SESSION_ERRORS,
  ...AUDIT_ERRORS,
  ...EXPLORER_ERRORS,
  ...ADMIN_ERRORS,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface GpcErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
  /** Extra detail a clinician or service desk can act on (never a stack trace). */
  readonly detail?: string;
  /** For SPINE_ERROR: the Spine/GP Connect code, HTTP status and Ssp-TraceID, for the service desk. */
  readonly spine?: { readonly code: string; readonly httpStatus?: number; readonly traceId?: string };
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: GpcErrorInfo };

export function errorResult(code: ErrorCode, message?: string, detail?: string): { ok: false; error: GpcErrorInfo } {
  const error: GpcErrorInfo =
    detail === undefined
      ? { code, message: message ?? ERROR_CODES[code] }
      : { code, message: message ?? ERROR_CODES[code], detail };
  return { ok: false, error };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}
