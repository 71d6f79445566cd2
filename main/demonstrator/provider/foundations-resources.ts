import { pdsPatientSchema } from '../../directory/pds-patient';
import type { LocationRecord, PracticeRecord, PractitionerRecord } from '../data/practices';
import type { PracticePatient } from '../data/practice-patients';

/**
 * Foundations 1.2.x resources as the provider serves them (STU3, CareConnect-GPC profiles), in the shape of the
 * spec's examples (`examples/foundations/`). Patients are built from the PDS record so that both sides agree unless
 * a case says otherwise.
 */
const PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
const EXT = 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-';
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const SDS_USER_SYSTEM = 'https://fhir.nhs.uk/Id/sds-user-id';
const SITE_SYSTEM = 'https://fhir.nhs.uk/Id/ods-site-code';
/** Foundations and Appointments version the demonstrator implements. */
export const FOUNDATIONS_VERSION = '1.2.7';
const VERSION_ID = '1';

type Json = Record<string, unknown>;

export function searchset(resources: readonly Json[]): Json {
  return {
    resourceType: 'Bundle',
    meta: { profile: [`${PROFILE}GPConnect-Searchset-Bundle-1`] },
    type: 'searchset',
    entry: resources.map((resource) => ({ resource })),
  };
}

export function patientResource(record: PracticePatient, pds: Json, practice: PracticeRecord): Json {
  const person = pdsPatientSchema.parse(pds);
  const name = person.name?.find((n) => n.use === 'usual') ?? person.name?.[0];
  const home = person.address?.find((a) => a.use === 'home');
  const family = record.demographics?.family ?? name?.family ?? '';
  const given = name?.given ?? [];
  const prefix = name?.prefix ?? [];
  const line = record.demographics?.line ?? home?.line ?? [];
  const postalCode = record.demographics?.postalCode ?? home?.postalCode;
  const telecom = (pds['telecom'] as unknown[] | undefined) ?? [];

  const patient: Json = {
    resourceType: 'Patient',
    id: record.logicalId,
    meta: { versionId: VERSION_ID, profile: [`${PROFILE}CareConnect-GPC-Patient-1`] },
    extension: [
      {
        url: `${EXT}RegistrationDetails-1`,
        extension: [
          { url: 'registrationPeriod', valuePeriod: { start: record.registeredSince } },
          {
            url: 'registrationType',
            valueCodeableConcept: {
              coding: [
                {
                  system: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-RegistrationType-1',
                  ...(record.temporary === true
                    ? { code: 'T', display: 'Temporary' }
                    : { code: 'R', display: 'Regular' }),
                },
              ],
            },
          },
          { url: 'preferredBranchSurgery', valueReference: { reference: `Location/${record.preferredLocationId}` } },
        ],
      },
    ],
    identifier: [
      {
        extension: [
          {
            url: `${EXT}NHSNumberVerificationStatus-1`,
            valueCodeableConcept: {
              coding: [
                {
                  system: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-NHSNumberVerificationStatus-1',
                  code: '01',
                  display: 'Number present and verified',
                },
              ],
            },
          },
        ],
        system: NHS_NUMBER_SYSTEM,
        value: record.nhsNumber,
      },
    ],
    active: true,
    name: [
      {
        use: 'official',
        text: `${family.toUpperCase()} ${given.join(' ')}${prefix.length ? ` (${prefix.join(' ')})` : ''}`,
        family,
        given,
        prefix,
      },
    ],
    telecom,
    gender: person.gender ?? 'unknown',
    birthDate: person.birthDate,
    address: [
      postalCode === undefined
        ? { use: 'home', type: 'physical', line }
        : { use: 'home', type: 'physical', line, postalCode },
    ],
    // A temporary registration has no usual GP (as the register-patient example shows).
    ...(record.temporary === true ? {} : { generalPractitioner: [{ reference: `Practitioner/${record.usualGpId}` }] }),
    managingOrganization: { reference: `Organization/${practice.organizationId}` },
  };
  return patient;
}

export function practitionerResource(p: PractitionerRecord): Json {
  return {
    resourceType: 'Practitioner',
    id: p.id,
    meta: { versionId: VERSION_ID, profile: [`${PROFILE}CareConnect-GPC-Practitioner-1`] },
    identifier: [{ system: SDS_USER_SYSTEM, value: p.sdsUserId }],
    name: [{ use: 'usual', family: p.family, given: [...p.given], prefix: [...p.prefix] }],
    gender: p.gender,
  };
}

export function organizationResource(practice: PracticeRecord): Json {
  return {
    resourceType: 'Organization',
    id: practice.organizationId,
    meta: { versionId: VERSION_ID, profile: [`${PROFILE}CareConnect-GPC-Organization-1`] },
    identifier: [{ system: ODS_SYSTEM, value: practice.odsCode }],
    name: practice.name,
    address: [{ line: [...practice.line], city: practice.city, postalCode: practice.postalCode }],
    telecom: [{ system: 'phone', value: practice.phone, use: 'work' }],
  };
}

export function locationResource(location: LocationRecord, practice: PracticeRecord): Json {
  return {
    resourceType: 'Location',
    id: location.id,
    meta: { versionId: VERSION_ID, profile: [`${PROFILE}CareConnect-GPC-Location-1`] },
    identifier: [{ system: SITE_SYSTEM, value: location.siteCode }],
    name: location.name,
    address: { line: [...location.line], city: location.city, postalCode: location.postalCode },
    telecom: [{ system: 'phone', value: practice.phone, use: 'work' }],
    managingOrganization: { reference: `Organization/${practice.organizationId}` },
  };
}

/** The Foundations CapabilityStatement: the spec's template with the vendor placeholders filled in. */
export function foundationsCapability(practice: PracticeRecord, softwareVersion: string): Json {
  const identifierSearch = (documentation: string) => [{ name: 'identifier', type: 'token', documentation }];
  const readSearch = [{ code: 'read' }, { code: 'search-type' }];
  return {
    resourceType: 'CapabilityStatement',
    version: FOUNDATIONS_VERSION,
    name: 'GP Connect',
    status: 'active',
    date: '2020-01-15',
    publisher: 'GP Connect Workstation demonstrator (synthetic)',
    contact: [{ name: 'GP Connect Workstation team' }],
    description: `This server implements the GP Connect API version ${FOUNDATIONS_VERSION} (${practice.name}, synthetic)`,
    copyright: 'Copyright NHS Digital 2016-20',
    kind: 'capability',
    software: { name: 'GP Connect Workstation demonstrator', version: softwareVersion, releaseDate: '2026-01-01' },
    fhirVersion: '3.0.1',
    acceptUnknown: 'both',
    // XML arrives with the STU3 codec (issue 4 item 3); until then the statement says JSON only, which is true.
    format: ['application/fhir+json'],
    profile: [
      'CareConnect-GPC-Patient-1',
      'CareConnect-GPC-Organization-1',
      'CareConnect-GPC-Practitioner-1',
      'CareConnect-GPC-PractitionerRole-1',
      'CareConnect-GPC-Location-1',
      'GPConnect-OperationOutcome-1',
      'GPConnect-Appointment-1',
      'GPConnect-Schedule-1',
      'GPConnect-Slot-1',
    ].map((name) => ({ reference: `${PROFILE}${name}` })),
    rest: [
      {
        mode: 'server',
        security: { cors: true },
        resource: [
          {
            type: 'Patient',
            interaction: readSearch,
            searchParam: identifierSearch(`NHS Number (i.e. ${NHS_NUMBER_SYSTEM}|123456789)`),
          },
          {
            type: 'Organization',
            interaction: readSearch,
            searchParam: identifierSearch(`ODS Code (i.e. ${ODS_SYSTEM}|Y12345)`),
          },
          {
            type: 'Practitioner',
            interaction: readSearch,
            searchParam: identifierSearch(`SDS User Id (i.e. ${SDS_USER_SYSTEM}|999999)`),
          },
          { type: 'Location', interaction: [{ code: 'read' }] },
          {
            type: 'Appointment',
            interaction: [{ code: 'read' }, { code: 'create' }, { code: 'update' }, { code: 'search-type' }],
            updateCreate: false,
            searchParam: identifierSearch(`NHS Number (i.e. ${NHS_NUMBER_SYSTEM}|123456789)`),
          },
          {
            type: 'Slot',
            interaction: [{ code: 'search-type' }],
            searchInclude: [
              'Schedule:actor:Location',
              'Schedule:actor:Practitioner',
              'Slot:schedule',
              'Location:managingOrganization',
            ],
            searchParam: [
              { name: 'start', type: 'date' },
              { name: 'end', type: 'date' },
              { name: 'status', type: 'token' },
              { name: 'searchFilter', type: 'token' },
            ],
          },
        ],
        operation: [
          {
            name: 'gpc.registerpatient',
            definition: {
              reference: 'https://fhir.nhs.uk/STU3/OperationDefinition/GPConnect-RegisterPatient-Operation-1',
            },
          },
        ],
      },
    ],
  };
}

/** The Structured CapabilityStatement, in the shape of the reference demonstrator's, at the practice's version. */
export function structuredCapability(practice: PracticeRecord, softwareVersion: string): Json {
  const version = practice.structured.version;
  return {
    resourceType: 'CapabilityStatement',
    version,
    name: 'GP Connect',
    status: 'active',
    date: '2021-06-30',
    publisher: 'GP Connect Workstation demonstrator (synthetic)',
    contact: [{ name: 'GP Connect Workstation team' }],
    description: `This server implements the GP Connect API version ${version} (${practice.name}, synthetic)`,
    copyright: 'Copyright NHS Digital 2016-21',
    kind: 'capability',
    software: { name: 'GP Connect Workstation demonstrator', releaseDate: '2026-01-01', version: softwareVersion },
    fhirVersion: '3.0.1',
    acceptUnknown: 'both',
    format: ['application/fhir+json'],
    profile: [
      'CareConnect-GPC-Patient-1',
      'CareConnect-GPC-Organization-1',
      'CareConnect-GPC-Practitioner-1',
      'CareConnect-GPC-PractitionerRole-1',
      'CareConnect-GPC-AllergyIntolerance-1',
      'CareConnect-GPC-Medication-1',
      'CareConnect-GPC-MedicationStatement-1',
      'CareConnect-GPC-MedicationRequest-1',
      'CareConnect-GPC-List-1',
      'GPConnect-StructuredRecord-Bundle-1',
      'GPConnect-OperationOutcome-1',
    ].map((name) => ({ reference: `${PROFILE}${name}` })),
    rest: [
      {
        mode: 'server',
        security: { cors: true },
        operation: [
          {
            name: 'gpc.getstructuredrecord',
            definition: {
              reference: 'https://fhir.nhs.uk/STU3/OperationDefinition/GPConnect-GetStructuredRecord-Operation-1',
            },
          },
        ],
      },
    ],
  };
}
