/** The audit trail viewer (local admins only; the role check is in main). */
export const AUDIT_CHANNELS = ['audit.status', 'audit.search', 'audit.export', 'audit.verify'] as const;
