import { UnsecuredJWT, base64url, decodeProtectedHeader } from 'jose';
import type { Scope } from '../../shared/gpconnect/jwt-claims';
import { ODS_SYSTEM, SDS_ROLE_PROFILE_SYSTEM, SDS_USER_SYSTEM, gpcJwtClaims } from '../../shared/gpconnect/jwt-claims';

/** Who is asking, from where: the device, the user's organisation and the signed-in user (SPEC §3.2). */
export interface Requester {
  readonly consumer: {
    /** Our Spine endpoint URL (`iss`), also the base of our own identifier systems. */
    readonly endpointUrl: string;
    readonly odsCode: string;
    readonly organisationName: string;
    readonly deviceId: string;
  };
  readonly user: {
    /** Local user id: `sub` and `requesting_practitioner.id`. */
    readonly id: string;
    readonly sdsUserId: string;
    readonly roleProfileId: string;
    readonly familyName: string;
    readonly givenName: string;
    readonly prefix?: string | undefined;
  };
  readonly product: { readonly name: string; readonly version: string };
}

export class JwtRejectedError extends Error {
  override readonly name = 'JwtRejectedError';
}

const TTL_SECONDS = 300;

/**
 * Claims already proven acceptable, keyed by everything but the two time claims (which this module computes from the
 * clock, never from input). A new user, role, audience or scope is checked in full; a repeat call skips the decode
 * and schema pass that otherwise dominate the consumer overhead of a call on a fast network.
 */
const accepted = new Set<string>();
const ACCEPTED_MAX = 256;

function ownSystem(endpointUrl: string, what: string): string {
  return `${endpointUrl.replace(/\/+$/, '')}/Id/${what}`;
}

/**
 * Builds the unsigned GP Connect JWT with jose and checks it against the claims schema before returning it.
 * jose's UnsecuredJWT writes the header `{"alg":"none"}`; GP Connect asks for `{"alg":"none","typ":"JWT"}`, so the
 * header segment is re-encoded (jose's base64url) while claims, payload encoding and the empty signature stay jose's.
 */
export function buildGpcJwt(requester: Requester, opts: { audience: string; scope: Scope; now: Date }): string {
  const iat = Math.floor(opts.now.getTime() / 1000);
  const { consumer, user, product } = requester;
  const claims = {
    reason_for_request: 'directcare',
    requested_scope: opts.scope,
    requesting_device: {
      resourceType: 'Device',
      identifier: [{ system: ownSystem(consumer.endpointUrl, 'device-identifier'), value: consumer.deviceId }],
      model: product.name,
      version: product.version,
    },
    requesting_organization: {
      resourceType: 'Organization',
      identifier: [{ system: ODS_SYSTEM, value: consumer.odsCode }],
      name: consumer.organisationName,
    },
    requesting_practitioner: {
      resourceType: 'Practitioner',
      id: user.id,
      identifier: [
        { system: SDS_USER_SYSTEM, value: user.sdsUserId || 'UNK' },
        { system: SDS_ROLE_PROFILE_SYSTEM, value: user.roleProfileId || 'UNK' },
        { system: ownSystem(consumer.endpointUrl, 'user-id'), value: user.id },
      ],
      name: [{ family: user.familyName, given: [user.givenName], ...(user.prefix ? { prefix: [user.prefix] } : {}) }],
    },
  };
  const unsigned = new UnsecuredJWT(claims)
    .setIssuer(consumer.endpointUrl)
    .setSubject(user.id)
    .setAudience(opts.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + TTL_SECONDS)
    .encode();
  const [, payload] = unsigned.split('.');
  const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
  const token = `${header}.${payload ?? ''}.`;
  const key = JSON.stringify([claims, consumer.endpointUrl, user.id, opts.audience]);
  if (!accepted.has(key)) {
    assertAcceptable(token, opts.audience, opts.now);
    if (accepted.size >= ACCEPTED_MAX) accepted.clear();
    accepted.add(key);
  }
  return token;
}

/** Decodes the token as a provider would and checks every rule; throws rather than let a bad token leave. */
export function assertAcceptable(token: string, audience: string, now: Date): void {
  const header = decodeProtectedHeader(token);
  if (header.alg !== 'none' || header.typ !== 'JWT') throw new JwtRejectedError('JWT header must be alg none, typ JWT');
  const { payload } = UnsecuredJWT.decode(token, { audience, currentDate: now });
  const checked = gpcJwtClaims.safeParse(payload);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new JwtRejectedError(`JWT would be rejected: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
}
