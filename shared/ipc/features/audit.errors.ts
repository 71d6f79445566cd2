/** Error codes of the audit feature, with the sentence a clinician sees by default. */
export const AUDIT_ERRORS = {} as const;
