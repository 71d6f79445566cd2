/** Filled in by the audit feature. */
export const AUDIT_CHANNELS = [] as const;
