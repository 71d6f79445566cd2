import { UnsecuredJWT, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Requester } from '../../main/spine/gpc-jwt';
import { JwtRejectedError, assertAcceptable, buildGpcJwt } from '../../main/spine/gpc-jwt';

const requester: Requester = {
  consumer: {
    endpointUrl: 'https://workstation.example-trust.nhs.uk',
    odsCode: 'A1001',
    organisationName: 'Example Hospital',
    deviceId: 'WS-0042',
  },
  user: {
    id: '5f0c1e7a-2b1d-4c55-9a57-0c2f6d1e9b10',
    sdsUserId: '111222333444',
    roleProfileId: '444555666777',
    familyName: 'Jones',
    givenName: 'Claire',
    prefix: 'Dr',
  },
  product: { name: 'GP Connect Workstation', version: '1.0.0' },
};
const audience = 'https://provider.nhs.uk/GP0001/STU3/1/gpconnect/structured';
const now = new Date('2026-11-25T10:00:00Z');

describe('buildGpcJwt (SPEC §3)', () => {
  const token = buildGpcJwt(requester, { audience, scope: 'patient/*.read', now });

  it('is unsigned with alg none and typ JWT, and ends with a dot', () => {
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'none', typ: 'JWT' });
    expect(token.endsWith('.')).toBe(true);
    expect(token.split('.')).toHaveLength(3);
  });

  it('carries the claims GP Connect requires, with exp exactly iat + 300', () => {
    const { payload } = UnsecuredJWT.decode(token, { currentDate: now });
    expect(payload).toMatchObject({
      iss: 'https://workstation.example-trust.nhs.uk',
      sub: requester.user.id,
      aud: audience,
      iat: 1795600800, // 2026-11-25T10:00:00Z
      exp: 1795600800 + 300,
      reason_for_request: 'directcare',
      requested_scope: 'patient/*.read',
      requesting_device: { resourceType: 'Device', model: 'GP Connect Workstation', version: '1.0.0' },
      requesting_organization: {
        resourceType: 'Organization',
        identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'A1001' }],
        name: 'Example Hospital',
      },
      requesting_practitioner: {
        resourceType: 'Practitioner',
        id: requester.user.id,
        name: [{ family: 'Jones', given: ['Claire'], prefix: ['Dr'] }],
      },
    });
    const identifiers = (payload['requesting_practitioner'] as { identifier: { system: string; value: string }[] })
      .identifier;
    expect(identifiers).toEqual([
      { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: '111222333444' },
      { system: 'https://fhir.nhs.uk/Id/sds-role-profile-id', value: '444555666777' },
      { system: 'https://workstation.example-trust.nhs.uk/Id/user-id', value: requester.user.id },
    ]);
  });

  it('sends UNK when the smartcard gives no SDS ids, as the spec asks', () => {
    const { payload } = UnsecuredJWT.decode(
      buildGpcJwt(
        { ...requester, user: { ...requester.user, sdsUserId: '', roleProfileId: '' } },
        { audience, scope: 'organization/*.read', now },
      ),
      { currentDate: now },
    );
    expect(JSON.stringify(payload)).toContain('"value":"UNK"');
  });

  it('checks expiry against the clock it was built with, and refuses an expired token', () => {
    expect(() => assertAcceptable(token, audience, now)).not.toThrow();
    expect(() => assertAcceptable(token, audience, new Date(now.getTime() + 301_000))).toThrow();
  });

  it('refuses to produce a token the provider would reject', () => {
    expect(() =>
      buildGpcJwt(
        { ...requester, user: { ...requester.user, familyName: '' } },
        { audience, scope: 'patient/*.read', now },
      ),
    ).toThrow(JwtRejectedError);
    expect(() => buildGpcJwt(requester, { audience: 'not a url', scope: 'patient/*.read', now })).toThrow();
  });

  it('assertAcceptable rejects tampered tokens: wrong lifetime, wrong audience, signed header', () => {
    const [header, payload] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const reencode = (c: object) => `${header}.${Buffer.from(JSON.stringify(c)).toString('base64url')}.`;
    expect(() =>
      assertAcceptable(reencode({ ...claims, exp: (claims['iat'] as number) + 301 }), audience, now),
    ).toThrow(/iat \+ 300/);
    expect(() => assertAcceptable(token, 'https://other.example/root', now)).toThrow();
    const hs = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${payload}.`;
    expect(() => assertAcceptable(hs, audience, now)).toThrow(/alg none/);
  });
});
