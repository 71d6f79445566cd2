import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import { PRIMARY_LIST_CODES } from '../../../main/demonstrator/provider/structured/record-areas';
import { addDays, ukDate } from '../../../main/demonstrator/uk-time';
import type { GpcRequestOptions } from './helpers';
import { send } from './helpers';

/**
 * The published example payloads (`assets/gpconnect/examples/`) against what the demonstrator serves: error shapes,
 * appointment resources, the register-patient answer and the Structured Lists of each spec example response.
 */
let demo: Demonstrator;
beforeAll(async () => {
  demo = await startDemonstrator({ port: 0 });
});
afterAll(async () => {
  await demo.close();
});

type Resource = Record<string, unknown>;
const example = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../../assets/gpconnect/examples/${path}`, import.meta.url), 'utf8')) as Resource;
const resources = (bundle: Resource) =>
  ((bundle['entry'] as { resource: Resource }[] | undefined) ?? []).map((e) => e.resource);
const JSON_BODY = { 'Content-Type': 'application/fhir+json;charset=utf-8' };
const firstIssue = (b: Resource) => (b['issue'] as Resource[])[0] ?? {};
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';

function structured(nhs: string, ...parameter: Resource[]): GpcRequestOptions {
  return {
    interaction: 'fhir:operation:gpc.getstructuredrecord-1',
    request: '/Patient/$gpc.getstructuredrecord',
    method: 'POST',
    headers: JSON_BODY,
    body: JSON.stringify({
      resourceType: 'Parameters',
      parameter: [{ name: 'patientNHSNumber', valueIdentifier: { system: NHS, value: nhs } }, ...parameter],
    }),
  };
}
const allergies = { name: 'includeAllergies', part: [{ name: 'includeResolvedAllergies', valueBoolean: false }] };

describe('error examples', () => {
  it.each<[string, GpcRequestOptions | (() => Promise<GpcRequestOptions>)]>([
    ['stu3-PATIENT_NOT_FOUND.json', structured('9658220290', allergies)],
    ['stu3-NO_PATIENT_CONSENT.json', structured('9450056234', allergies)],
    ['stu3-ACCESS_DENIED.json', { ...structured('9990002061', allergies), ods: 'C84123' }],
    ['stu3-INVALID_NHS_NUMBER.json', structured('9658218872', allergies)],
    [
      'stu3-BAD_REQUEST.json',
      { interaction: 'fhir:rest:read:metadata-1', request: '/metadata', headers: { 'Ssp-TraceID': 'x' } },
    ],
    [
      'stu3-REFERENCE_NOT_FOUND.json',
      {
        interaction: 'fhir:rest:create:appointment-1',
        request: '/Appointment',
        method: 'POST',
        headers: JSON_BODY,
        body: JSON.stringify({
          ...example('appointments/book_appt_request_example.json'),
          start: '2099-01-01T10:00:00+00:00',
          end: '2099-01-01T10:10:00+00:00',
          slot: [{ reference: 'Slot/1' }],
        }),
      },
    ],
  ])('%s has the shape we send', async (file, options) => {
    const res = await send(demo, typeof options === 'function' ? await options() : options);
    const published = example(`errors/${file}`);
    expect(res.body['meta']).toEqual(published['meta']);
    const ours = firstIssue(res.body);
    const theirs = firstIssue(published);
    expect({ severity: ours['severity'], code: ours['code'], details: ours['details'] }).toEqual({
      severity: theirs['severity'],
      code: theirs['code'],
      details: theirs['details'],
    });
  });

  it('ssp-502-ERROR_COMMUNICATING.json has the shape SSP sends', async () => {
    demo.scenarios.activate({ name: 'http-502' });
    try {
      const res = await send(demo, { interaction: 'fhir:rest:read:metadata-1', request: '/metadata' });
      const published = example('errors/ssp-502-ERROR_COMMUNICATING.json');
      expect(Object.keys(res.body).sort()).toEqual(Object.keys(published).sort());
      const coding = (b: Resource) => (firstIssue(b)['details'] as { coding: Resource[] }).coding[0] ?? {};
      expect(coding(res.body)['system']).toBe(coding(published)['system']);
      expect(coding(res.body)['code']).toBe('502');
      expect(firstIssue(res.body)['code']).toBe(firstIssue(published)['code']);
    } finally {
      demo.scenarios.deactivate();
    }
  });
});

describe('Structured warning example', () => {
  it('structured-bundle-entry-NOT_IMPLEMENTED-warning.json: B82617 has problems disabled', async () => {
    const res = await send(demo, {
      ...structured('9990000018', allergies, { name: 'includeProblems' }),
      ods: 'B82617',
    });
    expect(res.status).toBe(200);
    const outcome = resources(res.body).find((r) => r['resourceType'] === 'OperationOutcome');
    const published = example('errors/structured-bundle-entry-NOT_IMPLEMENTED-warning.json')['resource'] as Resource;
    expect(outcome?.['meta']).toEqual(published['meta']);
    expect(outcome?.['issue']).toEqual(published['issue']);
    expect(
      resources(res.body).some(
        (r) => r['resourceType'] === 'List' && JSON.stringify(r['code']).includes('717711000000103'),
      ),
    ).toBe(false);
  });
});

describe('appointment and register-patient examples', () => {
  it('book, read, list, amend (sent like the amend example, without serviceType) and cancel match the examples', async () => {
    const d = ukDate(new Date());
    const search = await send(demo, {
      interaction: 'fhir:rest:search:slot-1',
      request: `/Slot?start=ge${addDays(d, 8)}&end=le${addDays(d, 14)}&status=free&_include=Slot:schedule`,
    });
    const all = resources(search.body);
    const slot = all.find((r) => r['resourceType'] === 'Slot') ?? {};
    const schedule = all.find(
      (r) => `Schedule/${String(r['id'])}` === (slot['schedule'] as { reference: string }).reference,
    );
    const location = ((schedule?.['actor'] as { reference: string }[]) ?? []).find((a) =>
      a.reference.startsWith('Location/'),
    );
    const request = example('appointments/book_appt_request_example.json');
    const booked = await send(demo, {
      interaction: 'fhir:rest:create:appointment-1',
      request: '/Appointment',
      method: 'POST',
      headers: JSON_BODY,
      body: JSON.stringify({
        ...request,
        start: slot['start'],
        end: slot['end'],
        slot: [{ reference: `Slot/${String(slot['id'])}` }],
        participant: [
          { actor: { reference: 'Patient/11' }, status: 'accepted' },
          { actor: { reference: location?.reference }, status: 'accepted' },
        ],
      }),
    });
    expect(booked.status).toBe(201);
    const id = String(booked.body['id']);
    const read = await send(demo, { interaction: 'fhir:rest:read:appointment-1', request: `/Appointment/${id}` });
    expect(Object.keys(read.body).sort()).toEqual(
      Object.keys(example('appointments/read_appt_response_example.json')).sort(),
    );
    const listed = await send(demo, {
      interaction: 'fhir:rest:search:patient_appointments-1',
      request: `/Patient/11/Appointment?start=ge${d}&start=le${addDays(d, 14)}`,
    });
    const published = example('appointments/retrieve_patients_appts_response_example.json');
    expect(listed.body['type']).toBe(published['type']);
    expect(Object.keys(resources(listed.body)[0] ?? {}).sort()).toEqual(
      Object.keys(resources(published)[0] ?? {}).sort(),
    );

    const amendShape = Object.keys(example('appointments/amend_appt_request_example.json'));
    const amendBody = Object.fromEntries(amendShape.map((k) => [k, read.body[k]]));
    const amended = await send(demo, {
      interaction: 'fhir:rest:update:appointment-1',
      request: `/Appointment/${id}`,
      method: 'PUT',
      headers: { ...JSON_BODY, 'If-Match': String(read.headers['etag']) },
      body: JSON.stringify({ ...amendBody, comment: 'Amended comment' }),
    });
    expect(amended.status).toBe(200);
    expect(Object.keys(amended.body).sort()).toEqual(
      Object.keys(example('appointments/amend_appt_response_example.json')).sort(),
    );

    const cancelRequest = example('appointments/cancel_appt_request_example.json');
    const reason = (cancelRequest['extension'] as Resource[]).find((e) =>
      String(e['url']).endsWith('CancellationReason-1'),
    );
    const cancelled = await send(demo, {
      interaction: 'fhir:rest:cancel:appointment-1',
      request: `/Appointment/${id}`,
      method: 'PUT',
      headers: { ...JSON_BODY, 'If-Match': String(amended.headers['etag']) },
      body: JSON.stringify({
        ...amended.body,
        status: 'cancelled',
        extension: [...(amended.body['extension'] as Resource[]), reason],
      }),
    });
    expect(cancelled.status).toBe(200);
    expect(Object.keys(cancelled.body).sort()).toEqual(
      Object.keys(example('appointments/cancel_appt_response_example.json')).sort(),
    );
  });

  it('register patient answers like register_patient_response_example.json', async () => {
    const request = example('foundations/register_patient_request_example.json');
    const patient = ((request['parameter'] as { resource: Resource }[])[0]?.resource ?? {}) as Resource;
    const res = await send(demo, {
      ods: 'C84123',
      interaction: 'fhir:operation:gpc.registerpatient-1',
      request: '/Patient/$gpc.registerpatient',
      method: 'POST',
      headers: JSON_BODY,
      body: JSON.stringify({
        ...request,
        parameter: [
          {
            name: 'registerPatient',
            resource: {
              ...patient,
              identifier: [{ ...((patient['identifier'] as Resource[])[0] ?? {}), value: '9658218865' }],
              name: [{ use: 'official', family: 'Achterberg', given: ['Desmond'] }],
              birthDate: '1975-09-03',
            },
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const published = example('foundations/register_patient_response_example.json');
    expect(res.body['type']).toBe(published['type']);
    expect(Object.keys(resources(res.body)[0] ?? {}).sort()).toEqual(Object.keys(resources(published)[0] ?? {}).sort());
  });
});

describe('structured examples', () => {
  it.each([
    ['allergies', '1'],
    ['immunizations', '1'],
    ['pathology', '1'],
    ['referrals', '1'],
    ['diaryentries', '1'],
    ['uncategorised', '1'],
    ['meds', ''],
  ])('our answer to the %s request carries the primary List of the spec response', async (name, n) => {
    const request = example(`structured/spec-1.6.2-${name}_request${n}.json`);
    const response = example(`structured/spec-1.6.2-${name}_${name === 'meds' ? 'response' : `response${n}`}.json`);
    const parameters = (request['parameter'] as Resource[])
      .filter((p) => p['name'] !== 'patientNHSNumber')
      .map((p) => {
        // The examples' dates are stale: a diary search date must not be in the past.
        if (p['name'] === 'includeDiaryEntries') return { name: 'includeDiaryEntries' };
        return p;
      });
    const res = await send(demo, structured('9658218865', ...parameters));
    expect(res.status).toBe(200);
    const code = (l: Resource) => (l['code'] as { coding: { code: string }[] }).coding[0]?.code ?? '';
    // Only the codes of SPEC §6.3: some spec examples still carry placeholder or retired codes (SPEC §12).
    const theirs = resources(response)
      .filter((r) => r?.['resourceType'] === 'List')
      .map(code)
      .filter((c) => PRIMARY_LIST_CODES.has(c));
    const ours = resources(res.body)
      .filter((r) => r['resourceType'] === 'List')
      .map(code);
    expect(ours).toEqual(expect.arrayContaining(theirs));
  });
});
