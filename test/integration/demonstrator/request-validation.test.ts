import { readFileSync } from 'node:fs';
import { UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import { practiceByOds } from '../../../main/demonstrator/data/practices';
import type { GpcRequestOptions } from './helpers';
import { encodeHeader, encodeJwt, errorCode, jwtClaims, send } from './helpers';

let demo: Demonstrator;
beforeAll(async () => {
  demo = await startDemonstrator({ port: 0 });
});
afterAll(async () => {
  await demo.close();
});

const metadata = { interaction: 'fhir:rest:read:metadata-1', request: '/metadata' } as const;
const findPatient = {
  interaction: 'fhir:rest:search:patient-1',
  request: '/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number%7C9658218873',
} as const;
const now = () => Math.floor(Date.now() / 1000);

async function expectError(options: GpcRequestOptions, status: number, code: string, diagnostics?: RegExp) {
  const res = await send(demo, options);
  expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status, code });
  if (diagnostics) expect(JSON.stringify(res.body)).toMatch(diagnostics);
  return res;
}

describe('Spine headers (SPEC §2)', () => {
  it('accepts a request with all four headers right', async () => {
    expect((await send(demo, findPatient)).status).toBe(200);
  });

  it('400 BAD_REQUEST, in the shape of the published example, when Ssp-TraceID is missing', async () => {
    const res = await expectError({ ...metadata, headers: { 'Ssp-TraceID': undefined } }, 400, 'BAD_REQUEST');
    const published = JSON.parse(
      readFileSync(new URL('../../../assets/gpconnect/examples/errors/stu3-BAD_REQUEST.json', import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(published).sort());
    expect(res.body['meta']).toEqual(published['meta']);
  });

  it('400 BAD_REQUEST when Ssp-TraceID is not a UUID', async () => {
    await expectError({ ...metadata, headers: { 'Ssp-TraceID': 'trace-1234' } }, 400, 'BAD_REQUEST', /UUID/);
  });

  it('400 BAD_REQUEST when Ssp-From is not an ASID (provider called directly)', async () => {
    await expectError({ ...metadata, via: 'direct', headers: { 'Ssp-From': 'ABC' } }, 400, 'BAD_REQUEST', /Ssp-From/);
  });

  it('400 BAD_REQUEST when Ssp-To is not this practice’s ASID (provider called directly)', async () => {
    await expectError(
      { ...metadata, via: 'direct', headers: { 'Ssp-To': practiceByOds('B82617')?.asid } },
      400,
      'BAD_REQUEST',
      /Ssp-To/,
    );
    await expectError({ ...metadata, via: 'direct', headers: { 'Ssp-To': undefined } }, 400, 'BAD_REQUEST');
  });

  it('400 BAD_REQUEST when Ssp-InteractionID is missing or unknown (provider called directly)', async () => {
    await expectError({ ...metadata, via: 'direct', headers: { 'Ssp-InteractionID': undefined } }, 400, 'BAD_REQUEST');
    await expectError(
      {
        ...metadata,
        via: 'direct',
        headers: { 'Ssp-InteractionID': 'urn:nhs:names:services:gpconnect:fhir:rest:read:metadata' },
      },
      400,
      'BAD_REQUEST',
    );
  });

  it('400 BAD_REQUEST when Ssp-InteractionID does not match the verb and path', async () => {
    await expectError(
      { ...metadata, headers: { 'Ssp-InteractionID': 'urn:nhs:names:services:gpconnect:fhir:rest:read:patient-1' } },
      400,
      'BAD_REQUEST',
      /does not match/,
    );
    // Right interaction ID, wrong verb.
    await expectError({ ...metadata, method: 'POST' }, 400, 'BAD_REQUEST');
    // Read interaction ID on a search path.
    await expectError(
      { ...findPatient, headers: { 'Ssp-InteractionID': 'urn:nhs:names:services:gpconnect:fhir:rest:read:patient-1' } },
      400,
      'BAD_REQUEST',
    );
  });

  it('header names are case-insensitive', async () => {
    const res = await send(demo, {
      ...metadata,
      headers: { 'Ssp-TraceID': undefined, 'ssp-traceid': '3a0b0a1e-7b5f-4d8e-9f10-2c3d4e5f6a7b' },
    });
    expect(res.status).toBe(200);
  });
});

describe('JWT (SPEC §3)', () => {
  const aud = () => demo.serviceRoot('A20047');

  it('400 BAD_REQUEST without an Authorization header, or one that is not "Bearer <jwt>"', async () => {
    await expectError({ ...metadata, headers: { Authorization: undefined } }, 400, 'BAD_REQUEST');
    await expectError(
      { ...metadata, headers: { Authorization: `Basic ${encodeJwt(jwtClaims(aud(), 'organization/*.read'))}` } },
      400,
      'BAD_REQUEST',
    );
  });

  it('400 BAD_REQUEST for a token that is not base64url JWT', async () => {
    await expectError({ ...metadata, jwt: 'not-a-jwt' }, 400, 'BAD_REQUEST');
    await expectError({ ...metadata, jwt: 'e30=.e30=.' }, 400, 'BAD_REQUEST');
  });

  it('400 BAD_REQUEST for a signed token (signature part not empty)', async () => {
    const token = encodeJwt(jwtClaims(aud(), 'organization/*.read'));
    await expectError({ ...metadata, jwt: `${token}c2lnbmF0dXJl` }, 400, 'BAD_REQUEST', /unsigned/);
  });

  it('400 BAD_REQUEST unless the header is alg "none" and typ "JWT"', async () => {
    const claims = jwtClaims(aud(), 'organization/*.read');
    await expectError(
      { ...metadata, jwt: encodeJwt(claims, encodeHeader({ alg: 'HS256', typ: 'JWT' })) },
      400,
      'BAD_REQUEST',
      /alg/,
    );
    // jose's UnsecuredJWT alone writes {"alg":"none"} with no typ: GP Connect requires typ JWT.
    await expectError({ ...metadata, jwt: new UnsecuredJWT(claims).encode() }, 400, 'BAD_REQUEST', /typ/);
    await expectError(
      { ...metadata, jwt: encodeJwt(claims, encodeHeader({ alg: 'none', typ: 'JWS' })) },
      400,
      'BAD_REQUEST',
      /typ/,
    );
  });

  it('400 BAD_REQUEST unless exp is exactly iat + 300', async () => {
    const iat = now();
    await expectError({ ...metadata, claims: { iat, exp: iat + 299 } }, 400, 'BAD_REQUEST', /iat \+ 300/);
    await expectError({ ...metadata, claims: { iat, exp: iat + 301 } }, 400, 'BAD_REQUEST', /iat \+ 300/);
    await expectError({ ...metadata, claims: { iat, exp: iat - 300 } }, 400, 'BAD_REQUEST');
    await expectError({ ...metadata, claims: { iat: iat + 0.5, exp: iat + 300.5 } }, 400, 'BAD_REQUEST', /integer/);
  });

  it('400 BAD_REQUEST for an expired JWT; iat 200 s ahead is accepted, far ahead is not', async () => {
    const old = now() - 600;
    await expectError({ ...metadata, claims: { iat: old, exp: old + 300 } }, 400, 'BAD_REQUEST', /expired/);
    const ahead = now() + 200;
    expect((await send(demo, { ...metadata, claims: { iat: ahead, exp: ahead + 300 } })).status).toBe(200);
    const far = now() + 3600;
    await expectError({ ...metadata, claims: { iat: far, exp: far + 300 } }, 400, 'BAD_REQUEST', /future/);
  });

  it('400 BAD_REQUEST unless aud is exactly the service root', async () => {
    await expectError({ ...metadata, claims: { aud: undefined } }, 400, 'BAD_REQUEST', /aud/);
    await expectError({ ...metadata, claims: { aud: '' } }, 400, 'BAD_REQUEST', /aud/);
    await expectError({ ...metadata, claims: { aud: demo.serviceRoot('B82617') } }, 400, 'BAD_REQUEST', /aud/);
    await expectError({ ...metadata, claims: { aud: `${aud()}/` } }, 400, 'BAD_REQUEST', /aud/);
    await expectError(
      { ...metadata, claims: { aud: 'https://authorize.fhir.nhs.net/token' } },
      400,
      'BAD_REQUEST',
      /aud/,
    );
  });

  it('400 BAD_REQUEST for a missing or non-URL iss, or a reason other than directcare', async () => {
    await expectError({ ...metadata, claims: { iss: undefined } }, 400, 'BAD_REQUEST', /iss/);
    await expectError({ ...metadata, claims: { iss: 'workstation' } }, 400, 'BAD_REQUEST', /iss/);
    await expectError({ ...metadata, claims: { reason_for_request: 'migration' } }, 400, 'BAD_REQUEST', /directcare/);
    await expectError({ ...metadata, claims: { reason_for_request: undefined } }, 400, 'BAD_REQUEST');
  });

  it('400 BAD_REQUEST when requested_scope is not the interaction’s scope', async () => {
    await expectError({ ...metadata, claims: { requested_scope: 'patient/*.read' } }, 400, 'BAD_REQUEST', /scope/);
    await expectError(
      { ...findPatient, claims: { requested_scope: 'organization/*.read' } },
      400,
      'BAD_REQUEST',
      /scope/,
    );
    await expectError({ ...findPatient, claims: { requested_scope: 'patient/*.write' } }, 400, 'BAD_REQUEST', /scope/);
    // conf/N is a 1.6.x Structured addition, not Foundations 1.2.x.
    await expectError({ ...findPatient, claims: { requested_scope: 'patient/*.read conf/N' } }, 400, 'BAD_REQUEST');
  });

  it('422 INVALID_RESOURCE for a requesting_device of the wrong type or not well formed', async () => {
    const device = jwtClaims(aud(), 'organization/*.read').requesting_device;
    await expectError(
      { ...metadata, claims: { requesting_device: { ...device, resourceType: 'Organization' } } },
      422,
      'INVALID_RESOURCE',
      /requesting_device/,
    );
    await expectError(
      { ...metadata, claims: { requesting_device: { ...device, model: undefined } } },
      422,
      'INVALID_RESOURCE',
      /model/,
    );
    await expectError(
      { ...metadata, claims: { requesting_device: { ...device, identifier: [] } } },
      422,
      'INVALID_RESOURCE',
    );
    await expectError({ ...metadata, claims: { requesting_device: 'Device' } }, 422, 'INVALID_RESOURCE');
    await expectError(
      { ...metadata, claims: { requesting_device: undefined } },
      400,
      'BAD_REQUEST',
      /requesting_device/,
    );
  });

  it('422 INVALID_RESOURCE for a requesting_organization without an ODS code or name', async () => {
    const org = jwtClaims(aud(), 'organization/*.read').requesting_organization;
    await expectError(
      {
        ...metadata,
        claims: { requesting_organization: { ...org, identifier: [{ system: 'https://example.org/id', value: 'X' }] } },
      },
      422,
      'INVALID_RESOURCE',
      /ods-organization-code/,
    );
    await expectError(
      { ...metadata, claims: { requesting_organization: { ...org, name: '' } } },
      422,
      'INVALID_RESOURCE',
    );
    await expectError(
      { ...metadata, claims: { requesting_organization: { ...org, resourceType: 'Practitioner' } } },
      422,
      'INVALID_RESOURCE',
    );
  });

  it('422 INVALID_RESOURCE for a requesting_practitioner that is not well formed', async () => {
    const p = jwtClaims(aud(), 'organization/*.read').requesting_practitioner;
    const withoutRole = p.identifier.filter((i) => !i.system.endsWith('sds-role-profile-id'));
    await expectError(
      { ...metadata, claims: { requesting_practitioner: { ...p, identifier: withoutRole } } },
      422,
      'INVALID_RESOURCE',
      /role-profile/,
    );
    const withoutUser = p.identifier.filter((i) => !i.system.endsWith('sds-user-id'));
    await expectError(
      { ...metadata, claims: { requesting_practitioner: { ...p, identifier: withoutUser } } },
      422,
      'INVALID_RESOURCE',
      /sds-user-id/,
    );
    await expectError(
      { ...metadata, claims: { requesting_practitioner: { ...p, name: [{ given: ['Claire'] }] } } },
      422,
      'INVALID_RESOURCE',
      /family/,
    );
    await expectError(
      { ...metadata, claims: { requesting_practitioner: { ...p, resourceType: 'Patient' } } },
      422,
      'INVALID_RESOURCE',
    );
  });

  it('400 BAD_REQUEST when sub is not the requesting practitioner’s id', async () => {
    await expectError({ ...metadata, claims: { sub: 'someone-else' } }, 400, 'BAD_REQUEST', /sub/);
  });
});

describe('response format (SPEC §2)', () => {
  it('XML when asked (more in xml.test.ts), 415 for an unknown format; _format wins over Accept', async () => {
    const xml = await send(demo, { ...metadata, headers: { Accept: 'application/fhir+xml' } });
    expect({ status: xml.status, type: xml.headers['content-type'] }).toEqual({
      status: 200,
      type: 'application/fhir+xml;charset=utf-8',
    });
    await expectError({ ...metadata, request: '/metadata?_format=text/html' }, 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectError({ ...metadata, headers: { Accept: 'text/html' } }, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const res = await send(demo, {
      ...metadata,
      request: '/metadata?_format=application/fhir%2Bjson',
      headers: { Accept: 'application/fhir+xml' },
    });
    expect(res.status).toBe(200);
    expect((await send(demo, { ...metadata, headers: { Accept: 'application/fhir+json;charset=utf-8' } })).status).toBe(
      200,
    );
    expect((await send(demo, { ...metadata, headers: { Accept: undefined } })).status).toBe(200);
  });
});

describe('request log', () => {
  it('keeps the headers as sent (JWT included) with API keys and bodies redacted', async () => {
    await send(demo, {
      interaction: 'fhir:operation:gpc.registerpatient-1',
      request: '/Patient/$gpc.registerpatient',
      method: 'POST',
      claims: { requested_scope: 'patient/*.write' },
      headers: { 'Content-Type': 'application/fhir+json;charset=utf-8' },
      body: readFileSync(
        new URL(
          '../../../assets/gpconnect/examples/foundations/register_patient_request_example.json',
          import.meta.url,
        ),
        'utf8',
      ),
    });
    const entry = demo.requestLog.last();
    expect(entry?.headers['ssp-interactionid']).toBe(
      'urn:nhs:names:services:gpconnect:fhir:operation:gpc.registerpatient-1',
    );
    expect(entry?.headers['authorization']).toMatch(/^Bearer ey/);
    // The example's NHS number is not on our PDS.
    expect(entry?.status).toBe(400);
    expect(entry?.errorCode).toBe('INVALID_PATIENT_DEMOGRAPHICS');
    const body = JSON.stringify(entry?.body);
    expect(body).toContain('"resourceType":"Parameters"');
    expect(body).toContain('https://fhir.nhs.uk/Id/nhs-number');
    // Names, dates and the NHS number itself are gone.
    expect(body).not.toMatch(/\d{10}/);
    expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(body).toContain('[redacted]');
  });
});
