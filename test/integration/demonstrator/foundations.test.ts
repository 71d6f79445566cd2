import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import type { GpcRequestOptions } from './helpers';
import { errorCode, send } from './helpers';

let demo: Demonstrator;
beforeAll(async () => {
  demo = await startDemonstrator({ port: 0 });
});
afterAll(async () => {
  await demo.close();
});

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const example = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../../assets/gpconnect/examples/${path}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

type Resource = Record<string, unknown>;
const entries = (bundle: Resource) =>
  ((bundle['entry'] as { resource: Resource }[] | undefined) ?? []).map((e) => e.resource);

function findPatient(nhsNumber: string, ods = 'A20047'): Promise<{ status: number; body: Resource }> {
  return send(demo, {
    ods,
    interaction: 'fhir:rest:search:patient-1',
    request: `/Patient?identifier=${NHS}%7C${nhsNumber}`,
  });
}

const read = (resource: string, id: string, interaction: string, ods = 'A20047') =>
  send(demo, { ods, interaction: `fhir:rest:read:${interaction}-1`, request: `/${resource}/${id}` });

async function expectError(options: GpcRequestOptions, status: number, code: string) {
  const res = await send(demo, options);
  expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status, code });
}

describe('Foundations: metadata', () => {
  it('serves the 1.2.7 CapabilityStatement in the shape of the spec template', async () => {
    const res = await send(demo, { interaction: 'fhir:rest:read:metadata-1', request: '/metadata' });
    const template = example('foundations/get_capability_statement_response_example.json');
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(template).sort());
    expect(res.body).toMatchObject({ resourceType: 'CapabilityStatement', version: '1.2.7', fhirVersion: '3.0.1' });
    const types = (b: Resource) =>
      ((b['rest'] as { resource: { type: string }[] }[])[0]?.resource ?? []).map((r) => r.type);
    expect(types(res.body)).toEqual(types(template));
    expect(JSON.stringify(res.body)).not.toContain('[Provider');
  });
});

describe('Foundations: find and read a patient', () => {
  it('finds the default patient and reads the same record by logical id, like the spec examples', async () => {
    const found = await findPatient('9658218873');
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    const [patient] = entries(found.body);
    expect(patient).toBeDefined();
    const published = example('foundations/read_patient_response_example.json');
    expect(Object.keys(patient ?? {}).sort()).toEqual(
      expect.arrayContaining(
        Object.keys(published)
          .filter((k) => k !== 'telecom')
          .sort(),
      ),
    );
    expect(patient).toMatchObject({
      resourceType: 'Patient',
      active: true,
      identifier: [{ system: NHS, value: '9658218873' }],
      name: [{ use: 'official', family: 'Fairbairn' }],
      managingOrganization: { reference: 'Organization/7' },
    });

    const byId = await read('Patient', String(patient?.['id']), 'patient');
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(patient);
    expect(byId.headers['etag']).toBe('W/"1"');
  });

  it.each([
    ['9658220150', 'sensitive at the practice'],
    ['9658220142', 'restricted (S-flag) on PDS'],
    ['9658220290', 'deceased'],
    ['9658219748', 'inactive'],
    ['9324926233', 'not registered at the practice'],
    ['9999999999', 'on no system'],
    ['9658220215', 'superseded NHS number (the practice holds the current one)'],
  ])('finds nothing for %s (%s)', async (nhsNumber) => {
    const res = await findPatient(nhsNumber);
    expect(res.status).toBe(200);
    expect(entries(res.body)).toHaveLength(0);
  });

  it('returns both records of a patient registered twice at one practice', async () => {
    expect(entries((await findPatient('9990002045')).body)).toHaveLength(2);
  });

  it('finds dissenting patients (dissent applies to record access, not Foundations)', async () => {
    expect(entries((await findPatient('9450056234')).body)).toHaveLength(1);
  });

  it('serves the practice’s own demographics where they differ from PDS', async () => {
    const [patient] = entries((await findPatient('9990002037')).body);
    expect(patient).toMatchObject({ name: [{ family: 'Garside' }], address: [{ postalCode: 'HG1 5HD' }] });
  });

  it('answers at each practice for its own patients only', async () => {
    expect(entries((await findPatient('9990000018', 'B82617')).body)).toHaveLength(1);
    expect(entries((await findPatient('9990000018')).body)).toHaveLength(0);
    expect(entries((await findPatient('9990002061', 'C84123')).body)).toHaveLength(1);
  });

  it('404 PATIENT_NOT_FOUND, in the shape of the published example, for a sensitive or unknown id', async () => {
    for (const id of ['12', '14', '9999']) {
      const res = await read('Patient', id, 'patient');
      expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status: 404, code: 'PATIENT_NOT_FOUND' });
    }
    const res = await read('Patient', '12', 'patient');
    const published = example('errors/stu3-PATIENT_NOT_FOUND.json');
    const issue = (res.body['issue'] as Resource[])[0] ?? {};
    expect({ ...res.body, issue: [{ ...issue, diagnostics: undefined }] }).toEqual({
      ...published,
      issue: [{ ...((published['issue'] as Resource[])[0] ?? {}), diagnostics: undefined }],
    });
  });

  describe('the identifier parameter (SPEC §4)', () => {
    const find = (query: string): GpcRequestOptions => ({
      interaction: 'fhir:rest:search:patient-1',
      request: `/Patient${query}`,
    });
    it('400 BAD_REQUEST when missing or mis-cased', async () => {
      await expectError(find(''), 400, 'BAD_REQUEST');
      await expectError(find(`?Identifier=${NHS}%7C9658218873`), 400, 'BAD_REQUEST');
      await expectError(find(`?identifier=${NHS}%7C9658218873&identifier=${NHS}%7C9658218865`), 400, 'BAD_REQUEST');
    });
    it('422 INVALID_PARAMETER without a system or with an empty value', async () => {
      await expectError(find('?identifier=9658218873'), 422, 'INVALID_PARAMETER');
      await expectError(find(`?identifier=${NHS}%7C`), 422, 'INVALID_PARAMETER');
    });
    it('400 INVALID_IDENTIFIER_SYSTEM for another system', async () => {
      await expectError(
        find('?identifier=http://fhir.nhs.net/Id/nhs-number%7C9658218873'),
        400,
        'INVALID_IDENTIFIER_SYSTEM',
      );
    });
    it('400 INVALID_NHS_NUMBER for a number that fails the check digit', async () => {
      await expectError(find(`?identifier=${NHS}%7C9658218872`), 400, 'INVALID_NHS_NUMBER');
      await expectError(find(`?identifier=${NHS}%7C965821887`), 400, 'INVALID_NHS_NUMBER');
    });
    it('ignores unknown search parameters', async () => {
      expect((await send(demo, find(`?identifier=${NHS}%7C9658218873&_sort=name`))).status).toBe(200);
    });
  });
});

describe('Foundations: practitioner, organisation, location', () => {
  it('finds and reads a practitioner; 404 PRACTITIONER_NOT_FOUND otherwise', async () => {
    const found = await send(demo, {
      interaction: 'fhir:rest:search:practitioner-1',
      request: '/Practitioner?identifier=https://fhir.nhs.uk/Id/sds-user-id%7C100000000011',
    });
    expect(entries(found.body)).toMatchObject([
      { resourceType: 'Practitioner', id: '1', name: [{ family: 'Ashworth' }] },
    ]);
    expect((await read('Practitioner', '1', 'practitioner')).status).toBe(200);
    await expectError(
      { interaction: 'fhir:rest:read:practitioner-1', request: '/Practitioner/4' },
      404,
      'PRACTITIONER_NOT_FOUND',
    );
    await expectError(
      {
        interaction: 'fhir:rest:search:practitioner-1',
        request: '/Practitioner?identifier=https://fhir.nhs.uk/Id/nhs-number%7C1',
      },
      400,
      'INVALID_IDENTIFIER_SYSTEM',
    );
  });

  it('finds and reads the practice organisation; 404 ORGANISATION_NOT_FOUND otherwise', async () => {
    const found = await send(demo, {
      interaction: 'fhir:rest:search:organization-1',
      request: '/Organization?identifier=https://fhir.nhs.uk/Id/ods-organization-code%7CA20047',
    });
    const published = example('foundations/read_organization_response_example.json');
    const [organisation] = entries(found.body);
    expect(Object.keys(organisation ?? {}).sort()).toEqual(Object.keys(published).sort());
    expect(organisation).toMatchObject({ id: '7', name: 'Riverside Medical Practice' });
    const other = await send(demo, {
      interaction: 'fhir:rest:search:organization-1',
      request: '/Organization?identifier=https://fhir.nhs.uk/Id/ods-organization-code%7CB82617',
    });
    expect(entries(other.body)).toHaveLength(0);
    expect((await read('Organization', '7', 'organization')).body).toEqual(organisation);
    await expectError(
      { interaction: 'fhir:rest:read:organization-1', request: '/Organization/21' },
      404,
      'ORGANISATION_NOT_FOUND',
    );
  });

  it('reads a location; 404 NO_RECORD_FOUND otherwise', async () => {
    const res = await read('Location', '12', 'location');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resourceType: 'Location', name: 'Riverside Branch Surgery (Bilton)' });
    expect(Object.keys(res.body)).toEqual(
      expect.arrayContaining(Object.keys(example('foundations/read_location_response_example.json'))),
    );
    await expectError({ interaction: 'fhir:rest:read:location-1', request: '/Location/22' }, 404, 'NO_RECORD_FOUND');
  });
});

describe('practices and capabilities', () => {
  it('serves the Structured CapabilityStatement at each practice’s Structured version', async () => {
    const template = example('structured/demonstrator-structured_capability.json');
    for (const [ods, version] of [
      ['A20047', '1.6.0'],
      ['B82617', '1.5.0'],
    ] as const) {
      const res = await send(demo, { ods, interaction: 'structured:fhir:rest:read:metadata-1', request: '/metadata' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ resourceType: 'CapabilityStatement', version });
      expect(Object.keys(res.body).sort()).toEqual(Object.keys(template).sort());
    }
  });

  it('400 when a Structured call carries the Foundations audience, and conf/N is accepted on Structured', async () => {
    await expectError(
      {
        interaction: 'structured:fhir:rest:read:metadata-1',
        request: '/metadata',
        claims: { aud: demo.serviceRoot('A20047') },
      },
      400,
      'BAD_REQUEST',
    );
    const res = await send(demo, {
      interaction: 'structured:fhir:rest:read:metadata-1',
      request: '/metadata',
      claims: { requested_scope: 'organization/*.read conf/N' },
    });
    expect(res.status).toBe(200);
  });

  it('403 ACCESS DENIED for Structured at the practice that has it switched off', async () => {
    await expectError(
      { ods: 'C84123', interaction: 'structured:fhir:rest:read:metadata-1', request: '/metadata' },
      403,
      'ACCESS DENIED',
    );
  });

  it('serves every routed interaction, after full validation', async () => {
    const past = await send(demo, {
      interaction: 'fhir:rest:search:slot-1',
      request: '/Slot?start=ge2026-01-01&end=le2026-01-08&status=free&_include=Slot:schedule',
    });
    expect(past.status).toBe(200);
    expect(past.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', entry: [] });
    // Validation still comes first: the wrong scope is a 400 even here.
    await expectError(
      {
        interaction: 'fhir:rest:search:slot-1',
        request: '/Slot?start=ge2026-01-01',
        claims: { requested_scope: 'patient/*.read' },
      },
      400,
      'BAD_REQUEST',
    );
  });
});
