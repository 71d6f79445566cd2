/** Error codes of the record-structured feature, with the sentence a clinician sees by default. */
export const RECORD_STRUCTURED_ERRORS = {
  STRUCTURED_REQUEST_REFUSED:
    'That combination of record filters cannot be sent to the GP practice (GP Connect refuses it). Change the filters and try again.',
  RECORD_PATIENT_MISMATCH:
    'The GP practice answered with a record for a different NHS number. Nothing from it is shown. Report this to the service desk.',
} as const;
