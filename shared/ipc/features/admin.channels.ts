/** Workstation administration: the connection doctor (Settings → Diagnostics). */
export const ADMIN_CHANNELS = ['admin.diagnostics'] as const;
