import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import { addDays, ukDate } from '../../../main/demonstrator/uk-time';
import type { GpcRequestOptions } from './helpers';
import { errorCode, send } from './helpers';

let demo: Demonstrator;
beforeAll(async () => {
  demo = await startDemonstrator({ port: 0 });
});
afterAll(async () => {
  await demo.close();
});

type Resource = Record<string, unknown>;
/** Cases read as (name, request, status, code); test titles want the status and code first. */
const statusFirst = <T>(cases: [string, T, number, string][]) =>
  cases.map(([name, request, status, code]): [string, number, string, T] => [name, status, code, request]);
const example = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../../assets/gpconnect/examples/${path}`, import.meta.url), 'utf8')) as Resource;
const resources = (bundle: Resource) =>
  ((bundle['entry'] as { resource: Resource }[] | undefined) ?? []).map((e) => e.resource);
const today = () => ukDate(new Date());
const JSON_BODY = { 'Content-Type': 'application/fhir+json;charset=utf-8' };

function searchSlots(query: string, ods = 'A20047') {
  return send(demo, { ods, interaction: 'fhir:rest:search:slot-1', request: `/Slot?${query}` });
}
const window = (from: number, to: number) =>
  `start=ge${addDays(today(), from)}&end=le${addDays(today(), to)}&status=free&_include=Slot:schedule`;

async function expectError(options: GpcRequestOptions, status: number, code: string) {
  const res = await send(demo, options);
  expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status, code });
  return res;
}

/** Free slots from tomorrow, with their schedules (for the Location to book at). */
async function freeSlots(fromDay = 1): Promise<{ slot: Resource; location: string }[]> {
  const res = await searchSlots(window(fromDay, fromDay + 6));
  const all = resources(res.body);
  return all
    .filter((r) => r['resourceType'] === 'Slot')
    .map((slot) => {
      const schedule = all.find(
        (s) => `Schedule/${String(s['id'])}` === (slot['schedule'] as { reference: string }).reference,
      );
      const location = ((schedule?.['actor'] as { reference: string }[]) ?? []).find((a) =>
        a.reference.startsWith('Location/'),
      );
      return { slot, location: location?.reference ?? '' };
    });
}

async function firstFree(fromDay: number): Promise<{ slot: Resource; location: string }> {
  const [first] = await freeSlots(fromDay);
  if (!first) throw new Error('the book has no free slot');
  return first;
}

function booking(slots: Resource[], location: string, patient = 'Patient/10'): Resource {
  const request = example('appointments/book_appt_request_example.json');
  const contained = (request['contained'] as Resource[])[0] ?? {};
  return {
    ...request,
    contained: [
      { ...contained, identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'Y90001' }] },
    ],
    start: slots[0]?.['start'],
    end: slots[slots.length - 1]?.['end'],
    slot: slots.map((s) => ({ reference: `Slot/${String(s['id'])}` })),
    created: new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    participant: [
      { actor: { reference: patient }, status: 'accepted' },
      { actor: { reference: location }, status: 'accepted' },
    ],
  };
}

const book = (body: Resource) =>
  send(demo, {
    interaction: 'fhir:rest:create:appointment-1',
    request: '/Appointment',
    method: 'POST',
    body: JSON.stringify(body),
    headers: JSON_BODY,
  });
const put = (id: string, body: Resource, kind: 'update' | 'cancel', ifMatch?: string) =>
  send(demo, {
    interaction: `fhir:rest:${kind}:appointment-1`,
    request: `/Appointment/${id}`,
    method: 'PUT',
    body: JSON.stringify(body),
    headers: { ...JSON_BODY, ...(ifMatch === undefined ? {} : { 'If-Match': ifMatch }) },
  });

describe('Appointments: search for free slots', () => {
  it('returns free slots with schedules, practitioners, locations and the organisation, in UK local time', async () => {
    const res = await searchSlots(
      `${window(1, 14)}&_include:recurse=Schedule:actor:Practitioner&_include:recurse=Schedule:actor:Location&_include:recurse=Location:managingOrganization`,
    );
    expect(res.status).toBe(200);
    const all = resources(res.body);
    const types = new Set(all.map((r) => r['resourceType']));
    expect([...types].sort()).toEqual(['Location', 'Organization', 'Practitioner', 'Schedule', 'Slot']);
    const slots = all.filter((r) => r['resourceType'] === 'Slot');
    expect(slots.length).toBeGreaterThan(100);
    for (const s of slots) {
      expect(s['status']).toBe('free');
      expect(String(s['start'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[01]:00$/);
    }
    const channels = new Set(slots.map((s) => (s['extension'] as { valueCode: string }[])[0]?.valueCode));
    expect([...channels].sort()).toEqual(['In-person', 'Telephone', 'Video']);
    expect(all.filter((r) => r['resourceType'] === 'Location').length).toBe(2);
    const published = resources(example('appointments/search_for_free_slots_response_example.json'));
    for (const type of ['Slot', 'Schedule']) {
      const ours = all.find((r) => r['resourceType'] === type) ?? {};
      const theirs = published.find((r) => r['resourceType'] === type) ?? {};
      expect(Object.keys(ours).sort(), type).toEqual(Object.keys(theirs).sort());
    }
  });

  it('admits restricted slots only with a matching searchFilter', async () => {
    const plain = resources((await searchSlots(window(1, 14))).body).filter((r) => r['resourceType'] === 'Slot').length;
    const filtered = resources(
      (
        await searchSlots(
          `${window(1, 14)}&searchFilter=${encodeURIComponent('https://fhir.nhs.uk/STU3/CodeSystem/GPConnect-OrganisationType-1|urgent-care')}&searchFilter=${encodeURIComponent('https://fhir.nhs.uk/Id/ods-organization-code|Y90001')}`,
        )
      ).body,
    ).filter((r) => r['resourceType'] === 'Slot').length;
    expect(filtered).toBeGreaterThan(plain);
  });

  it('generates the book across a clock change with both offsets', async () => {
    const at = new Date('2026-10-20T08:00:00Z');
    const autumn = await startDemonstrator({ port: 0, now: () => at });
    try {
      const iat = Math.floor(at.getTime() / 1000);
      const res = await send(autumn, {
        interaction: 'fhir:rest:search:slot-1',
        request: '/Slot?start=ge2026-10-21&end=le2026-11-03&status=free&_include=Slot:schedule',
        claims: { iat, exp: iat + 300 },
      });
      expect(res.status).toBe(200);
      const starts = resources(res.body)
        .filter((r) => r['resourceType'] === 'Slot')
        .map((s) => String(s['start']));
      expect(starts.some((s) => s.startsWith('2026-10-23T09:00:00+01:00'))).toBe(true);
      expect(starts.some((s) => s.startsWith('2026-10-26T09:00:00+00:00'))).toBe(true);
      expect(starts.every((s) => (s.slice(0, 10) <= '2026-10-23' ? s.endsWith('+01:00') : s.endsWith('+00:00')))).toBe(
        true,
      );
    } finally {
      await autumn.close();
    }
  });

  it('accepts windows of 0, 8 and 14 days and local date-times', async () => {
    for (const q of [window(1, 1), window(1, 9), window(1, 15)]) expect((await searchSlots(q)).status).toBe(200);
    const d = addDays(today(), 2);
    const res = await searchSlots(
      `start=ge${d}T09:00:00%2B00:00&end=le${d}T12:00:00%2B00:00&status=free&_include=Slot:schedule`,
    );
    expect(res.status).toBe(200);
  });

  const d1 = () => addDays(today(), 1);
  const d5 = () => addDays(today(), 5);
  it.each(
    statusFirst<() => string>([
      ['start missing', () => `end=le${d5()}&status=free&_include=Slot:schedule`, 400, 'BAD_REQUEST'],
      ['end missing', () => `start=ge${d1()}&status=free&_include=Slot:schedule`, 400, 'BAD_REQUEST'],
      ['status missing', () => `start=ge${d1()}&end=le${d5()}&_include=Slot:schedule`, 400, 'BAD_REQUEST'],
      [
        'status busy',
        () => `start=ge${d1()}&end=le${d5()}&status=busy&_include=Slot:schedule`,
        422,
        'INVALID_PARAMETER',
      ],
      [
        'start with eq',
        () => `start=eq${d1()}&end=le${d5()}&status=free&_include=Slot:schedule`,
        422,
        'INVALID_PARAMETER',
      ],
      [
        'end with lt',
        () => `start=ge${d1()}&end=lt${d5()}&status=free&_include=Slot:schedule`,
        422,
        'INVALID_PARAMETER',
      ],
      [
        'start twice',
        () => `start=ge${d1()}&start=ge${d1()}&end=le${d5()}&status=free&_include=Slot:schedule`,
        422,
        'INVALID_PARAMETER',
      ],
      [
        'partial date',
        () => `start=ge${d1().slice(0, 7)}&end=le${d5()}&status=free&_include=Slot:schedule`,
        422,
        'INVALID_PARAMETER',
      ],
      [
        'time in Z',
        () => `start=ge${d1()}T09:00:00Z&end=le${d5()}&status=free&_include=Slot:schedule`,
        422,
        'INVALID_PARAMETER',
      ],
      [
        'time without offset',
        () => `start=ge${d1()}T09:00:00&end=le${d5()}&status=free&_include=Slot:schedule`,
        422,
        'INVALID_PARAMETER',
      ],
      ['15 days', () => window(1, 16), 422, 'INVALID_PARAMETER'],
      ['31 days', () => window(1, 32), 422, 'INVALID_PARAMETER'],
      ['end before start', () => window(5, 1), 422, 'INVALID_PARAMETER'],
      ['no _include', () => `start=ge${d1()}&end=le${d5()}&status=free`, 422, 'INVALID_PARAMETER'],
      ['unknown _include:recurse', () => `${window(1, 5)}&_include:recurse=Slot:patient`, 422, 'INVALID_PARAMETER'],
      ['searchFilter without system', () => `${window(1, 5)}&searchFilter=Y90001`, 422, 'INVALID_PARAMETER'],
    ]),
  )('%s → %i %s', async (_name, status, code, query) => {
    await expectError({ interaction: 'fhir:rest:search:slot-1', request: `/Slot?${query()}` }, status, code);
  });
});

describe('Appointments: book, read, amend, cancel', () => {
  it('books a slot (201, ETag, Location), reads it, lists it, amends and cancels it with If-Match', async () => {
    const { slot, location } = await firstFree(2);
    const booked = await book(booking([slot], location));
    expect(booked.status).toBe(201);
    expect(booked.headers['etag']).toBe('W/"1"');
    const id = String(booked.body['id']);
    expect(booked.headers['location']).toBe(`${demo.serviceRoot('A20047')}/Appointment/${id}`);
    const published = example('appointments/book_appt_response_example.json');
    expect(Object.keys(booked.body).sort()).toEqual(Object.keys(published).sort());
    expect(booked.body).toMatchObject({
      status: 'booked',
      start: slot['start'],
      serviceType: [{ text: expect.any(String) }],
    });

    const again = await book(booking([slot], location));
    expect({ status: again.status, code: errorCode(again.body) }).toEqual({ status: 409, code: 'DUPLICATE_REJECTED' });

    const read = await send(demo, { interaction: 'fhir:rest:read:appointment-1', request: `/Appointment/${id}` });
    expect(read.status).toBe(200);
    expect(read.headers['etag']).toBe('W/"1"');
    const mine = await send(demo, {
      interaction: 'fhir:rest:search:patient_appointments-1',
      request: `/Patient/10/Appointment?start=ge${today()}&start=le${addDays(today(), 14)}`,
    });
    expect(resources(mine.body).map((a) => a['id'])).toContain(id);

    const amended = await put(
      id,
      { ...read.body, description: 'Review of blood pressure', comment: 'Wheelchair access' },
      'update',
      'W/"1"',
    );
    expect(amended.status).toBe(200);
    expect(amended.headers['etag']).toBe('W/"2"');
    const stale = await put(id, { ...read.body, description: 'Stale edit' }, 'update', 'W/"1"');
    expect(stale.status).toBe(409);

    const cancel = {
      ...amended.body,
      status: 'cancelled',
      extension: [
        ...(amended.body['extension'] as Resource[]),
        {
          url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-AppointmentCancellationReason-1',
          valueString: 'Patient feels better',
        },
      ],
    };
    const staleCancel = await put(id, cancel, 'cancel', 'W/"1"');
    expect({ status: staleCancel.status, code: errorCode(staleCancel.body) }).toEqual({
      status: 409,
      code: 'FHIR_CONSTRAINT_VIOLATION',
    });
    const cancelled = await put(id, cancel, 'cancel', 'W/"2"');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body['status']).toBe('cancelled');
    const listed = await send(demo, {
      interaction: 'fhir:rest:search:patient_appointments-1',
      request: `/Patient/10/Appointment?start=ge${today()}&start=le${addDays(today(), 14)}`,
    });
    expect(resources(listed.body).find((a) => a['id'] === id)?.['status']).toBe('cancelled');
    // The slot is free again.
    expect((await book(booking([slot], location))).status).toBe(201);
    const cancelAgain = await put(id, cancel, 'cancel', 'W/"3"');
    expect(cancelAgain.status).toBe(422);
  });

  it('books two adjacent slots of one schedule as one appointment', async () => {
    const free = await freeSlots(3);
    const pair = free.find((a) =>
      free.some(
        (b) =>
          b.slot['start'] === a.slot['end'] &&
          b.slot['schedule'] &&
          (b.slot['schedule'] as Resource)['reference'] === (a.slot['schedule'] as Resource)['reference'] &&
          JSON.stringify(b.slot['extension']) === JSON.stringify(a.slot['extension']) &&
          JSON.stringify(b.slot['serviceType']) === JSON.stringify(a.slot['serviceType']),
      ),
    );
    expect(pair).toBeDefined();
    const next = free.find(
      (b) =>
        b.slot['start'] === pair?.slot['end'] &&
        (b.slot['schedule'] as Resource)['reference'] === (pair?.slot['schedule'] as Resource)['reference'],
    );
    const res = await book(booking([pair?.slot ?? {}, next?.slot ?? {}], pair?.location ?? ''));
    expect(res.status).toBe(201);
    expect(res.body['end']).toBe(next?.slot['end']);
  });

  it('book: one negative case per rule', async () => {
    const free = await freeSlots(4);
    const { slot, location } = await firstFree(4);
    const other = free.find(
      (f) =>
        f.slot['schedule'] &&
        (f.slot['schedule'] as Resource)['reference'] !== (slot['schedule'] as Resource)['reference'],
    );
    const ok = booking([slot], location);
    const org = (ok['contained'] as Resource[])[0] ?? {};
    const cases: [string, Resource, number, string][] = [
      ['not an Appointment', { resourceType: 'Patient' }, 422, 'INVALID_RESOURCE'],
      ['reason sent', { ...ok, reason: [{ text: 'chest pain' }] }, 422, 'INVALID_RESOURCE'],
      ['specialty sent', { ...ok, specialty: [{ text: 'GP' }] }, 422, 'INVALID_RESOURCE'],
      ['status proposed', { ...ok, status: 'proposed' }, 422, 'INVALID_RESOURCE'],
      ['start missing', { ...ok, start: undefined }, 422, 'INVALID_RESOURCE'],
      ['description missing', { ...ok, description: undefined }, 422, 'INVALID_RESOURCE'],
      ['description over 100', { ...ok, description: 'x'.repeat(101) }, 422, 'INVALID_RESOURCE'],
      ['comment over 500', { ...ok, comment: 'x'.repeat(501) }, 422, 'INVALID_RESOURCE'],
      ['no slot', { ...ok, slot: [] }, 422, 'INVALID_RESOURCE'],
      ['unknown slot', { ...ok, slot: [{ reference: 'Slot/999999999' }] }, 422, 'REFERENCE_NOT_FOUND'],
      [
        'absolute slot reference',
        { ...ok, slot: [{ reference: `${demo.serviceRoot('A20047')}/Slot/${String(slot['id'])}` }] },
        422,
        'INVALID_RESOURCE',
      ],
      ['times not the slot’s', { ...ok, end: other?.slot['end'] }, 422, 'INVALID_RESOURCE'],
      [
        'slots not adjacent',
        {
          ...ok,
          slot: [{ reference: `Slot/${String(slot['id'])}` }, { reference: `Slot/${String(other?.slot['id'])}` }],
        },
        422,
        'INVALID_RESOURCE',
      ],
      ['no booking organisation', { ...ok, extension: [] }, 422, 'INVALID_RESOURCE'],
      [
        'booking organisation without telecom',
        { ...ok, contained: [{ ...org, telecom: undefined }] },
        422,
        'INVALID_RESOURCE',
      ],
      [
        'booking organisation without name',
        { ...ok, contained: [{ ...org, name: undefined }] },
        422,
        'INVALID_RESOURCE',
      ],
      [
        'cancellation reason on a booking',
        {
          ...ok,
          extension: [
            ...(ok['extension'] as Resource[]),
            {
              url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-AppointmentCancellationReason-1',
              valueString: 'x',
            },
          ],
        },
        422,
        'INVALID_RESOURCE',
      ],
      ['no participants', { ...ok, participant: [] }, 422, 'INVALID_RESOURCE'],
      [
        'absolute patient reference',
        booking([slot], location, `${demo.serviceRoot('A20047')}/Patient/10`),
        422,
        'INVALID_RESOURCE',
      ],
      [
        'wrong location',
        booking([slot], location === 'Location/11' ? 'Location/12' : 'Location/11'),
        422,
        'INVALID_RESOURCE',
      ],
      ['unknown patient', booking([slot], location, 'Patient/4040'), 422, 'REFERENCE_NOT_FOUND'],
      [
        'participant not accepted',
        {
          ...ok,
          participant: [
            { actor: { reference: 'Patient/10' }, status: 'tentative' },
            { actor: { reference: location }, status: 'accepted' },
          ],
        },
        422,
        'INVALID_RESOURCE',
      ],
    ];
    for (const [name, body, status, code] of cases) {
      const res = await book(body);
      expect({ name, status: res.status, code: errorCode(res.body) }).toEqual({ name, status, code });
    }
    const xml = await send(demo, {
      interaction: 'fhir:rest:create:appointment-1',
      request: '/Appointment',
      method: 'POST',
      body: '<Appointment/>',
      headers: { 'Content-Type': 'application/fhir+xml' },
    });
    // XML outside the FHIR namespace (well-formed XML bookings: xml.test.ts).
    expect({ status: xml.status, code: errorCode(xml.body) }).toEqual({ status: 400, code: 'BAD_REQUEST' });
  });

  it('amend and cancel: one negative case per rule', async () => {
    const { slot, location } = await firstFree(5);
    const booked = await book(booking([slot], location));
    const id = String(booked.body['id']);
    const reason = {
      url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-AppointmentCancellationReason-1',
      valueString: 'x',
    };
    const ext = booked.body['extension'] as Resource[];
    const cases: [string, Resource, 'update' | 'cancel', number, string][] = [
      ['amend priority', { ...booked.body, priority: 1 }, 'update', 422, 'INVALID_RESOURCE'],
      ['amend start', { ...booked.body, start: slot['end'] }, 'update', 422, 'INVALID_RESOURCE'],
      [
        'amend description over 100',
        { ...booked.body, description: 'x'.repeat(101) },
        'update',
        422,
        'INVALID_RESOURCE',
      ],
      [
        'amend with a cancellation reason',
        { ...booked.body, extension: [...ext, reason] },
        'update',
        422,
        'INVALID_RESOURCE',
      ],
      ['amend another id', { ...booked.body, id: '1' }, 'update', 422, 'INVALID_RESOURCE'],
      ['cancel without reason', { ...booked.body, status: 'cancelled' }, 'cancel', 422, 'INVALID_RESOURCE'],
      [
        'cancel with empty reason',
        { ...booked.body, status: 'cancelled', extension: [...ext, { ...reason, valueString: '' }] },
        'cancel',
        422,
        'INVALID_PARAMETER',
      ],
      [
        'cancel and change description',
        { ...booked.body, status: 'cancelled', description: 'changed', extension: [...ext, reason] },
        'cancel',
        422,
        'INVALID_RESOURCE',
      ],
      [
        'cancel with wrong extension URL',
        { ...booked.body, status: 'cancelled', extension: [...ext, { ...reason, url: 'https://example.org/reason' }] },
        'cancel',
        422,
        'INVALID_RESOURCE',
      ],
    ];
    for (const [name, body, kind, status, code] of cases) {
      const res = await put(id, body, kind, 'W/"1"');
      expect({ name, status: res.status, code: errorCode(res.body) }).toEqual({ name, status, code });
    }
    const unknown = await put('424242', booked.body, 'update');
    expect({ status: unknown.status, code: errorCode(unknown.body) }).toEqual({ status: 404, code: 'NO_RECORD_FOUND' });
    const read = await send(demo, { interaction: 'fhir:rest:read:appointment-1', request: '/Appointment/424242' });
    expect(read.status).toBe(404);
  });

  it('patient’s appointments: one negative case per rule', async () => {
    const q = (query: string, patient = '10') =>
      send(demo, {
        interaction: 'fhir:rest:search:patient_appointments-1',
        request: `/Patient/${patient}/Appointment?${query}`,
      });
    const t = today();
    for (const [query, status, code] of [
      [`start=ge${t}`, 422, 'INVALID_PARAMETER'],
      [`start=ge${t}T10:00:00%2B00:00&start=le${addDays(t, 3)}`, 422, 'INVALID_PARAMETER'],
      [`start=ge${addDays(t, -1)}&start=le${addDays(t, 3)}`, 422, 'INVALID_PARAMETER'],
      [`start=ge${addDays(t, 3)}&start=le${addDays(t, 1)}`, 422, 'INVALID_PARAMETER'],
      [`start=eq${t}&start=le${addDays(t, 1)}`, 422, 'INVALID_PARAMETER'],
    ] as const) {
      const res = await q(query);
      expect({ query, status: res.status, code: errorCode(res.body) }).toEqual({ query, status, code });
    }
    const unknown = await q(`start=ge${t}&start=le${addDays(t, 1)}`, '4040');
    expect({ status: unknown.status, code: errorCode(unknown.body) }).toEqual({
      status: 404,
      code: 'PATIENT_NOT_FOUND',
    });
  });
});

describe('Register a patient', () => {
  const register = (patient: Resource, ods = 'B82617') =>
    send(demo, {
      ods,
      interaction: 'fhir:operation:gpc.registerpatient-1',
      request: '/Patient/$gpc.registerpatient',
      method: 'POST',
      body: JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'registerPatient', resource: patient }] }),
      headers: JSON_BODY,
    });
  const zara = (overrides: Resource = {}): Resource => {
    const published =
      (example('foundations/register_patient_request_example.json')['parameter'] as { resource: Resource }[])[0]
        ?.resource ?? {};
    return {
      ...published,
      identifier: [{ ...(published['identifier'] as Resource[])[0], value: '9990002053' }],
      name: [{ use: 'official', family: 'Okonkwo', given: ['Zara'], prefix: ['Ms'] }],
      gender: 'female',
      birthDate: '2003-06-06',
      ...overrides,
    };
  };

  it('registers the not-yet-registered patient at hub B82617, temporarily; a second time is DUPLICATE_REJECTED', async () => {
    const res = await register(zara());
    expect(res.status).toBe(200);
    const [patient] = resources(res.body);
    expect(patient).toMatchObject({ resourceType: 'Patient', identifier: [{ value: '9990002053' }] });
    expect(JSON.stringify(patient)).toContain('"code":"T"');
    const found = await send(demo, {
      ods: 'B82617',
      interaction: 'fhir:rest:search:patient-1',
      request: '/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number%7C9990002053',
    });
    expect(resources(found.body).length).toBe(1);
    const again = await register(zara());
    expect({ status: again.status, code: errorCode(again.body) }).toEqual({ status: 409, code: 'DUPLICATE_REJECTED' });
    const already = await register(zara(), 'A20047');
    expect(already.status).toBe(409);
  });

  it.each(
    statusFirst<Resource>([
      [
        'family name differs from PDS',
        zara({ name: [{ use: 'official', family: 'Smith', given: ['Zara'] }] }),
        400,
        'INVALID_PATIENT_DEMOGRAPHICS',
      ],
      [
        'restricted on PDS',
        zara({
          identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9658220142' }],
          name: [{ use: 'official', family: 'Vance' }],
          birthDate: '1987-04-22',
        }),
        400,
        'INVALID_PATIENT_DEMOGRAPHICS',
      ],
      [
        'not on PDS',
        zara({ identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9999999999' }] }),
        400,
        'INVALID_PATIENT_DEMOGRAPHICS',
      ],
      [
        'bad NHS number',
        zara({ identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990002054' }] }),
        400,
        'INVALID_NHS_NUMBER',
      ],
      [
        'wrong identifier system',
        zara({ identifier: [{ system: 'http://fhir.nhs.net/Id/nhs-number', value: '9990002053' }] }),
        400,
        'INVALID_IDENTIFIER_SYSTEM',
      ],
      [
        'two official names',
        zara({
          name: [
            { use: 'official', family: 'Okonkwo' },
            { use: 'official', family: 'Okonkwo' },
          ],
        }),
        422,
        'INVALID_RESOURCE',
      ],
      ['no birth date', zara({ birthDate: undefined }), 422, 'INVALID_RESOURCE'],
      ['element not allowed', zara({ active: true }), 422, 'INVALID_RESOURCE'],
    ]),
  )('%s → %i %s', async (_name, status, code, patient) => {
    const res = await register(JSON.parse(JSON.stringify(patient)) as Resource, 'C84123');
    expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status, code });
  });
});
