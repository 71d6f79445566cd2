/** Error codes of the admin feature, with the sentence a clinician sees by default. */
export const ADMIN_ERRORS = {} as const;
