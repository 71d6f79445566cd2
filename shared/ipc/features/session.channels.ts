/** Filled in by the session feature. */
export const SESSION_CHANNELS = [] as const;
