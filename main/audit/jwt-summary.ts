import { decodeJwt } from 'jose';
import { z } from 'zod';
import type { AuditJwt } from '../../shared/audit/audit-record';

/**
 * The JWT's who/what/when for an audit record, read from the token as sent (SPEC §3.2, and 0.7.x §3.5 for the HTML
 * record). Identifier systems are matched by their last segment, because 0.7.x and 1.x spell the namespaces
 * differently (`http://fhir.nhs.net/sds-user-id` vs `https://fhir.nhs.uk/Id/sds-user-id`).
 */
const identifiers = z.array(z.object({ system: z.string(), value: z.string() })).optional();
const claims = z.object({
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  iat: z.number().optional(),
  exp: z.number().optional(),
  reason_for_request: z.string().optional(),
  requested_scope: z.string().optional(),
  requested_record: z.object({ resourceType: z.string(), identifier: identifiers }).optional(),
  requesting_organization: z.object({ identifier: identifiers }).optional(),
  requesting_practitioner: z.object({ identifier: identifiers }).optional(),
});

type Identifiers = z.infer<typeof identifiers>;

function valueOf(ids: Identifiers, systemEnd: string): string | undefined {
  return ids?.find((i) => i.system.endsWith(systemEnd))?.value;
}

const isoOf = (seconds: number | undefined): string =>
  seconds === undefined ? '' : new Date(seconds * 1000).toISOString();

export interface JwtAuditItems {
  readonly jwt: AuditJwt;
  /** The patient a 0.7.x token names in `requested_record`. */
  readonly nhsNumber?: string;
}

/** Undefined when the token cannot be decoded (then the audit record says so by lacking `jwt`). */
export function jwtAuditItems(token: string): JwtAuditItems | undefined {
  let parsed;
  try {
    parsed = claims.safeParse(decodeJwt(token));
  } catch {
    return undefined;
  }
  if (!parsed.success) return undefined;
  const c = parsed.data;
  const roleProfile = valueOf(c.requesting_practitioner?.identifier, 'sds-role-profile-id');
  const jwt: AuditJwt = {
    practitionerSdsUserId: valueOf(c.requesting_practitioner?.identifier, 'sds-user-id') ?? '',
    ...(roleProfile ? { practitionerRoleProfileId: roleProfile } : {}),
    organisationOdsCode: valueOf(c.requesting_organization?.identifier, 'ods-organization-code') ?? '',
    reasonForRequest: c.reason_for_request ?? '',
    requestedScope: c.requested_scope ?? '',
    issuedAt: isoOf(c.iat),
    expiresAt: isoOf(c.exp),
    audience: Array.isArray(c.aud) ? c.aud.join(' ') : (c.aud ?? ''),
  };
  const record = c.requested_record;
  const nhsNumber = record?.resourceType === 'Patient' ? valueOf(record.identifier, 'nhs-number') : undefined;
  return nhsNumber ? { jwt, nhsNumber } : { jwt };
}
