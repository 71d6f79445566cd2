/** Error codes of the session feature, with the sentence a clinician sees by default. */
export const SESSION_ERRORS = {} as const;
