/** Error codes of the appointments feature, with the sentence a clinician sees by default. */
export const APPOINTMENT_ERRORS = {} as const;
