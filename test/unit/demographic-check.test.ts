import { describe, expect, it } from 'vitest';
import { crossCheckDemographics, readProviderDemographics } from '../../shared/patient/demographic-check';
import type { PatientSummary } from '../../shared/patient/patient-summary';

const PDS: PatientSummary = {
  nhsNumber: '9434765919',
  name: { prefix: ['Mrs'], given: ['Amelia', 'Grace'], family: 'Hartley' },
  birthDate: '1968-03-12',
  gender: 'female',
  restricted: false,
  registeredPractice: { odsCode: 'A20047', name: 'Riverside Medical Practice' },
  source: 'PDS',
};

/** A DSTU2 Access Record HTML Bundle: family as an array, practice through managingOrganization. */
function bundle(patient: Record<string, unknown>, ods = 'A20047') {
  return {
    resourceType: 'Bundle',
    entry: [
      { resource: { resourceType: 'Composition' } },
      {
        resource: {
          resourceType: 'Patient',
          identifier: [{ system: 'http://fhir.nhs.net/Id/nhs-number', value: '9434765919' }],
          name: [{ use: 'official', family: ['Hartley'], given: ['Amelia', 'Grace'] }],
          gender: 'female',
          birthDate: '1968-03-12',
          managingOrganization: { reference: 'Organization/7' },
          ...patient,
        },
      },
      {
        resource: {
          resourceType: 'Organization',
          id: '7',
          identifier: [{ system: 'http://fhir.nhs.net/Id/ods-organization-code', value: ods }],
        },
      },
    ],
  };
}

const check = (b: unknown) => {
  const provider = readProviderDemographics(b);
  if (!provider) throw new Error('no Patient');
  return crossCheckDemographics(PDS, provider);
};

describe('demographic cross-check (SPEC §7.4)', () => {
  it('finds no difference when the practice agrees with PDS (case and spacing aside)', () => {
    expect(check(bundle({ name: [{ family: ['HARTLEY'], given: ['amelia ', 'Grace'] }] }))).toEqual([]);
  });

  it('names every differing field with both values, dates as 12-Mar-2024', () => {
    const differences = check(
      bundle(
        {
          name: [{ use: 'official', family: ['Garside'], given: ['Penelope'] }],
          gender: 'male',
          birthDate: '1968-03-13',
          deceasedDateTime: '2025-12-01T10:00:00+00:00',
        },
        'B82617',
      ),
    );
    expect(differences).toEqual([
      { field: 'Family name', pds: 'HARTLEY', practice: 'GARSIDE' },
      { field: 'Given name', pds: 'Amelia Grace', practice: 'Penelope' },
      { field: 'Gender', pds: 'Female', practice: 'Male' },
      { field: 'Date of birth', pds: '12-Mar-1968', practice: '13-Mar-1968' },
      { field: 'Registered practice', pds: 'Riverside Medical Practice (A20047)', practice: '(B82617)' },
      { field: 'Date of death', pds: 'Not recorded', practice: '01-Dec-2025' },
    ]);
  });

  it('reads STU3 (family as a string) and a missing practice or death the other way round', () => {
    const stu3 = bundle({ name: [{ family: 'Hartley', given: ['Amelia', 'Grace'] }], managingOrganization: undefined });
    expect(check(stu3)).toEqual([
      { field: 'Registered practice', pds: 'Riverside Medical Practice (A20047)', practice: 'Not recorded' },
    ]);
    const provider = readProviderDemographics(bundle({ deceasedBoolean: true }));
    expect(provider && crossCheckDemographics({ ...PDS, deceasedDate: '2025-12-01' }, provider)).toEqual([]);
    expect(provider && crossCheckDemographics(PDS, provider)).toEqual([
      { field: 'Date of death', pds: 'Not recorded', practice: 'Deceased, no date given' },
    ]);
  });

  it('null when the answer has no Patient; hostile shapes do not throw', () => {
    expect(readProviderDemographics({ resourceType: 'Bundle', entry: [] })).toBeNull();
    expect(readProviderDemographics(null)).toBeNull();
    expect(
      readProviderDemographics({ entry: [null, 3, { resource: { resourceType: 'Patient', name: 'x' } }] }),
    ).toEqual({ given: [] });
  });
});
