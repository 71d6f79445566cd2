/**
 * Synthetic patients for the demo mode and the offline demonstrator, as PDS FHIR R4 `Patient` resources (the shape
 * of NHSDigital/personal-demographics-service-api), so demo traces run through the same reader as live ones.
 * Every name, address and number is invented; NHS numbers are valid test numbers (943… and 999… ranges).
 * The demonstrator (issue 4) grows from this folder.
 */
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

export interface DemoPractice {
  readonly odsCode: string;
  readonly name: string;
}

export const DEMO_PRACTICES: readonly DemoPractice[] = [
  { odsCode: 'A20047', name: 'Riverside Medical Practice' },
  { odsCode: 'B82617', name: 'Moorland Health Centre' },
  { odsCode: 'C84123', name: 'Castle Street Surgery' },
];

function gp(odsCode: string) {
  return [{ type: 'Organization', identifier: { system: ODS, value: odsCode } }];
}

function security(code: 'U' | 'R') {
  return {
    versionId: '1',
    security: [{ system: CONFIDENTIALITY, code, display: code === 'R' ? 'restricted' : 'unrestricted' }],
  };
}

export const DEMO_PDS_PATIENTS: readonly Record<string, unknown>[] = [
  {
    resourceType: 'Patient',
    id: '9434765919',
    identifier: [{ system: NHS, value: '9434765919' }],
    meta: security('U'),
    name: [{ use: 'usual', given: ['Amelia', 'Grace'], family: 'Hartley', prefix: ['Mrs'] }],
    gender: 'female',
    birthDate: '1968-03-12',
    address: [{ use: 'home', line: ['14 Willow Crescent', 'Harrogate'], postalCode: 'HG1 4RT' }],
    generalPractitioner: gp('A20047'),
  },
  {
    resourceType: 'Patient',
    id: '9990000018',
    identifier: [{ system: NHS, value: '9990000018' }],
    meta: security('U'),
    name: [{ use: 'usual', given: ['Oliver'], family: 'Okafor', prefix: ['Mr'] }],
    gender: 'male',
    birthDate: '1989-11-02',
    address: [{ use: 'home', line: ['3 Mill Lane', 'Leeds'], postalCode: 'LS6 2DW' }],
    generalPractitioner: gp('B82617'),
  },
  {
    // Restricted ("S-flag"): PDS withholds address and registered practice; no GP Connect call may be made.
    resourceType: 'Patient',
    id: '9990000387',
    identifier: [{ system: NHS, value: '9990000387' }],
    meta: security('R'),
    name: [{ use: 'usual', given: ['Leah'], family: 'Marsden', prefix: ['Ms'] }],
    gender: 'female',
    birthDate: '1995-07-21',
  },
  {
    resourceType: 'Patient',
    id: '9990000751',
    identifier: [{ system: NHS, value: '9990000751' }],
    meta: security('U'),
    name: [{ use: 'usual', given: ['Harold', 'James'], family: 'Pemberton', prefix: ['Mr'] }],
    gender: 'male',
    birthDate: '1931-05-30',
    deceasedDateTime: '2025-12-01T09:30:00+00:00',
    address: [{ use: 'home', line: ['Flat 2', '88 Station Road', 'York'], postalCode: 'YO1 6HT' }],
    generalPractitioner: gp('C84123'),
  },
  {
    resourceType: 'Patient',
    id: '9990001499',
    identifier: [{ system: NHS, value: '9990001499' }],
    meta: security('U'),
    name: [{ use: 'usual', given: ['Isla'], family: 'Nguyen' }],
    gender: 'female',
    birthDate: '2025-09-03',
    address: [{ use: 'home', line: ['27 Orchard Way', 'Ripon'], postalCode: 'HG4 1QS' }],
    generalPractitioner: gp('A20047'),
  },
];
