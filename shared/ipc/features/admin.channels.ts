/** Filled in by the admin feature. */
export const ADMIN_CHANNELS = [] as const;
