import type { GpcErrorInfo } from '../../../shared/ipc/errors';

/** A failed record request in the clinician's words: what happened (main's sentence) and what to do next. */
export interface RecordProblem {
  readonly title: string;
  readonly message: string;
  readonly next: string;
  /** Offer "Try again": only where asking again can help (the practice or Spine could not be reached). */
  readonly retry: boolean;
}

const UNREACHABLE = new Set([
  'TIMEOUT',
  'CONNECTION_FAILED',
  'SSP_ERROR_COMMUNICATING',
  'INTERNAL_SERVER_ERROR',
  'NO_OPERATION_OUTCOME',
]);

export function describeRecordError(error: GpcErrorInfo): RecordProblem {
  const spineCode = error.code === 'SPINE_ERROR' ? error.spine?.code : undefined;
  const problem = (title: string, next: string, retry = false): RecordProblem => ({
    title,
    message: error.message,
    next,
    retry,
  });
  switch (spineCode ?? error.code) {
    case 'NO_PATIENT_CONSENT':
      return problem(
        'The patient has not consented to share their GP record',
        'Do not ask for the record again. Talk to the patient, or phone their GP practice if you need information for their direct care.',
      );
    case 'ACCESS DENIED':
      return problem(
        'GP Connect is switched off at this practice',
        'Contact the practice by phone or email for the information you need.',
      );
    case 'SSP_NO_SHARING_AGREEMENT':
    case 'NO_ORGANISATION_CONSENT':
      return problem(
        'Your organisation has no data sharing agreement with this practice',
        'Contact the practice directly for the information you need. Your IT service desk can tell you how to set up an agreement.',
      );
    case 'PATIENT_NOT_FOUND':
      return problem(
        'The practice has no record for this patient',
        'Check the registered practice with the patient: PDS may not yet show a recent move. Then contact the practice they are registered with.',
      );
    case 'TRACE_REQUIRED':
      return problem('Trace the patient again', 'Search for the patient by NHS number again, then open their record.');
    case 'IPC_FAILURE':
      return problem(
        'The workstation could not ask for the record',
        'Try again. If it persists, restart the app.',
        true,
      );
    default:
      if (spineCode !== undefined && UNREACHABLE.has(spineCode)) {
        return problem(
          'The practice could not be reached',
          'Try again in a moment. If it keeps failing, contact the practice by phone.',
          true,
        );
      }
      return problem(
        'The GP record could not be shown',
        'Try again. If it keeps failing, contact your IT service desk with the details below.',
        true,
      );
  }
}
