/**
 * Synthetic patients for the demo mode and the offline demonstrator, as PDS FHIR R4 `Patient` resources (the shape
 * of NHSDigital/personal-demographics-service-api), so demo traces run through the same reader as live ones.
 * Every name, address and number is invented; NHS numbers are valid test numbers (943… and 999… ranges).
 * The demonstrator (issue 4) grows from this folder.
 */

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

function gp(odsCode: string) {
  return [{ type: 'Organization', identifier: { system: ODS, value: odsCode } }];
}

function security(code: 'U' | 'R') {
  return {
    versionId: '1',
    security: [{ system: CONFIDENTIALITY, code, display: code === 'R' ? 'restricted' : 'unrestricted' }],
  };
}

interface PersonSpec {
  readonly nhsNumber: string;
  readonly prefix: string;
  readonly given: readonly string[];
  readonly family: string;
  readonly gender: 'male' | 'female';
  readonly birthDate: string;
  readonly line: readonly string[];
  readonly postalCode: string;
  readonly gp: string;
  readonly deceased?: string;
}

/** A PDS R4 Patient in the sandbox's shape: verified NHS number, usual name, home address, phone, registered GP. */
function pdsPatient(p: PersonSpec): Record<string, unknown> {
  const patient: Record<string, unknown> = {
    resourceType: 'Patient',
    id: p.nhsNumber,
    identifier: [
      {
        system: NHS,
        value: p.nhsNumber,
        extension: [
          {
            url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
            valueCodeableConcept: {
              coding: [
                {
                  system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus',
                  version: '1.0.0',
                  code: '01',
                  display: 'Number present and verified',
                },
              ],
            },
          },
        ],
      },
    ],
    meta: security('U'),
    name: [{ use: 'usual', given: [...p.given], family: p.family, prefix: [p.prefix] }],
    gender: p.gender,
    birthDate: p.birthDate,
    address: [{ use: 'home', line: [...p.line], postalCode: p.postalCode }],
    telecom: [{ system: 'phone', use: 'home', value: `01632 96${p.nhsNumber.slice(-4)}` }],
    generalPractitioner: gp(p.gp),
  };
  if (p.deceased !== undefined) patient['deceasedDateTime'] = p.deceased;
  return patient;
}

/**
 * PDS records for the consumer cases of issue 4 item 5, under the NHS numbers the published demonstrator and the
 * consumer test scripts use (96582…, 93249…, 94500…), plus cases of our own in the 999000… range.
 * `main/demonstrator/README.md` lists which number covers which case.
 */
const CASE_PATIENTS: readonly Record<string, unknown>[] = [
  pdsPatient({
    nhsNumber: '9658218873',
    prefix: 'Mrs',
    given: ['Rosalind', 'May'],
    family: 'Fairbairn',
    gender: 'female',
    birthDate: '1958-02-14',
    line: ['9 Abbey Mews', 'Harrogate'],
    postalCode: 'HG2 0QT',
    gp: 'A20047',
  }),
  pdsPatient({
    nhsNumber: '9658218865',
    prefix: 'Mr',
    given: ['Desmond'],
    family: 'Achterberg',
    gender: 'male',
    birthDate: '1975-09-03',
    line: ['21 Kingsley Drive', 'Harrogate'],
    postalCode: 'HG1 4TJ',
    gp: 'A20047',
  }),
  // PDS still names A20047, but the practice holds no record: the practice answers PATIENT_NOT_FOUND.
  pdsPatient({
    nhsNumber: '9324926233',
    prefix: 'Mr',
    given: ['Colin'],
    family: 'Threlkeld',
    gender: 'male',
    birthDate: '1982-06-19',
    line: ['4 Ropewalk Court', 'Knaresborough'],
    postalCode: 'HG5 8AL',
    gp: 'A20047',
  }),
  pdsPatient({
    nhsNumber: '9658220150',
    prefix: 'Miss',
    given: ['Beatrix'],
    family: 'Lowther',
    gender: 'female',
    birthDate: '1990-12-01',
    line: ['Flat 6', '30 Cold Bath Road', 'Harrogate'],
    postalCode: 'HG2 0NA',
    gp: 'A20047',
  }),
  {
    // Restricted ("S-flag") on PDS: no address, telecom or registered practice; no GP Connect call may be made.
    resourceType: 'Patient',
    id: '9658220142',
    identifier: [{ system: NHS, value: '9658220142' }],
    meta: security('R'),
    name: [{ use: 'usual', given: ['Sorcha'], family: 'Vance', prefix: ['Ms'] }],
    gender: 'female',
    birthDate: '1987-04-22',
  },
  pdsPatient({
    nhsNumber: '9658220290',
    prefix: 'Mr',
    given: ['Walter'],
    family: 'Ibbotson',
    gender: 'male',
    birthDate: '1936-08-08',
    line: ['The Old Forge', 'Pannal'],
    postalCode: 'HG3 1JH',
    gp: 'A20047',
    deceased: '2024-11-18T06:40:00+00:00',
  }),
  pdsPatient({
    nhsNumber: '9658219748',
    prefix: 'Ms',
    given: ['Imogen'],
    family: 'Pratt',
    gender: 'female',
    birthDate: '2001-01-30',
    line: ['77 Skipton Road', 'Harrogate'],
    postalCode: 'HG1 4LE',
    gp: 'A20047',
  }),
  pdsPatient({
    nhsNumber: '9658219691',
    prefix: 'Mr',
    given: ['Kwame'],
    family: 'Mensah-Bright',
    gender: 'male',
    birthDate: '1969-10-10',
    line: ['2 Tewit Well Road', 'Harrogate'],
    postalCode: 'HG2 8JG',
    gp: 'A20047',
  }),
  pdsPatient({
    nhsNumber: '9658219705',
    prefix: 'Mrs',
    given: ['Harriet'],
    family: 'Quist',
    gender: 'female',
    birthDate: '1979-05-05',
    line: ['15 Oatlands Drive', 'Harrogate'],
    postalCode: 'HG2 8JT',
    gp: 'A20047',
  }),
  // The current record of superseded 9658220215 (see SUPERSEDED_NHS_NUMBERS).
  pdsPatient({
    nhsNumber: '9990002002',
    prefix: 'Mr',
    given: ['Bernard'],
    family: 'Oyelaran',
    gender: 'male',
    birthDate: '1955-03-27',
    line: ['8 Duchy Road', 'Harrogate'],
    postalCode: 'HG1 2ER',
    gp: 'A20047',
  }),
  pdsPatient({
    nhsNumber: '9450056234',
    prefix: 'Mrs',
    given: ['Gwendolyn'],
    family: 'Marsh',
    gender: 'female',
    birthDate: '1948-07-15',
    line: ['3 Pinewood Gate', 'Harrogate'],
    postalCode: 'HG2 9DR',
    gp: 'A20047',
  }),
  pdsPatient({
    nhsNumber: '9658220169',
    prefix: 'Mr',
    given: ['Ravi'],
    family: 'Chandrasekar',
    gender: 'male',
    birthDate: '1964-02-29',
    line: ['51 Leeds Road', 'Harrogate'],
    postalCode: 'HG2 8BE',
    gp: 'A20047',
  }),
  pdsPatient({
    nhsNumber: '9658218903',
    prefix: 'Miss',
    given: ['Elsie'],
    family: 'Thornber',
    gender: 'female',
    birthDate: '1999-09-09',
    line: ['6 Valley Mount', 'Harrogate'],
    postalCode: 'HG2 0JG',
    gp: 'A20047',
  }),
  pdsPatient({
    nhsNumber: '9658218989',
    prefix: 'Mr',
    given: ['Fergus'],
    family: 'Doyle-Evans',
    gender: 'male',
    birthDate: '1993-03-03',
    line: ['12 Dragon Parade', 'Harrogate'],
    postalCode: 'HG1 5DA',
    gp: 'A20047',
  }),
  pdsPatient({
    nhsNumber: '9990002010',
    prefix: 'Mr',
    given: ['Maximilian'],
    family: 'Broadhurst',
    gender: 'male',
    birthDate: '1940-01-01',
    line: ['Broadhurst Hall', 'Follifoot'],
    postalCode: 'HG3 1DU',
    gp: 'A20047',
  }),
  pdsPatient({
    nhsNumber: '9990002029',
    prefix: 'Ms',
    given: ['Yasmin'],
    family: 'Hollis',
    gender: 'female',
    birthDate: '1985-08-17',
    line: ['19 Cheltenham Parade', 'Harrogate'],
    postalCode: 'HG1 1DD',
    gp: 'A20047',
  }),
  // PDS has her married name and new address; the practice still holds the old ones (the cross-check case).
  pdsPatient({
    nhsNumber: '9990002037',
    prefix: 'Mrs',
    given: ['Penelope'],
    family: 'Ashdown',
    gender: 'female',
    birthDate: '1983-10-25',
    line: ['44 Wetherby Road', 'Harrogate'],
    postalCode: 'HG2 7SH',
    gp: 'A20047',
  }),
  pdsPatient({
    nhsNumber: '9990002045',
    prefix: 'Mr',
    given: ['Neil'],
    family: 'Kettlewell',
    gender: 'male',
    birthDate: '1972-12-12',
    line: ['1 Claro Road', 'Harrogate'],
    postalCode: 'HG1 4AP',
    gp: 'A20047',
  }),
  pdsPatient({
    nhsNumber: '9990002053',
    prefix: 'Ms',
    given: ['Zara'],
    family: 'Okonkwo',
    gender: 'female',
    birthDate: '2003-06-06',
    line: ['Room 12', 'Hill Side Halls', 'Leeds'],
    postalCode: 'LS6 3QU',
    gp: 'A20047',
  }),
  pdsPatient({
    nhsNumber: '9990002061',
    prefix: 'Mrs',
    given: ['Dorothy'],
    family: 'Pennington',
    gender: 'female',
    birthDate: '1951-11-11',
    line: ['5 Minster Yard', 'York'],
    postalCode: 'YO1 7JD',
    gp: 'C84123',
  }),
];

/**
 * Superseded NHS numbers: PDS answers a read of the old number with the current record, under its own (new) id,
 * and the consumer must carry on with the new number.
 */
export const SUPERSEDED_NHS_NUMBERS: ReadonlyMap<string, string> = new Map([['9658220215', '9990002002']]);

/** The PDS record for an NHS number, following a superseded number to the current record. */
export function pdsRecordFor(nhsNumber: string): Record<string, unknown> | undefined {
  const current = SUPERSEDED_NHS_NUMBERS.get(nhsNumber) ?? nhsNumber;
  return DEMO_PDS_PATIENTS.find((p) => p['id'] === current);
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
  {
    // A near-namesake of 9434765919 (same family name and street, born nine days later): demographic search must
    // rank the better match first. PDS only: no practice holds a record.
    resourceType: 'Patient',
    id: '9990002088',
    identifier: [{ system: NHS, value: '9990002088' }],
    meta: security('U'),
    name: [{ use: 'usual', given: ['Amy'], family: 'Hartley', prefix: ['Miss'] }],
    gender: 'female',
    birthDate: '1968-03-21',
    address: [{ use: 'home', line: ['16 Willow Crescent', 'Harrogate'], postalCode: 'HG1 4RT' }],
    generalPractitioner: gp('A20047'),
  },
  ...CASE_PATIENTS,
];
