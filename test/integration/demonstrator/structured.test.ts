import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import { ukDate } from '../../../main/demonstrator/uk-time';
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
type Parameter = Record<string, unknown>;
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const example = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../../assets/gpconnect/examples/${path}`, import.meta.url), 'utf8')) as Resource;
const nhsParam = (value: string): Parameter => ({ name: 'patientNHSNumber', valueIdentifier: { system: NHS, value } });
const allergies = (resolved: boolean): Parameter => ({
  name: 'includeAllergies',
  part: [{ name: 'includeResolvedAllergies', valueBoolean: resolved }],
});
const ALL_AREAS: Parameter[] = [
  allergies(true),
  { name: 'includeMedication' },
  { name: 'includeConsultations' },
  { name: 'includeProblems' },
  { name: 'includeImmunisations' },
  { name: 'includeUncategorisedData' },
  { name: 'includeInvestigations' },
  { name: 'includeReferrals' },
  { name: 'includeDiaryEntries' },
];
const today = () => ukDate(new Date());
const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

function getRecord(
  body: unknown,
  options: { ods?: string; contentType?: string; traceId?: string } = {},
): ReturnType<typeof send> {
  return send(demo, {
    ...(options.ods === undefined ? {} : { ods: options.ods }),
    interaction: 'fhir:operation:gpc.getstructuredrecord-1',
    request: '/Patient/$gpc.getstructuredrecord',
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: {
      'Content-Type': options.contentType ?? 'application/fhir+json;charset=utf-8',
      ...(options.traceId === undefined ? {} : { 'Ssp-TraceID': options.traceId }),
    },
  });
}
const parameters = (...parameter: Parameter[]) => ({ resourceType: 'Parameters', parameter });
const resources = (bundle: Resource) =>
  ((bundle['entry'] as { resource: Resource }[] | undefined) ?? []).map((e) => e.resource);
const listByCode = (bundle: Resource, code: string) =>
  resources(bundle).find(
    (r) => r['resourceType'] === 'List' && (r['code'] as { coding: { code: string }[] }).coding[0]?.code === code,
  );
const warnings = (list: Resource | undefined) =>
  ((list?.['extension'] as { url: string; valueCode?: string }[] | undefined) ?? [])
    .filter((e) => e.url.endsWith('ListWarningCode-1'))
    .map((e) => e.valueCode);

async function expectError(
  body: unknown,
  status: number,
  code: string,
  options: { ods?: string; contentType?: string } = {},
) {
  const res = await getRecord(body, options);
  expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status, code });
}

describe('Structured: the record', () => {
  it('serves the default patient every area as a collection Bundle whose id is the trace id', async () => {
    const traceId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    const res = await getRecord(parameters(nhsParam('9658218873'), ...ALL_AREAS), { traceId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      resourceType: 'Bundle',
      id: traceId,
      type: 'collection',
      meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-StructuredRecord-Bundle-1'] },
    });
    const all = resources(res.body);
    const patient = all.find((r) => r['resourceType'] === 'Patient');
    expect(patient).toMatchObject({ id: '10', identifier: [{ system: NHS, value: '9658218873' }] });
    for (const [code, title] of [
      ['886921000000105', 'Allergies and adverse reactions'],
      ['1103671000000101', 'Ended allergies'],
      ['933361000000108', 'Medications and medical devices'],
      ['1149501000000101', 'List of consultations'],
      ['717711000000103', 'Problems'],
      ['1102181000000102', 'Immunisations'],
      ['826501000000100', 'Uncategorised data'],
      ['887191000000108', 'Investigations and results'],
      ['792931000000107', 'Outbound referral'],
      ['714311000000108', 'Patient recall administration'],
    ]) {
      const list = listByCode(res.body, code ?? '');
      expect(list, code).toMatchObject({
        title,
        status: 'current',
        mode: 'snapshot',
        subject: { reference: 'Patient/10' },
      });
    }
    // Secondary lists of problems and consultations (SPEC §6.4).
    expect(listByCode(res.body, 'problems-medications-related-to-problems')).toBeDefined();
    expect(listByCode(res.body, 'consultations-medications-contained-in-consultations')).toBeDefined();
    // Every reference to a patient is ours; every Type/id reference resolves inside the bundle.
    const text = JSON.stringify(res.body);
    expect(new Set([...text.matchAll(/"reference":"Patient\/([^"]+)"/g)].map((m) => m[1]))).toEqual(new Set(['10']));
    const ids = new Set(all.map((r) => `${String(r['resourceType'])}/${String(r['id'])}`));
    const listRefs = all
      .filter((r) => r['resourceType'] === 'List')
      .flatMap((l) =>
        ((l['entry'] as { item: { reference?: string } }[] | undefined) ?? []).map((e) => e.item.reference),
      );
    expect(listRefs.filter((r) => r !== undefined && !r.startsWith('#') && !ids.has(r))).toEqual([]);
    expect(all.some((r) => r['resourceType'] === 'OperationOutcome')).toBe(false);
    // More than ten years of consultations.
    const encounters = all
      .filter((r) => r['resourceType'] === 'Encounter')
      .map((e) => (e['period'] as { start: string }).start);
    expect(encounters.length).toBeGreaterThan(20);
    expect(Number(encounters.sort().at(-1)?.slice(0, 4)) - Number(encounters[0]?.slice(0, 4))).toBeGreaterThanOrEqual(
      10,
    );
  });

  it('serves each spec example request (adapted to our patient) with its area list', async () => {
    for (const [file, code] of [
      ['spec-1.6.2-allergies_request1.json', '886921000000105'],
      ['spec-1.6.2-meds_request.json', '933361000000108'],
      ['spec-1.6.2-immunizations_request1.json', '1102181000000102'],
      ['spec-1.6.2-pathology_request1.json', '887191000000108'],
      ['spec-1.6.2-problems_request1.json', '717711000000103'],
      ['spec-1.6.2-consultations_request1.json', '1149501000000101'],
      ['spec-1.6.2-uncategorised_request1.json', '826501000000100'],
    ] as const) {
      const body = example(`structured/${file}`);
      const params = (body['parameter'] as Parameter[]).map((p) =>
        p['name'] === 'patientNHSNumber' ? nhsParam('9658218865') : p,
      );
      const res = await getRecord({ ...body, parameter: params });
      expect(res.status, file).toBe(200);
      expect(listByCode(res.body, code), file).toBeDefined();
    }
  });

  it('answers the misspelt referralsSearchPeriod part with a NOT_IMPLEMENTED warning entry', async () => {
    const body = example('structured/spec-1.6.2-referrals_request1.json');
    const params = (body['parameter'] as Parameter[]).map((p) =>
      p['name'] === 'patientNHSNumber' ? nhsParam('9658218865') : p,
    );
    const res = await getRecord({ ...body, parameter: params });
    expect(res.status).toBe(200);
    const outcome = resources(res.body).find((r) => r['resourceType'] === 'OperationOutcome');
    expect(outcome).toMatchObject({
      issue: [{ severity: 'warning', code: 'not-supported', diagnostics: 'includeReferrals.referralsSearchPeriod' }],
    });
  });

  it('medicationSearchFromDate: acute items without an end fall away, repeats without an end stay', async () => {
    const from = (date: string) =>
      getRecord(
        parameters(nhsParam('9658218865'), {
          name: 'includeMedication',
          part: [{ name: 'medicationSearchFromDate', valueDate: date }],
        }),
      );
    const statements = (b: Resource) => resources(b).filter((r) => r['resourceType'] === 'MedicationStatement');
    const all = statements((await from('2000-01-01')).body);
    const later = statements((await from('2020-01-01')).body);
    expect(later.length).toBeGreaterThan(0);
    expect(later.length).toBeLessThan(all.length);
  });

  it('filters: resolved allergies, prescription issues, most recent consultations, problem status', async () => {
    const noResolved = await getRecord(parameters(nhsParam('9658218865'), allergies(false)));
    expect(listByCode(noResolved.body, '1103671000000101')).toBeUndefined();
    const withIssues = await getRecord(parameters(nhsParam('9658218865'), { name: 'includeMedication' }));
    const noIssues = await getRecord(
      parameters(nhsParam('9658218865'), {
        name: 'includeMedication',
        part: [{ name: 'includePrescriptionIssues', valueBoolean: false }],
      }),
    );
    const orders = (b: Resource) =>
      resources(b).filter((r) => r['resourceType'] === 'MedicationRequest' && r['intent'] === 'order').length;
    expect(orders(withIssues.body)).toBeGreaterThan(0);
    expect(orders(noIssues.body)).toBe(0);
    const recent = await getRecord(
      parameters(nhsParam('9658218873'), {
        name: 'includeConsultations',
        part: [{ name: 'includeNumberOfMostRecent', valuePositiveInt: 2 }],
      }),
    );
    expect((listByCode(recent.body, '1149501000000101')?.['entry'] as unknown[]).length).toBe(2);
    const active = await getRecord(
      parameters(nhsParam('9658218865'), {
        name: 'includeProblems',
        part: [{ name: 'filterStatus', valueCode: 'active' }],
      }),
    );
    const conditions = resources(active.body).filter((r) => r['resourceType'] === 'Condition');
    const problemRefs = (
      (listByCode(active.body, '717711000000103')?.['entry'] as { item: { reference: string } }[]) ?? []
    ).map((e) => e.item.reference);
    expect(problemRefs.length).toBeGreaterThan(0);
    for (const r of problemRefs) {
      expect(conditions.find((c) => `Condition/${String(c['id'])}` === r)?.['clinicalStatus']).toBe('active');
    }
  });
});

describe('Structured: patient cases', () => {
  const full = (nhs: string) => getRecord(parameters(nhsParam(nhs), ...ALL_AREAS));

  it.each([
    ['9324926233', 'not registered'],
    ['9658220150', 'sensitive'],
    ['9658220290', 'deceased'],
    ['9658219748', 'inactive'],
    ['9658220142', 'restricted on PDS'],
  ])('%s (%s) → 404 PATIENT_NOT_FOUND', async (nhs) => {
    await expectError(parameters(nhsParam(nhs), allergies(false)), 404, 'PATIENT_NOT_FOUND');
  });

  it.each([['9450056234'], ['9658220169']])('%s dissented → 403 NO_PATIENT_CONSENT', async (nhs) => {
    await expectError(parameters(nhsParam(nhs), allergies(false)), 403, 'NO_PATIENT_CONSENT');
  });

  it('record in transit: data-in-transit on every list, with the registration date', async () => {
    const res = await full('9658219691');
    const lists = resources(res.body).filter((r) => r['resourceType'] === 'List');
    expect(lists.length).toBeGreaterThan(10);
    for (const list of lists) expect(warnings(list)).toContain('data-in-transit');
    expect(JSON.stringify(listByCode(res.body, '717711000000103')?.['note'])).toContain('03-Nov-2025');
  });

  it('confidential items: warnings and one empty list with emptyReason', async () => {
    const res = await full('9658219705');
    expect(warnings(listByCode(res.body, '717711000000103'))).toEqual(['confidential-items']);
    const imm = listByCode(res.body, '1102181000000102');
    expect(warnings(imm)).toEqual(['confidential-items']);
    expect(imm).toMatchObject({ entry: [], emptyReason: { coding: [{ code: 'no-content-recorded' }] } });
    expect(JSON.stringify(imm?.['note'])).toContain('Items excluded due to confidentiality');
  });

  it('data awaiting filing', async () => {
    const res = await full('9990002029');
    expect(warnings(listByCode(res.body, '887191000000108'))).toEqual(['data-awaiting-filing']);
  });

  it('no medications or immunisations: empty lists with no-content-recorded', async () => {
    const res = await full('9658218903');
    for (const code of ['933361000000108', '1102181000000102']) {
      expect(listByCode(res.body, code)).toMatchObject({
        entry: [],
        emptyReason: { coding: [{ code: 'no-content-recorded' }] },
        note: [{ text: 'Information not available' }],
      });
    }
    expect(resources(res.body).some((r) => r['resourceType'] === 'MedicationStatement')).toBe(false);
  });

  it('no known allergies: empty allergy list with nil-known', async () => {
    const res = await full('9658218989');
    expect(listByCode(res.body, '886921000000105')).toMatchObject({
      entry: [],
      emptyReason: { coding: [{ code: 'nil-known' }] },
    });
    expect(resources(res.body).some((r) => r['resourceType'] === 'AllergyIntolerance')).toBe(false);
  });

  it('older practice B82617 answers 1.6 parameters with NOT_IMPLEMENTED warnings, like the spec example', async () => {
    const res = await getRecord(
      parameters(
        nhsParam('9990000018'),
        allergies(false),
        { name: 'includeInvestigations' },
        { name: 'includeDiaryEntries' },
      ),
      { ods: 'B82617' },
    );
    expect(res.status).toBe(200);
    const outcome = resources(res.body).find((r) => r['resourceType'] === 'OperationOutcome');
    const published = (example('errors/structured-bundle-entry-NOT_IMPLEMENTED-warning.json')['resource'] as Resource)[
      'issue'
    ] as Resource[];
    const issues = outcome?.['issue'] as Resource[];
    expect(issues.map((i) => i['diagnostics'])).toEqual(['includeInvestigations', 'includeDiaryEntries']);
    expect(issues[0]).toMatchObject({
      ...published[0],
      details: {
        ...(published[0]?.['details'] as Resource),
        text: 'includeInvestigations is an unrecognised parameter',
      },
      diagnostics: 'includeInvestigations',
    });
    expect(listByCode(res.body, '887191000000108')).toBeUndefined();
    expect(listByCode(res.body, '886921000000105')).toBeDefined();
  });

  it('C84123 has Structured disabled: 403 ACCESS DENIED', async () => {
    await expectError(parameters(nhsParam('9990002061'), allergies(false)), 403, 'ACCESS DENIED', { ods: 'C84123' });
  });

  it('the benchmark patient has a structured record of about 10 MB, the same on every run', async () => {
    const res = await full('9990002010');
    expect(res.status).toBe(200);
    const size = Buffer.byteLength(JSON.stringify(res.body));
    expect(size).toBeGreaterThan(8_000_000);
    expect(size).toBeLessThan(14_000_000);
    const again = await full('9990002010');
    const strip = (b: Resource) => JSON.stringify({ ...b, id: '' });
    expect(strip(again.body)).toBe(strip(res.body));
  });
});

describe('Structured: Parameters validation (one negative case per rule)', () => {
  const ok = nhsParam('9658218865');
  it.each(
    statusFirst<unknown>([
      ['body not JSON', '{"resourceType":', 422, 'INVALID_RESOURCE'],
      ['not a Parameters resource', { resourceType: 'Patient' }, 422, 'INVALID_RESOURCE'],
      ['parameter not an array', { resourceType: 'Parameters', parameter: {} }, 422, 'INVALID_RESOURCE'],
      ['patientNHSNumber missing', parameters(allergies(true)), 422, 'INVALID_PARAMETER'],
      ['patientNHSNumber twice', parameters(ok, ok, allergies(true)), 422, 'INVALID_PARAMETER'],
      [
        'NHS number wrong type',
        parameters({ name: 'patientNHSNumber', valueString: '9658218865' }, allergies(true)),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'NHS number system wrong',
        parameters(
          {
            name: 'patientNHSNumber',
            valueIdentifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: '9658218865' },
          },
          allergies(true),
        ),
        400,
        'INVALID_IDENTIFIER_SYSTEM',
      ],
      ['NHS number check digit', parameters(nhsParam('9658218866'), allergies(true)), 400, 'INVALID_NHS_NUMBER'],
      ['no clinical area', parameters(ok), 422, 'INVALID_PARAMETER'],
      ['includeResolvedAllergies missing', parameters(ok, { name: 'includeAllergies' }), 422, 'INVALID_PARAMETER'],
      [
        'part without value',
        parameters(ok, { name: 'includeAllergies', part: [{ name: 'includeResolvedAllergies' }] }),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'boolean part as string',
        parameters(ok, { name: 'includeAllergies', part: [{ name: 'includeResolvedAllergies', valueString: 'true' }] }),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'duplicate part',
        parameters(ok, {
          name: 'includeAllergies',
          part: [
            { name: 'includeResolvedAllergies', valueBoolean: true },
            { name: 'includeResolvedAllergies', valueBoolean: false },
          ],
        }),
        422,
        'INVALID_RESOURCE',
      ],
      [
        'area parameter with a value',
        parameters(ok, { name: 'includeMedication', valueBoolean: true }),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'medicationSearchFromDate in the future',
        parameters(ok, {
          name: 'includeMedication',
          part: [{ name: 'medicationSearchFromDate', valueDate: daysFromToday(3) }],
        }),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'partial date',
        parameters(ok, {
          name: 'includeMedication',
          part: [{ name: 'medicationSearchFromDate', valueDate: '2019-05' }],
        }),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'date with a time',
        parameters(ok, {
          name: 'includeMedication',
          part: [{ name: 'medicationSearchFromDate', valueDate: '2019-05-01T10:00:00+00:00' }],
        }),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'period start after end',
        parameters(ok, {
          name: 'includeInvestigations',
          part: [{ name: 'investigationSearchPeriod', valuePeriod: { start: '2020-01-02', end: '2020-01-01' } }],
        }),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'period end in the future',
        parameters(ok, {
          name: 'includeReferrals',
          part: [{ name: 'referralSearchPeriod', valuePeriod: { start: '2020-01-02', end: daysFromToday(2) } }],
        }),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'period with a time',
        parameters(ok, {
          name: 'includeUncategorisedData',
          part: [{ name: 'uncategorisedDataSearchPeriod', valuePeriod: { start: '2020-01-02T00:00:00+00:00' } }],
        }),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'consultation period and most recent',
        parameters(ok, {
          name: 'includeConsultations',
          part: [
            { name: 'consultationSearchPeriod', valuePeriod: { start: '2019-01-01' } },
            { name: 'includeNumberOfMostRecent', valuePositiveInt: 3 },
          ],
        }),
        422,
        'INVALID_RESOURCE',
      ],
      [
        'most recent zero',
        parameters(ok, {
          name: 'includeConsultations',
          part: [{ name: 'includeNumberOfMostRecent', valuePositiveInt: 0 }],
        }),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'filterStatus unknown value',
        parameters(ok, { name: 'includeProblems', part: [{ name: 'filterStatus', valueCode: 'resolved' }] }),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'filterSignificance unknown value',
        parameters(ok, { name: 'includeProblems', part: [{ name: 'filterSignificance', valueCode: 'huge' }] }),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'diary date in the past',
        parameters(ok, {
          name: 'includeDiaryEntries',
          part: [{ name: 'diaryEntriesSearchDate', valueDate: '2017-06-04' }],
        }),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'consultations with medicationSearchFromDate',
        parameters(
          ok,
          { name: 'includeConsultations' },
          { name: 'includeMedication', part: [{ name: 'medicationSearchFromDate', valueDate: '2019-01-01' }] },
        ),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'consultations with filterStatus',
        parameters(
          ok,
          { name: 'includeConsultations' },
          { name: 'includeProblems', part: [{ name: 'filterStatus', valueCode: 'active' }] },
        ),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'problems with includeNotGiven',
        parameters(
          ok,
          { name: 'includeProblems' },
          { name: 'includeImmunisations', part: [{ name: 'includeNotGiven', valueBoolean: true }] },
        ),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'problems with referralSearchPeriod',
        parameters(
          ok,
          { name: 'includeProblems' },
          { name: 'includeReferrals', part: [{ name: 'referralSearchPeriod', valuePeriod: { start: '2019-01-01' } }] },
        ),
        422,
        'INVALID_PARAMETER',
      ],
    ]),
  )('%s → %i %s', async (_name, status, code, body) => {
    await expectError(body, status, code);
  });

  it('allows problems with its own filterStatus, and parameters with no parts', async () => {
    const res = await getRecord(
      parameters(
        ok,
        { name: 'includeProblems', part: [{ name: 'filterStatus', valueCode: 'inactive' }] },
        { name: 'includeImmunisations' },
      ),
    );
    expect(res.status).toBe(200);
  });

  it('accepts today as the diary search date and as a period end', async () => {
    const res = await getRecord(
      parameters(
        ok,
        { name: 'includeDiaryEntries', part: [{ name: 'diaryEntriesSearchDate', valueDate: today() }] },
        { name: 'includeReferrals', part: [{ name: 'referralSearchPeriod', valuePeriod: { end: today() } }] },
      ),
    );
    expect(res.status).toBe(200);
  });

  it('refuses a JSON body labelled XML (400) and other body types (415)', async () => {
    await expectError(parameters(ok, allergies(true)), 400, 'BAD_REQUEST', { contentType: 'application/fhir+xml' });
    await expectError(parameters(ok, allergies(true)), 415, 'UNSUPPORTED_MEDIA_TYPE', { contentType: 'text/plain' });
  });
});
