import type { LiveConfig } from '../../shared/config/config-schema';
import type { ClinicianIdentity } from '../../shared/session/clinician';
import type { Requester } from '../spine/gpc-jwt';

/**
 * The JWT's requester from the signed-in clinician (SPEC §3.2): their SDS user ID, the chosen role profile, and the
 * role's organisation as `requesting_organization`; the device and `iss` stay the workstation's own.
 */
export function requesterFor(
  config: Pick<LiveConfig, 'consumer'>,
  product: { name: string; version: string },
  user: ClinicianIdentity,
): Requester {
  const { consumer } = config;
  return {
    consumer: {
      endpointUrl: consumer.endpointUrl,
      odsCode: user.organisation.odsCode,
      organisationName: user.organisation.name,
      deviceId: consumer.deviceId,
    },
    user: {
      id: user.sdsUserId,
      sdsUserId: user.sdsUserId,
      roleProfileId: user.roleProfileId,
      familyName: user.name.family,
      // GP Connect needs a given name; a certificate without one still names the person by family name.
      givenName: user.name.given[0] ?? user.name.family,
      prefix: user.name.prefix,
    },
    product,
  };
}
