import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import { WORKSTATION_CONSUMER } from '../../../main/demonstrator/data/practices';
import { CONSUMER_ISS, PRACTITIONER_ID, encodeJwt, errorCode, send } from './helpers';

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
const NHS = 'http://fhir.nhs.net/Id/nhs-number';
const SECTIONS = 'http://fhir.nhs.net/ValueSet/gpconnect-record-section-1';
const example = (path: string) =>
  readFileSync(new URL(`../../../assets/gpconnect/examples/${path}`, import.meta.url), 'utf8');

/** The 0.7.x JWT of SPEC §3.5 (DSTU2 shapes, fixed aud, requested_record). */
function dstu2Claims(nhsNumber: string, overrides: Resource = {}): Resource {
  const now = Math.floor(Date.now() / 1000);
  const claims: Resource = {
    iss: CONSUMER_ISS,
    sub: PRACTITIONER_ID,
    aud: 'https://authorize.fhir.nhs.net/token',
    iat: now,
    exp: now + 300,
    reason_for_request: 'directcare',
    requested_scope: 'patient/*.read',
    requested_record: { resourceType: 'Patient', identifier: [{ system: NHS, value: nhsNumber }] },
    requesting_device: {
      resourceType: 'Device',
      id: 'WS-0001',
      identifier: [{ system: 'https://gpc-workstation.demonstrator.invalid/Id/device', value: 'WS-0001' }],
      model: 'GP Connect Workstation',
      version: '0.1.0',
    },
    requesting_organization: {
      resourceType: 'Organization',
      id: 'Y90001',
      identifier: [{ system: 'http://fhir.nhs.net/Id/ods-organization-code', value: WORKSTATION_CONSUMER.odsCode }],
      name: WORKSTATION_CONSUMER.name,
    },
    requesting_practitioner: {
      resourceType: 'Practitioner',
      id: PRACTITIONER_ID,
      identifier: [
        { system: 'http://fhir.nhs.net/sds-user-id', value: '555021935107' },
        { system: 'https://gpc-workstation.demonstrator.invalid/Id/user', value: PRACTITIONER_ID },
      ],
      name: { family: ['Jones'], given: ['Claire'], prefix: ['Dr'] },
      practitionerRole: [
        { role: { coding: [{ system: 'http://fhir.nhs.net/ValueSet/sds-job-role-name-1', code: 'R8000' }] } },
      ],
    },
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete claims[k];
    else claims[k] = v;
  }
  return claims;
}

function careRecordBody(nhsNumber: string, section: string, timePeriod?: Resource): Resource {
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'patientNHSNumber', valueIdentifier: { system: NHS, value: nhsNumber } },
      { name: 'recordSection', valueCodeableConcept: { coding: [{ system: SECTIONS, code: section }] } },
      ...(timePeriod === undefined ? [] : [{ name: 'timePeriod', valuePeriod: timePeriod }]),
    ],
  };
}

function getCareRecord(
  body: unknown,
  options: { nhsNumber?: string; claims?: Resource; contentType?: string; ods?: string } = {},
): ReturnType<typeof send> {
  const nhs =
    options.nhsNumber ??
    ((body as { parameter?: { valueIdentifier?: { value?: string } }[] }).parameter ?? [])[0]?.valueIdentifier?.value ??
    '9658218873';
  return send(demo, {
    ...(options.ods === undefined ? {} : { ods: options.ods }),
    interaction: 'fhir:operation:gpc.getcarerecord',
    request: '/Patient/$gpc.getcarerecord',
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    jwt: encodeJwt(dstu2Claims(nhs, options.claims)),
    headers: {
      Accept: 'application/json+fhir',
      'Content-Type': options.contentType ?? 'application/json+fhir;charset=utf-8',
    },
  });
}

const section = (bundle: Resource) => {
  const composition = ((bundle['entry'] as { resource: Resource }[])[0]?.resource ?? {}) as Resource;
  const s = (composition['section'] as { code: { coding: { code: string }[] }; text: { div: string } }[])[0];
  return { composition, code: s?.code.coding[0]?.code, div: s?.text.div ?? '' };
};

async function expectError(res: Awaited<ReturnType<typeof send>>, status: number, code: string) {
  expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status, code });
  expect(res.body).toMatchObject({
    meta: { profile: ['http://fhir.nhs.net/StructureDefinition/gpconnect-operationoutcome-1'] },
  });
}

describe('Access Record HTML 0.7.4', () => {
  it('answers the spec example request (adapted to our patient) like the spec example response', async () => {
    const request = JSON.parse(example('html/getcarerecord_request_0.7.4.json')) as Resource;
    (request['parameter'] as { valueIdentifier?: { value: string } }[])[0]!.valueIdentifier!.value = '9658218873';
    const res = await getCareRecord(request);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json+fhir;charset=utf-8');
    const published = JSON.parse(example('html/getcarerecord_response_0.7.4.json')) as Resource;
    const types = (b: Resource) =>
      (b['entry'] as { resource: Resource }[]).map((e) => e.resource['resourceType']).sort();
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(types(res.body)).toEqual(types(published));
    const { composition, code, div } = section(res.body);
    expect(composition).toMatchObject({
      resourceType: 'Composition',
      title: 'Patient Care Record',
      status: 'final',
      meta: { profile: ['http://fhir.nhs.net/StructureDefinition/gpconnect-carerecord-composition-1'] },
      subject: { reference: 'Patient/10' },
    });
    expect(code).toBe('ALL');
    expect(div).toMatch(/^<div><h1>Allergies and Adverse Reactions<\/h1>/);
    expect(div).toContain('<table id="all-tab-curr">');
    expect(div).toContain('<table id="all-tab-hist">');
    expect(div).toContain('<div class="date-banner"><p>Date filter not applied</p></div>');
    expect(div).not.toMatch(/[\n\r\t]/);
    const patient = (res.body['entry'] as { resource: Resource }[])[1]?.resource;
    expect(patient).toMatchObject({
      identifier: [{ system: NHS, value: '9658218873' }],
      name: [{ family: ['Fairbairn'] }],
    });
  });

  it.each([
    ['ADM', ['adm-tab']],
    ['CLI', ['cli-tab']],
    ['ENC', ['enc-tab']],
    ['IMM', ['imm-tab']],
    ['MED', ['med-tab-acu-med', 'med-tab-curr-rep', 'med-tab-dis-rep', 'med-tab-all-sum', 'med-tab-all-iss']],
    ['OBS', ['obs-tab']],
    ['PRB', ['prb-tab-act', 'prb-tab-majinact', 'prb-tab-othinact']],
    ['REF', ['ref-tab']],
    ['SUM', ['enc-tab', 'prb-tab-act', 'all-tab-curr']],
  ])('section %s has its tables or placeholders, in the layout of the skeletons', async (code, tables) => {
    const res = await getCareRecord(careRecordBody('9658218873', code));
    expect(res.status).toBe(200);
    const { div } = section(res.body);
    for (const id of tables) {
      const shown =
        div.includes(`<table id="${id}">`) || /class="content-banner"><p>No '[^']+' data is recorded/.test(div);
      expect(shown, id).toBe(true);
    }
    expect(div).not.toMatch(/<(script|a |a>|style|iframe|form|body|head)/);
  });

  it('applies timePeriod: date banner and only rows within the period', async () => {
    const all = section((await getCareRecord(careRecordBody('9658218873', 'ENC'))).body).div;
    const some = section(
      (await getCareRecord(careRecordBody('9658218873', 'ENC', { start: '2019-01-01', end: '2019-12-31' }))).body,
    ).div;
    expect(all).toContain('<p>All relevant items</p>');
    expect(some).toContain('<p>For the period &#39;01-Jan-2019&#39; to &#39;31-Dec-2019&#39;</p>');
    const rows = (d: string) => (d.match(/<tr><td/g) ?? []).length;
    expect(rows(some)).toBeLessThan(rows(all));
    const from = section((await getCareRecord(careRecordBody('9658218873', 'ENC', { start: '2020-06' }))).body).div;
    expect(from).toContain('<p>Data items from &#39;Jun-2020&#39;</p>');
  });

  it('shows the GP transfer banner for a record in transit and the exclusion banner for confidential items', async () => {
    const transit = section((await getCareRecord(careRecordBody('9658219691', 'PRB'))).body).div;
    expect(transit).toContain(
      '<div class="gptransfer-banner"><p>Patient record transfer from previous GP practice not yet complete; information recorded before 03-Nov-2025 may be missing.</p></div>',
    );
    const confidential = section((await getCareRecord(careRecordBody('9658219705', 'ENC'))).body).div;
    expect(confidential).toContain(
      '<div class="exclusion-banner"><p>Items excluded due to confidentiality and/or patient preferences.</p></div>',
    );
  });

  it('shows the no-data placeholder when a section is empty', async () => {
    const { div } = section((await getCareRecord(careRecordBody('9658218903', 'IMM'))).body);
    expect(div).toContain(
      '<div class="content-banner"><p>No \'Immunisations\' data is recorded for this patient.</p></div>',
    );
  });

  it('patient cases: not found, dissent', async () => {
    await expectError(await getCareRecord(careRecordBody('9658220290', 'SUM')), 404, 'PATIENT_NOT_FOUND');
    await expectError(await getCareRecord(careRecordBody('9324926233', 'SUM')), 404, 'PATIENT_NOT_FOUND');
    await expectError(await getCareRecord(careRecordBody('9450056234', 'SUM')), 403, 'NO_PATIENT_CONSENT');
  });

  it('serves the DSTU2 metadata Conformance', async () => {
    const res = await send(demo, {
      interaction: 'fhir:rest:read:metadata',
      request: '/metadata',
      jwt: encodeJwt(
        dstu2Claims('x', {
          requested_scope: 'organization/*.read',
          requested_record: {
            resourceType: 'Organization',
            identifier: [{ system: 'http://fhir.nhs.net/Id/ods-organization-code', value: 'A20047' }],
          },
        }),
      ),
      headers: { Accept: 'application/json+fhir' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resourceType: 'Conformance', fhirVersion: '1.0.2' });
  });
});

describe('Access Record HTML: request validation (one negative case per rule)', () => {
  const ok = careRecordBody('9658218873', 'ENC');
  const params = (...parameter: Resource[]) => ({ resourceType: 'Parameters', parameter });
  const nhs = { name: 'patientNHSNumber', valueIdentifier: { system: NHS, value: '9658218873' } };
  const sec = (code: string, system = SECTIONS) => ({
    name: 'recordSection',
    valueCodeableConcept: { coding: [{ system, code }] },
  });
  it.each(
    statusFirst<unknown>([
      ['empty body', '', 400, 'BAD_REQUEST'],
      ['not Parameters', { resourceType: 'Patient' }, 422, 'INVALID_RESOURCE'],
      ['NHS number missing', params(sec('ENC')), 400, 'BAD_REQUEST'],
      ['NHS number twice', params(nhs, nhs, sec('ENC')), 400, 'BAD_REQUEST'],
      [
        'NHS number wrong type',
        params({ name: 'patientNHSNumber', valueString: '9658218873' }, sec('ENC')),
        400,
        'BAD_REQUEST',
      ],
      [
        'NHS number STU3 system',
        params(
          {
            name: 'patientNHSNumber',
            valueIdentifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9658218873' },
          },
          sec('ENC'),
        ),
        400,
        'INVALID_IDENTIFIER_SYSTEM',
      ],
      [
        'NHS number check digit',
        params({ name: 'patientNHSNumber', valueIdentifier: { system: NHS, value: '9658218872' } }, sec('ENC')),
        400,
        'INVALID_NHS_NUMBER',
      ],
      ['section missing', params(nhs), 400, 'BAD_REQUEST'],
      ['section twice', params(nhs, sec('ENC'), sec('ALL')), 400, 'BAD_REQUEST'],
      ['section wrong system', params(nhs, sec('ENC', 'http://example.org/sections')), 400, 'BAD_REQUEST'],
      ['section lower case', params(nhs, sec('enc')), 422, 'INVALID_PARAMETER'],
      ['section unknown', params(nhs, sec('XYZ')), 422, 'INVALID_PARAMETER'],
      ['section in the value set but unimplemented', params(nhs, sec('INV')), 501, 'NOT_IMPLEMENTED'],
      ['timePeriod on ALL', careRecordBody('9658218873', 'ALL', { start: '2019-01-01' }), 400, 'BAD_REQUEST'],
      ['timePeriod on SUM', careRecordBody('9658218873', 'SUM', { start: '2019-01-01' }), 400, 'BAD_REQUEST'],
      ['timePeriod bad date', careRecordBody('9658218873', 'ENC', { start: '2019-13-01' }), 422, 'INVALID_PARAMETER'],
      [
        'timePeriod start after end',
        careRecordBody('9658218873', 'ENC', { start: '2019-02-01', end: '2019-01-01' }),
        422,
        'INVALID_PARAMETER',
      ],
      [
        'unknown parameter',
        params(nhs, sec('ENC'), { name: 'includeEverything', valueBoolean: true }),
        422,
        'INVALID_PARAMETER',
      ],
    ]),
  )('%s → %i %s', async (_name, status, code, body) => {
    await expectError(await getCareRecord(body, { nhsNumber: '9658218873' }), status, code);
  });

  it.each(
    statusFirst<Resource>([
      ['aud not the fixed token URL', { aud: 'https://example.org/' }, 400, 'BAD_REQUEST'],
      ['requested_record missing', { requested_record: undefined }, 400, 'BAD_REQUEST'],
      [
        'requested_record another patient',
        { requested_record: { resourceType: 'Patient', identifier: [{ system: NHS, value: '9658218865' }] } },
        400,
        'BAD_REQUEST',
      ],
      [
        'requested_record STU3 system',
        {
          requested_record: {
            resourceType: 'Patient',
            identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9658218873' }],
          },
        },
        400,
        'BAD_REQUEST',
      ],
      ['wrong scope', { requested_scope: 'patient/*.write' }, 400, 'BAD_REQUEST'],
      [
        'practitioner with STU3 SDS system',
        {
          requesting_practitioner: {
            ...(dstu2Claims('9658218873')['requesting_practitioner'] as Resource),
            identifier: [
              { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: '1' },
              { system: 'https://x.invalid/u', value: '1' },
            ],
          },
        },
        400,
        'BAD_REQUEST',
      ],
      [
        'practitioner with a 1.x name array',
        {
          requesting_practitioner: {
            ...(dstu2Claims('9658218873')['requesting_practitioner'] as Resource),
            name: [{ family: 'Jones', given: ['Claire'] }],
          },
        },
        400,
        'BAD_REQUEST',
      ],
      [
        'practitioner without practitionerRole',
        {
          requesting_practitioner: {
            ...(dstu2Claims('9658218873')['requesting_practitioner'] as Resource),
            practitionerRole: undefined,
          },
        },
        422,
        'INVALID_RESOURCE',
      ],
      [
        'device without id',
        { requesting_device: { ...(dstu2Claims('9658218873')['requesting_device'] as Resource), id: undefined } },
        422,
        'INVALID_RESOURCE',
      ],
      [
        'organisation with the STU3 ODS system',
        {
          requesting_organization: {
            resourceType: 'Organization',
            id: 'x',
            identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'Y90001' }],
            name: 'X',
          },
        },
        400,
        'BAD_REQUEST',
      ],
      ['device of the wrong resourceType', { requesting_device: { resourceType: 'Patient' } }, 400, 'BAD_REQUEST'],
    ]),
  )('JWT: %s → %i %s', async (_name, status, code, claims) => {
    const clean = JSON.parse(JSON.stringify(claims)) as Resource;
    for (const [k, v] of Object.entries(claims)) if (v === undefined) clean[k] = undefined;
    await expectError(await getCareRecord(ok, { claims: clean }), status, code);
  });

  it('refuses XML bodies with 415', async () => {
    await expectError(await getCareRecord(ok, { contentType: 'application/xml+fhir' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('HTML escaping', () => {
  it('escapes text with numeric entities and folds control whitespace', async () => {
    const { xhtml, escapeText } = await import('../../../main/demonstrator/provider/html/xhtml');
    expect(escapeText(`<b>"Tom" & 'Jerry'</b>\n\t`)).toBe(
      '&#60;b&#62;&#34;Tom&#34; &#38; &#39;Jerry&#39;&#60;/b&#62; ',
    );
    expect(xhtml`<td>${'<script>alert(1)</script>'}</td>`.value).toBe(
      '<td>&#60;script&#62;alert(1)&#60;/script&#62;</td>',
    );
  });
});
