import { UnsecuredJWT, base64url, decodeProtectedHeader } from 'jose';
import { z } from 'zod';
import type { Requester } from './gpc-jwt';
import { JwtRejectedError } from './gpc-jwt';

/**
 * The Access Record HTML 0.7.x JWT (SPEC §3.5): fixed `aud`, a `requested_record` naming the patient (or the
 * organisation for metadata), DSTU2-shaped Device/Organization/Practitioner with ids, `http://fhir.nhs.net` systems.
 */
export const HTML_JWT_AUDIENCE = 'https://authorize.fhir.nhs.net/token';
const NHS_NET = 'http://fhir.nhs.net';

const id = z.string().min(1);
const ident = z.object({ system: z.string().url(), value: z.string().min(1) }).strict();
const htmlClaims = z
  .object({
    iss: z.string().url(),
    sub: z.string().min(1),
    aud: z.literal(HTML_JWT_AUDIENCE),
    iat: z.number().int(),
    exp: z.number().int(),
    reason_for_request: z.literal('directcare'),
    requested_scope: z.enum(['patient/*.read', 'organization/*.read']),
    requested_record: z.union([
      z.object({ resourceType: z.literal('Patient'), identifier: z.array(ident).length(1) }).strict(),
      z.object({ resourceType: z.literal('Organization'), identifier: z.array(ident).length(1) }).strict(),
    ]),
    requesting_device: z
      .object({
        resourceType: z.literal('Device'),
        id,
        identifier: z.array(ident).min(1),
        model: id,
        version: id,
        type: z.unknown(),
      })
      .strict(),
    requesting_organization: z
      .object({ resourceType: z.literal('Organization'), id, identifier: z.array(ident).min(1), name: id })
      .strict(),
    requesting_practitioner: z
      .object({
        resourceType: z.literal('Practitioner'),
        id,
        identifier: z.array(ident).min(2),
        name: z
          .object({ family: z.array(id).min(1), given: z.array(id).min(1), prefix: z.array(id).optional() })
          .strict(),
        practitionerRole: z.array(z.unknown()).min(1),
      })
      .strict(),
  })
  .strict()
  .refine((c) => c.exp === c.iat + 300, { message: 'exp must be exactly iat + 300', path: ['exp'] })
  .refine((c) => c.sub === c.requesting_practitioner.id, {
    message: 'sub must equal requesting_practitioner.id',
    path: ['sub'],
  });

export function buildHtmlJwt(
  requester: Requester,
  opts: { now: Date } & ({ nhsNumber: string } | { odsCode: string }),
): string {
  const iat = Math.floor(opts.now.getTime() / 1000);
  const { consumer, user, product } = requester;
  const patient = 'nhsNumber' in opts;
  const claims = {
    reason_for_request: 'directcare',
    requested_scope: patient ? 'patient/*.read' : 'organization/*.read',
    requested_record: patient
      ? { resourceType: 'Patient', identifier: [{ system: `${NHS_NET}/Id/nhs-number`, value: opts.nhsNumber }] }
      : {
          resourceType: 'Organization',
          identifier: [{ system: `${NHS_NET}/Id/ods-organization-code`, value: opts.odsCode }],
        },
    requesting_device: {
      resourceType: 'Device',
      id: consumer.deviceId,
      identifier: [
        { system: `${consumer.endpointUrl.replace(/\/+$/, '')}/Id/device-identifier`, value: consumer.deviceId },
      ],
      type: { coding: [{ system: 'DeviceIdentifierSystem', code: 'DeviceIdentifier' }] },
      model: product.name,
      version: product.version,
    },
    requesting_organization: {
      resourceType: 'Organization',
      id: consumer.odsCode,
      identifier: [{ system: `${NHS_NET}/Id/ods-organization-code`, value: consumer.odsCode }],
      name: consumer.organisationName,
    },
    requesting_practitioner: {
      resourceType: 'Practitioner',
      id: user.id,
      identifier: [
        // The 0.7.x spec deliberately uses this system (no /Id/), unlike 1.x.
        { system: `${NHS_NET}/sds-user-id`, value: user.sdsUserId || 'UNK' },
        { system: `${consumer.endpointUrl.replace(/\/+$/, '')}/Id/user-id`, value: user.id },
      ],
      name: { family: [user.familyName], given: [user.givenName], ...(user.prefix ? { prefix: [user.prefix] } : {}) },
      practitionerRole: [{ role: { coding: [{ system: `${NHS_NET}/ValueSet/sds-job-role-name-1`, code: 'R8000' }] } }],
    },
  };
  const unsigned = new UnsecuredJWT(claims)
    .setIssuer(consumer.endpointUrl)
    .setSubject(user.id)
    .setAudience(HTML_JWT_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .encode();
  // As for 1.x: jose writes {"alg":"none"}; GP Connect asks for typ JWT too.
  const token = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${unsigned.split('.')[1] ?? ''}.`;
  const header = decodeProtectedHeader(token);
  if (header.typ !== 'JWT') throw new JwtRejectedError('JWT header must carry typ JWT');
  const checked = htmlClaims.safeParse(UnsecuredJWT.decode(token, { currentDate: opts.now }).payload);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new JwtRejectedError(`JWT would be rejected: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  return token;
}
