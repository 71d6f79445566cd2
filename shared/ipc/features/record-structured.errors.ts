/** Error codes of the record-structured feature, with the sentence a clinician sees by default. */
export const RECORD_STRUCTURED_ERRORS = {} as const;
