/** Error codes of the explorer feature, with the sentence a clinician sees by default. */
export const EXPLORER_ERRORS = {} as const;
