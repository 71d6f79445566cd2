/** Filled in by the explorer feature. */
export const EXPLORER_CHANNELS = [] as const;
