import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import { DEMO_PDS_PATIENTS } from '../../../main/demonstrator/data/pds-patients';
import { WORKSTATION_CONSUMER, WORKSTATION_SUPPLIER_ODS } from '../../../main/demonstrator/data/practices';
import { toPatientSummary } from '../../../main/directory/pds-patient';
import { call, errorCode, send } from './helpers';

let demo: Demonstrator;
beforeAll(async () => {
  demo = await startDemonstrator({ port: 0 });
});
afterAll(async () => {
  await demo.close();
});

type Resource = Record<string, unknown>;
const entries = (bundle: Resource) =>
  ((bundle['entry'] as { resource: Resource }[] | undefined) ?? []).map((e) => e.resource);
const opts = { source: 'PDS', today: '2026-01-15' };

const pds = (path: string, headers: Record<string, string | undefined> = { 'X-Request-ID': randomUUID() }) =>
  call(demo, `${demo.pdsBaseUrl}${path}`, { headers });
const sds = (path: string, headers: Record<string, string | undefined> = { apikey: demo.sdsApiKey }) =>
  call(demo, `${demo.sdsBaseUrl}${path}`, { headers });

const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const INTERACTION = 'https://fhir.nhs.uk/Id/nhsServiceInteractionId';
const PARTY_KEY = 'https://fhir.nhs.uk/Id/nhsMhsPartyKey';
const FIND_PATIENT = 'urn:nhs:names:services:gpconnect:fhir:rest:search:patient-1';

describe('PDS FHIR R4', () => {
  it('reads a patient, echoes X-Request-ID and X-Correlation-ID, and sends an ETag', async () => {
    const requestId = randomUUID();
    const res = await pds('/Patient/9658218873', { 'X-Request-ID': requestId, 'X-Correlation-ID': 'corr-42' });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe(requestId);
    expect(res.headers['x-correlation-id']).toBe('corr-42');
    expect(res.headers['etag']).toBe('W/"1"');
    expect(toPatientSummary(res.body, opts)).toMatchObject({
      nhsNumber: '9658218873',
      registeredPractice: { odsCode: 'A20047' },
      restricted: false,
    });
  });

  it('serves every synthetic patient in a shape the workstation’s PDS reader accepts', async () => {
    for (const patient of DEMO_PDS_PATIENTS) {
      const res = await pds(`/Patient/${String(patient['id'])}`);
      expect(res.status).toBe(200);
      expect(() => toPatientSummary(res.body, opts)).not.toThrow();
    }
  });

  it('marks restricted patients R and withholds address, telecom and GP', async () => {
    for (const nhsNumber of ['9658220142', '9990000387']) {
      const res = await pds(`/Patient/${nhsNumber}`);
      expect(res.body['meta']).toMatchObject({ security: [{ code: 'R' }] });
      expect(res.body).not.toHaveProperty('address');
      expect(res.body).not.toHaveProperty('telecom');
      expect(res.body).not.toHaveProperty('generalPractitioner');
      expect(toPatientSummary(res.body, opts).restricted).toBe(true);
    }
  });

  it('answers a superseded NHS number with the current record under its new id', async () => {
    const res = await pds('/Patient/9658220215');
    expect(res.status).toBe(200);
    expect(res.body['id']).toBe('9990002002');
  });

  it('reports deceased patients', async () => {
    expect((await pds('/Patient/9658220290')).body['deceasedDateTime']).toBeDefined();
  });

  it('400 without X-Request-ID or with one that is not a UUID', async () => {
    const missing = await pds('/Patient/9658218873', {});
    expect({ status: missing.status, code: errorCode(missing.body) }).toEqual({ status: 400, code: 'MISSING_VALUE' });
    const bad = await pds('/Patient/9658218873', { 'X-Request-ID': '12345' });
    expect({ status: bad.status, code: errorCode(bad.body) }).toEqual({ status: 400, code: 'INVALID_VALUE' });
  });

  it('400 INVALID_RESOURCE_ID for an invalid NHS number, 404 RESOURCE_NOT_FOUND for one PDS does not hold', async () => {
    const invalid = await pds('/Patient/9658218872');
    expect({ status: invalid.status, code: errorCode(invalid.body) }).toEqual({
      status: 400,
      code: 'INVALID_RESOURCE_ID',
    });
    const absent = await pds('/Patient/9999999999');
    expect({ status: absent.status, code: errorCode(absent.body) }).toEqual({
      status: 404,
      code: 'RESOURCE_NOT_FOUND',
    });
  });

  it('searches by family name and birth date (with a trailing wildcard), and refuses incomplete searches', async () => {
    const found = await pds('/Patient?family=Fairb*&birthdate=eq1958-02-14&gender=female');
    expect(found.status).toBe(200);
    expect(entries(found.body).map((p) => p['id'])).toEqual(['9658218873']);
    const none = await pds('/Patient?family=Fairbairn&birthdate=1958-02-15');
    expect(entries(none.body)).toHaveLength(0);
    const incomplete = await pds('/Patient?family=Fairbairn');
    expect({ status: incomplete.status, code: errorCode(incomplete.body) }).toEqual({
      status: 400,
      code: 'MISSING_VALUE',
    });
    const wildcard = await pds('/Patient?family=F*&birthdate=1958-02-14');
    expect(wildcard.status).toBe(400);
  });
});

describe('SDS FHIR R4', () => {
  it('401 without the apikey header or with a wrong key', async () => {
    const query = `/Endpoint?organization=${ODS}%7CA20047&identifier=${INTERACTION}%7C${FIND_PATIENT}`;
    const missing = await sds(query, {});
    expect({ status: missing.status, code: errorCode(missing.body) }).toEqual({ status: 401, code: 'ACCESS_DENIED' });
    expect((await sds(query, { apikey: 'wrong' })).status).toBe(401);
    const entry = demo.requestLog.last();
    expect(entry?.headers['apikey']).toBe('[redacted]');
  });

  it('finds the Endpoint of a practice for an interaction: the service root, party key and CPA id', async () => {
    const res = await sds(`/Endpoint?organization=${ODS}%7CA20047&identifier=${INTERACTION}%7C${FIND_PATIENT}`);
    expect(res.status).toBe(200);
    const [endpoint] = entries(res.body);
    expect(res.body['total']).toBe(1);
    expect(endpoint).toMatchObject({ resourceType: 'Endpoint', address: demo.serviceRoot('A20047') });
    expect(endpoint?.['identifier']).toContainEqual({ system: PARTY_KEY, value: 'A20047-821870' });
    const structured = await sds(
      `/Endpoint?organization=${ODS}%7CA20047&identifier=${INTERACTION}%7Curn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1`,
    );
    expect(entries(structured.body)[0]?.['address']).toBe(demo.serviceRoot('A20047', 'structured'));
  });

  it('finds the Device (ASID) by organisation, interaction and party key', async () => {
    const res = await sds(
      `/Device?organization=${ODS}%7CA20047&identifier=${INTERACTION}%7C${FIND_PATIENT}&identifier=${PARTY_KEY}%7CA20047-821870`,
    );
    const [device] = entries(res.body);
    expect(device?.['identifier']).toContainEqual({
      system: 'https://fhir.nhs.uk/Id/nhsSpineASID',
      value: '200000000985',
    });
    const wrongKey = await sds(
      `/Device?organization=${ODS}%7CA20047&identifier=${INTERACTION}%7C${FIND_PATIENT}&identifier=${PARTY_KEY}%7CB82617-900114`,
    );
    expect(entries(wrongKey.body)).toHaveLength(0);
  });

  it('finds the consumer’s own ASID with manufacturing-organization', async () => {
    const res = await sds(
      `/Device?organization=${ODS}%7C${WORKSTATION_CONSUMER.odsCode}&identifier=${INTERACTION}%7C${FIND_PATIENT}&manufacturing-organization=${ODS}%7C${WORKSTATION_SUPPLIER_ODS}`,
    );
    expect(entries(res.body)[0]?.['identifier']).toContainEqual({
      system: 'https://fhir.nhs.uk/Id/nhsSpineASID',
      value: WORKSTATION_CONSUMER.asid,
    });
  });

  it('answers an empty Bundle when nothing matches', async () => {
    const res = await sds(`/Endpoint?organization=${ODS}%7CZ99999&identifier=${INTERACTION}%7C${FIND_PATIENT}`);
    expect(res.status).toBe(200);
    expect(res.body['total']).toBe(0);
  });

  it('400 for a search without enough parameters or with a wrong identifier system; 405 for POST', async () => {
    const only = await sds(`/Endpoint?organization=${ODS}%7CA20047`);
    expect({ status: only.status, code: errorCode(only.body) }).toEqual({ status: 400, code: 'MISSING_VALUE' });
    const device = await sds(`/Device?organization=${ODS}%7CA20047`);
    expect(device.status).toBe(400);
    const system = await sds(`/Endpoint?organization=A20047&identifier=${INTERACTION}%7C${FIND_PATIENT}`);
    expect({ status: system.status, code: errorCode(system.body) }).toEqual({ status: 400, code: 'INVALID_VALUE' });
    const post = await call(demo, `${demo.sdsBaseUrl}/Endpoint`, {
      method: 'POST',
      headers: { apikey: demo.sdsApiKey },
    });
    expect(post.status).toBe(405);
  });
});

describe('the per-patient flow end to end (SPEC §1.1)', () => {
  it('PDS → registered practice → SDS root and ASID → SSP call finds the patient', async () => {
    const patient = await pds('/Patient/9658218865');
    const ods = toPatientSummary(patient.body, opts).registeredPractice?.odsCode ?? '';
    const endpoint = entries(
      (await sds(`/Endpoint?organization=${ODS}%7C${ods}&identifier=${INTERACTION}%7C${FIND_PATIENT}`)).body,
    )[0];
    const root = String(endpoint?.['address']);
    const partyKey = (endpoint?.['identifier'] as { system: string; value: string }[]).find(
      (i) => i.system === PARTY_KEY,
    )?.value;
    const device = entries(
      (
        await sds(
          `/Device?organization=${ODS}%7C${ods}&identifier=${INTERACTION}%7C${FIND_PATIENT}&identifier=${PARTY_KEY}%7C${String(partyKey)}`,
        )
      ).body,
    )[0];
    const asid = (device?.['identifier'] as { system: string; value: string }[])[0]?.value;
    expect(root).toBe(demo.serviceRoot('A20047'));
    const res = await send(demo, {
      ods,
      interaction: 'fhir:rest:search:patient-1',
      request: '/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number%7C9658218865',
      headers: { 'Ssp-To': asid },
    });
    expect(res.status).toBe(200);
    expect(entries(res.body)).toHaveLength(1);
  });
});
