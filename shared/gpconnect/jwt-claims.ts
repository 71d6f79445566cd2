import { z } from 'zod';

/**
 * The GP Connect JWT claims (SPEC §3.2, STU3 1.2.x/1.6.x), as a schema every outgoing token is checked against
 * before it leaves the machine: a token the provider would reject is a bug here, never a 400 at the practice.
 */
export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const SDS_USER_SYSTEM = 'https://fhir.nhs.uk/Id/sds-user-id';
export const SDS_ROLE_PROFILE_SYSTEM = 'https://fhir.nhs.uk/Id/sds-role-profile-id';

export const SCOPES = ['patient/*.read', 'patient/*.write', 'organization/*.read'] as const;
export type Scope = (typeof SCOPES)[number];

const identifier = z.object({ system: z.string().url(), value: z.string().min(1) }).strict();

export const requestingDevice = z
  .object({
    resourceType: z.literal('Device'),
    identifier: z.array(identifier).min(1),
    model: z.string().min(1),
    version: z.string().min(1),
  })
  .strict();

export const requestingOrganization = z
  .object({
    resourceType: z.literal('Organization'),
    identifier: z
      .array(identifier)
      .min(1)
      .refine((ids) => ids.some((i) => i.system === ODS_SYSTEM), 'needs an ODS code identifier'),
    name: z.string().min(1),
  })
  .strict();

export const requestingPractitioner = z
  .object({
    resourceType: z.literal('Practitioner'),
    id: z.string().min(1),
    identifier: z
      .array(identifier)
      .min(3)
      .refine((ids) => ids.some((i) => i.system === SDS_USER_SYSTEM), 'needs the SDS user ID (or UNK)')
      .refine((ids) => ids.some((i) => i.system === SDS_ROLE_PROFILE_SYSTEM), 'needs the SDS role profile ID (or UNK)'),
    name: z
      .array(
        z
          .object({
            family: z.string().min(1),
            given: z.array(z.string().min(1)).min(1),
            prefix: z.array(z.string()).optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const gpcJwtClaims = z
  .object({
    iss: z.string().url(),
    sub: z.string().min(1),
    aud: z.string().url(),
    iat: z.number().int().positive(),
    exp: z.number().int().positive(),
    reason_for_request: z.literal('directcare'),
    requested_scope: z.enum(SCOPES),
    requesting_device: requestingDevice,
    requesting_organization: requestingOrganization,
    requesting_practitioner: requestingPractitioner,
  })
  .strict()
  .refine((c) => c.exp === c.iat + 300, { message: 'exp must be exactly iat + 300', path: ['exp'] })
  .refine((c) => c.sub === c.requesting_practitioner.id, {
    message: 'sub must equal requesting_practitioner.id',
    path: ['sub'],
  });

export type GpcJwtClaims = z.infer<typeof gpcJwtClaims>;
