import type { ClinicianIdentity } from '../session/clinician';

/**
 * Who may read the audit trail: local admins, named by SDS user ID or by role profile ID in configuration
 * (`audit.admins`). In demo mode with no admins configured, the demo user is the admin, so the viewer can be tried;
 * a configured list always wins, also in demo mode.
 */
export interface AuditAdminPolicy {
  readonly sdsUserIds: readonly string[];
  readonly roleProfileIds: readonly string[];
  /** Demo mode without a configured list: demo and configured identities are admins. */
  readonly demoAdmin: boolean;
}

export function isAuditAdmin(identity: ClinicianIdentity | undefined, policy: AuditAdminPolicy): boolean {
  if (!identity) return false;
  if (policy.sdsUserIds.includes(identity.sdsUserId)) return true;
  if (policy.roleProfileIds.includes(identity.roleProfileId)) return true;
  return policy.demoAdmin && (identity.source === 'demo' || identity.source === 'configured');
}
