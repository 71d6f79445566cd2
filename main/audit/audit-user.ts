import type { AuditUser } from '../../shared/audit/audit-record';
import type { LiveConfig } from '../../shared/config/config-schema';
import type { ClinicianIdentity } from '../../shared/session/clinician';

/** The configured identity as a clinician, until sign-in (the session feature) provides the real one. */
export function configuredClinician(config: LiveConfig): ClinicianIdentity {
  const { identity, consumer } = config;
  return {
    sdsUserId: identity.sdsUserId,
    name: {
      family: identity.familyName,
      given: [identity.givenName],
      ...(identity.prefix ? { prefix: identity.prefix } : {}),
    },
    roleProfileId: identity.roleProfileId,
    roleName: '',
    organisation: { odsCode: consumer.odsCode, name: consumer.organisationName },
    source: 'configured',
  };
}

/** Who acts now: the signed-in user, or the configured identity while nobody is signed in. */
export function actingClinician(
  currentUser: (() => ClinicianIdentity | undefined) | undefined,
  config: LiveConfig,
): ClinicianIdentity {
  return currentUser?.() ?? configuredClinician(config);
}

/** The user as an audit record names them: `JONES, Claire (Dr)`, role profile and organisation. */
export function auditUserOf(identity: ClinicianIdentity): AuditUser {
  const { family, given, prefix } = identity.name;
  return {
    sdsUserId: identity.sdsUserId,
    name: `${family.toUpperCase()}, ${given.join(' ')}${prefix ? ` (${prefix})` : ''}`,
    roleProfileId: identity.roleProfileId,
    ...(identity.roleName ? { roleName: identity.roleName } : {}),
    organisation: identity.organisation.odsCode,
    organisationName: identity.organisation.name,
  };
}
