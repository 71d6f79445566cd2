import { decodeJwt, decodeProtectedHeader } from 'jose';
import { z } from 'zod';
import type { Scope } from '../interactions';
import { gpcError } from '../operation-outcome';
import type { Checked } from './result';
import { pass, reject } from './result';

/**
 * The GP Connect 1.2.x / 1.6.x JWT as the provider conformance suite checks it (SPEC §3), and a little stricter:
 * all three practitioner identifiers are required, as consumers SHALL send them. Claim faults are 400 BAD_REQUEST;
 * a requesting_* claim that is not the right FHIR resource, or not a valid one, is 422 INVALID_RESOURCE (1.2.7 suite).
 */
export const JWT_LIFETIME_SECONDS = 300;
/** How far ahead of our clock `iat` may be (the suite accepts 200 s): consumer clocks drift. */
export const JWT_FUTURE_TOLERANCE_SECONDS = 300;

const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
const SDS_USER_SYSTEM = 'https://fhir.nhs.uk/Id/sds-user-id';
const SDS_ROLE_SYSTEM = 'https://fhir.nhs.uk/Id/sds-role-profile-id';

const text = z.string().trim().min(1);
const identifier = z.object({ system: z.url(), value: text });
const fhirId = z.string().regex(/^[A-Za-z0-9.-]{1,64}$/, 'not a FHIR id');

const device = z.object({
  resourceType: z.literal('Device'),
  identifier: z.array(identifier).min(1),
  model: text,
  version: text,
});

const organization = z.object({
  resourceType: z.literal('Organization'),
  identifier: z
    .array(identifier)
    .min(1)
    .refine((ids) => ids.some((i) => i.system === ODS_SYSTEM && /^[A-Z0-9]{3,10}$/.test(i.value)), {
      message: `needs an identifier with system ${ODS_SYSTEM} and an ODS code`,
    }),
  name: text,
});

const practitioner = z.object({
  resourceType: z.literal('Practitioner'),
  id: fhirId,
  name: z.array(z.object({ family: text, given: z.array(text).min(1), prefix: z.array(text).optional() })).min(1),
  identifier: z
    .array(identifier)
    .refine((ids) => ids.some((i) => i.system === SDS_USER_SYSTEM), {
      message: `needs a ${SDS_USER_SYSTEM} identifier`,
    })
    .refine((ids) => ids.some((i) => i.system === SDS_ROLE_SYSTEM), {
      message: `needs a ${SDS_ROLE_SYSTEM} identifier`,
    })
    .refine((ids) => ids.some((i) => i.system !== SDS_USER_SYSTEM && i.system !== SDS_ROLE_SYSTEM), {
      message: 'needs a local user identifier under the consumer’s own system',
    }),
});

export type JwtPractitioner = z.infer<typeof practitioner>;

export interface GpcJwt {
  readonly iss: string;
  readonly sub: string;
  readonly aud: string;
  readonly iat: number;
  readonly exp: number;
  readonly requestedScope: string;
  readonly practitioner: JwtPractitioner;
  readonly organisationOds: string;
}

const REQUIRED_CLAIMS = [
  'iss',
  'sub',
  'aud',
  'iat',
  'exp',
  'reason_for_request',
  'requested_scope',
  'requesting_device',
  'requesting_organization',
  'requesting_practitioner',
] as const;

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.join('.') || '(resource)'}: ${issue.message}`;
}

export function checkResource<T>(
  claim: string,
  value: unknown,
  resourceType: string,
  schema: z.ZodType<T>,
): Checked<T> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return reject(gpcError('INVALID_RESOURCE', `JWT ${claim} must be a FHIR ${resourceType} resource`));
  }
  const type = (value as Record<string, unknown>)['resourceType'];
  if (type !== resourceType) {
    return reject(gpcError('INVALID_RESOURCE', `JWT ${claim} has resourceType ${String(type)}, not ${resourceType}`));
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    return reject(
      gpcError('INVALID_RESOURCE', `JWT ${claim} is not a valid ${resourceType}: ${describe(parsed.error)}`),
    );
  }
  return pass(parsed.data);
}

/** The scope claim must name the interaction's scope; Structured (1.6.x) may add `conf/N`. */
function scopeAllowed(claimed: string, scope: Scope, allowConfidentiality: boolean): boolean {
  if (claimed === scope) return true;
  return allowConfidentiality && claimed === `${scope} conf/N`;
}

export interface JwtExpectations {
  readonly audience: string;
  readonly scope: Scope;
  readonly allowConfidentialityScope: boolean;
  readonly nowSeconds: number;
  /** Claims beyond the 1.x set (0.7.x adds requested_record). */
  readonly extraClaims?: readonly string[];
}

/** Token form, header and the claims both JWT variants share (SPEC §3.1–§3.2, §3.5); all faults 400 BAD_REQUEST. */
export function checkJwtEnvelope(
  authorization: string | string[] | undefined,
  expected: JwtExpectations,
): Checked<{ claims: Record<string, unknown>; iat: number; exp: number; scope: string }> {
  const bad = (message: string) => reject(gpcError('BAD_REQUEST', message));
  if (authorization === undefined || Array.isArray(authorization) || authorization === '') {
    return bad('Authorization header with a Bearer JWT is missing');
  }
  const match = /^Bearer (\S+)$/.exec(authorization);
  if (!match?.[1]) return bad('Authorization header must be "Bearer <JWT>"');
  const token = match[1];
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.slice(0, 2).every((p) => /^[A-Za-z0-9_-]+$/.test(p))) {
    return bad('JWT must be three base64url parts separated by "."');
  }
  if (parts[2] !== '') return bad('JWT must be unsigned: the signature part must be empty (token ends with ".")');

  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(token) as Record<string, unknown>;
    claims = decodeJwt(token) as Record<string, unknown>;
  } catch {
    return bad('JWT header or payload is not base64url-encoded JSON');
  }
  if (header['alg'] !== 'none') return bad(`JWT header alg must be "none", not ${JSON.stringify(header['alg'])}`);
  if (header['typ'] !== 'JWT') return bad(`JWT header typ must be "JWT", not ${JSON.stringify(header['typ'])}`);

  for (const claim of [...REQUIRED_CLAIMS, ...(expected.extraClaims ?? [])]) {
    const value = claims[claim];
    if (value === undefined || value === null || value === '') return bad(`JWT ${claim} claim is missing or empty`);
  }
  if (!z.url().safeParse(claims['iss']).success) return bad('JWT iss must be the URL of the consumer system');
  if (typeof claims['sub'] !== 'string') return bad('JWT sub must be a string');
  if (claims['aud'] !== expected.audience) {
    return bad(`JWT aud must be the provider service root ${expected.audience}, not ${JSON.stringify(claims['aud'])}`);
  }
  const iat = claims['iat'];
  const exp = claims['exp'];
  if (typeof iat !== 'number' || !Number.isInteger(iat)) return bad('JWT iat must be integer epoch seconds');
  if (typeof exp !== 'number' || !Number.isInteger(exp)) return bad('JWT exp must be integer epoch seconds');
  if (exp - iat !== JWT_LIFETIME_SECONDS) {
    return bad(`JWT exp must be exactly iat + ${JWT_LIFETIME_SECONDS} seconds (it is iat + ${exp - iat})`);
  }
  if (exp < expected.nowSeconds) return bad('JWT has expired (exp is in the past)');
  if (iat > expected.nowSeconds + JWT_FUTURE_TOLERANCE_SECONDS) return bad('JWT iat is too far in the future');
  if (claims['reason_for_request'] !== 'directcare') return bad('JWT reason_for_request must be "directcare"');
  const scope = claims['requested_scope'];
  if (typeof scope !== 'string' || !scopeAllowed(scope, expected.scope, expected.allowConfidentialityScope)) {
    return bad(`JWT requested_scope must be "${expected.scope}" for this interaction, not ${JSON.stringify(scope)}`);
  }
  return pass({ claims, iat, exp, scope });
}

export function checkJwt(authorization: string | string[] | undefined, expected: JwtExpectations): Checked<GpcJwt> {
  const bad = (message: string) => reject(gpcError('BAD_REQUEST', message));
  const envelope = checkJwtEnvelope(authorization, expected);
  if (!envelope.ok) return envelope;
  const { claims, iat, exp, scope } = envelope.value;

  const deviceCheck = checkResource('requesting_device', claims['requesting_device'], 'Device', device);
  if (!deviceCheck.ok) return deviceCheck;
  const orgCheck = checkResource(
    'requesting_organization',
    claims['requesting_organization'],
    'Organization',
    organization,
  );
  if (!orgCheck.ok) return orgCheck;
  const practitionerCheck = checkResource(
    'requesting_practitioner',
    claims['requesting_practitioner'],
    'Practitioner',
    practitioner,
  );
  if (!practitionerCheck.ok) return practitionerCheck;
  if (claims['sub'] !== practitionerCheck.value.id) return bad('JWT sub must equal requesting_practitioner.id');

  return pass({
    iss: claims['iss'] as string,
    sub: claims['sub'] as string,
    aud: expected.audience,
    iat,
    exp,
    requestedScope: scope,
    practitioner: practitionerCheck.value,
    organisationOds: orgCheck.value.identifier.find((i) => i.system === ODS_SYSTEM)?.value ?? '',
  });
}
