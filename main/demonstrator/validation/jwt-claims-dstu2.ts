import { z } from 'zod';
import { gpcError } from '../operation-outcome';
import type { JwtExpectations } from './jwt-claims';
import { checkJwtEnvelope } from './jwt-claims';
import type { Checked } from './result';
import { pass, reject } from './result';

/**
 * The Access Record HTML 0.7.x JWT (SPEC §3.5): `aud` fixed, a `requested_record` naming the patient (or the
 * organisation for metadata), DSTU2 resource shapes and `http://fhir.nhs.net` systems. As in the 0.7.4 suite, a
 * missing identifier or name or the wrong resourceType is 400 BAD_REQUEST; a resource that is otherwise not valid
 * FHIR is 422 INVALID_RESOURCE.
 */
export const DSTU2_JWT_AUDIENCE = 'https://authorize.fhir.nhs.net/token';
export const DSTU2_NHS_NUMBER_SYSTEM = 'http://fhir.nhs.net/Id/nhs-number';
export const DSTU2_ODS_SYSTEM = 'http://fhir.nhs.net/Id/ods-organization-code';
const DSTU2_SDS_USER_SYSTEM = 'http://fhir.nhs.net/sds-user-id';
const JOB_ROLE_SYSTEM = 'http://fhir.nhs.net/ValueSet/sds-job-role-name-1';

const text = z.string().trim().min(1);
const fhirId = z.string().regex(/^[A-Za-z0-9.-]{1,64}$/, 'not a FHIR id');
const identifier = z.object({ system: text, value: text });

const device = z.object({
  resourceType: z.literal('Device'),
  id: fhirId,
  identifier: z.array(identifier).min(1),
  model: text,
  version: text,
});
const organization = z.object({
  resourceType: z.literal('Organization'),
  id: fhirId,
  identifier: z.array(identifier).min(1),
  name: text,
});
const practitioner = z.object({
  resourceType: z.literal('Practitioner'),
  id: fhirId,
  identifier: z.array(identifier).min(2),
  // DSTU2 HumanName: one object, family is an array.
  name: z.object({ family: z.array(text).min(1), given: z.array(text).min(1), prefix: z.array(text).optional() }),
  practitionerRole: z
    .array(
      z.object({
        role: z.object({ coding: z.array(z.object({ system: z.literal(JOB_ROLE_SYSTEM), code: text })).min(1) }),
      }),
    )
    .min(1),
});
const requestedPatient = z.object({
  resourceType: z.literal('Patient'),
  identifier: z.array(z.object({ system: z.literal(DSTU2_NHS_NUMBER_SYSTEM), value: text })).length(1),
});
const requestedOrganization = z.object({
  resourceType: z.literal('Organization'),
  identifier: z.array(z.object({ system: z.literal(DSTU2_ODS_SYSTEM), value: text })).length(1),
});

export interface Dstu2Jwt {
  readonly sub: string;
  /** The NHS number or ODS code of requested_record. */
  readonly requestedRecord: string;
}

type Json = Record<string, unknown>;
const bad = (message: string) => reject(gpcError('BAD_REQUEST', message));
const asObject = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const identifiers = (r: Json): { system?: unknown; value?: unknown }[] =>
  Array.isArray(r['identifier']) ? (r['identifier'] as { system?: unknown }[]) : [];

function resource<T>(
  claim: string,
  value: unknown,
  type: string,
  schema: z.ZodType<T>,
  precheck: (r: Json) => string | undefined,
): Checked<T> {
  const r = asObject(value);
  if (!r || r['resourceType'] !== type) return bad(`JWT ${claim} must be a ${type} resource`);
  const problem = precheck(r);
  if (problem !== undefined) return bad(`JWT ${claim} ${problem}`);
  const parsed = schema.safeParse(r);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return reject(
      gpcError(
        'INVALID_RESOURCE',
        `JWT ${claim} is not a valid DSTU2 ${type}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`,
      ),
    );
  }
  return pass(parsed.data);
}

export function checkJwtDstu2(
  authorization: string | string[] | undefined,
  expected: Omit<JwtExpectations, 'audience' | 'allowConfidentialityScope' | 'extraClaims'> & {
    readonly requestedRecord: 'patient' | 'organization';
  },
): Checked<Dstu2Jwt> {
  const envelope = checkJwtEnvelope(authorization, {
    ...expected,
    audience: DSTU2_JWT_AUDIENCE,
    allowConfidentialityScope: false,
    extraClaims: ['requested_record'],
  });
  if (!envelope.ok) return envelope;
  const { claims } = envelope.value;

  const dev = resource('requesting_device', claims['requesting_device'], 'Device', device, () => undefined);
  if (!dev.ok) return dev;
  const org = resource(
    'requesting_organization',
    claims['requesting_organization'],
    'Organization',
    organization,
    (r) =>
      identifiers(r).some((i) => i.system === DSTU2_ODS_SYSTEM) ? undefined : `needs an ${DSTU2_ODS_SYSTEM} identifier`,
  );
  if (!org.ok) return org;
  const who = resource(
    'requesting_practitioner',
    claims['requesting_practitioner'],
    'Practitioner',
    practitioner,
    (r) => {
      if (!identifiers(r).some((i) => i.system === DSTU2_SDS_USER_SYSTEM))
        return `needs an ${DSTU2_SDS_USER_SYSTEM} identifier`;
      const name = asObject(r['name']);
      if (!name || !Array.isArray(name['family']) || !Array.isArray(name['given']))
        return 'needs a name with family and given';
      return undefined;
    },
  );
  if (!who.ok) return who;
  if (claims['sub'] !== who.value.id) return bad('JWT sub must equal requesting_practitioner.id');

  const isPatient = expected.requestedRecord === 'patient';
  const record = (isPatient ? requestedPatient : requestedOrganization).safeParse(claims['requested_record']);
  if (!record.success) {
    return bad(
      `JWT requested_record must be a minimal ${isPatient ? 'Patient' : 'Organization'} with one ${isPatient ? DSTU2_NHS_NUMBER_SYSTEM : DSTU2_ODS_SYSTEM} identifier`,
    );
  }
  return pass({ sub: who.value.id, requestedRecord: record.data.identifier[0]?.value ?? '' });
}
