/**
 * The synthetic Spine world: GP practices (providers) and the consumer systems Spine knows. ASIDs, party keys and
 * CPA ids are invented, in the shapes SDS uses; A20047's ASID and party key are those of the published SDS example
 * Device (`examples/sds/Device.json`), so that example reads true against this demonstrator.
 */
export type StructuredSupport =
  | {
      readonly enabled: true;
      readonly version: '1.6.0' | '1.5.0';
      /** Clinical areas the practice has switched off: NOT_IMPLEMENTED "has been disabled" warnings. */
      readonly disabledAreas?: readonly string[];
    }
  | { readonly enabled: false; readonly version: '1.6.0' };

export interface PractitionerRecord {
  readonly id: string;
  readonly sdsUserId: string;
  readonly family: string;
  readonly given: readonly string[];
  readonly prefix: readonly string[];
  readonly gender: 'male' | 'female';
}

export interface LocationRecord {
  readonly id: string;
  readonly name: string;
  readonly siteCode: string;
  readonly line: readonly string[];
  readonly city: string;
  readonly postalCode: string;
}

export interface DemoPractice {
  readonly odsCode: string;
  readonly name: string;
}

export interface PracticeRecord extends DemoPractice {
  readonly asid: string;
  readonly partyKey: string;
  readonly cpaId: string;
  /** Logical id of the practice's own Organization resource. */
  readonly organizationId: string;
  readonly phone: string;
  readonly line: readonly string[];
  readonly city: string;
  readonly postalCode: string;
  readonly structured: StructuredSupport;
  readonly practitioners: readonly PractitionerRecord[];
  readonly locations: readonly LocationRecord[];
}

export interface ConsumerRecord {
  readonly asid: string;
  readonly odsCode: string;
  readonly name: string;
  /** ODS codes of practices this consumer has a data-sharing agreement with (SSP's FOT check). */
  readonly sharesWith: readonly string[] | 'all';
}

/**
 * Twenty practices of an extended-hours hub network (H85001–H85020), one GP and one site each: the multi-practice
 * slot search and its benchmark ask all of them at once. No patients are registered there, so booking at one goes
 * through the temporary registration (`$gpc.registerpatient`).
 */
const HUB_TOWNS = ['Knaresborough', 'Ripon', 'Wetherby', 'Otley', 'Ilkley'] as const;
export const HUB_PRACTICES: readonly PracticeRecord[] = Array.from({ length: 20 }, (_, i) => {
  const n = i + 1;
  const ods = `H850${String(n).padStart(2, '0')}`;
  const town = HUB_TOWNS[i % HUB_TOWNS.length] ?? 'Ripon';
  const name = `${town} Hub Surgery ${n}`;
  return {
    odsCode: ods,
    name,
    asid: `2000000020${String(n).padStart(2, '0')}`,
    partyKey: `${ods}-9020${String(n).padStart(2, '0')}`,
    cpaId: `S20001A0020${String(n).padStart(2, '0')}`,
    organizationId: String(400 + n),
    phone: `01632 9604${String(n).padStart(2, '0')}`,
    line: [`${n} Hub Lane`],
    city: town,
    postalCode: `HG${(n % 5) + 1} ${n}HB`,
    structured: { enabled: true, version: '1.6.0' },
    practitioners: [
      {
        id: String(500 + n),
        sdsUserId: `1000000005${String(n).padStart(2, '0')}`,
        family: ['Hale', 'Iqbal', 'Jensen', 'Kaur', 'Lowe'][i % 5] ?? 'Hale',
        given: [['Amira', 'Ben', 'Chloe', 'Dev', 'Erin'][i % 5] ?? 'Amira'],
        prefix: ['Dr'],
        gender: i % 2 === 0 ? 'female' : 'male',
      },
    ],
    locations: [
      {
        id: String(600 + n),
        name,
        siteCode: ods,
        line: [`${n} Hub Lane`],
        city: town,
        postalCode: `HG${(n % 5) + 1} ${n}HB`,
      },
    ],
  };
});

const NAMED_PRACTICES: readonly PracticeRecord[] = [
  {
    odsCode: 'A20047',
    name: 'Riverside Medical Practice',
    asid: '200000000985',
    partyKey: 'A20047-821870',
    cpaId: 'S20001A000985',
    organizationId: '7',
    phone: '01632 960100',
    line: ['1 Riverside Walk'],
    city: 'Harrogate',
    postalCode: 'HG1 1AA',
    structured: { enabled: true, version: '1.6.0' },
    practitioners: [
      { id: '1', sdsUserId: '100000000011', family: 'Ashworth', given: ['Nadia'], prefix: ['Dr'], gender: 'female' },
      { id: '2', sdsUserId: '100000000012', family: 'Brennan', given: ['Tomas'], prefix: ['Dr'], gender: 'male' },
      { id: '3', sdsUserId: '100000000013', family: 'Cole', given: ['Priya'], prefix: ['Mrs'], gender: 'female' },
    ],
    locations: [
      {
        id: '11',
        name: 'Riverside Main Surgery',
        siteCode: 'A20047',
        line: ['1 Riverside Walk'],
        city: 'Harrogate',
        postalCode: 'HG1 1AA',
      },
      {
        id: '12',
        name: 'Riverside Branch Surgery (Bilton)',
        siteCode: 'A20047001',
        line: ['40 Bilton Lane'],
        city: 'Harrogate',
        postalCode: 'HG1 3DT',
      },
    ],
  },
  {
    odsCode: 'B82617',
    name: 'Moorland Health Centre',
    asid: '200000001114',
    partyKey: 'B82617-900114',
    cpaId: 'S20001A001114',
    organizationId: '21',
    phone: '01632 960200',
    line: ['Moorland Road'],
    city: 'Leeds',
    postalCode: 'LS6 4AB',
    // An older Structured provider: answers 1.6-only parameters with NOT_IMPLEMENTED warnings.
    structured: { enabled: true, version: '1.5.0', disabledAreas: ['includeProblems'] },
    practitioners: [
      { id: '4', sdsUserId: '100000000021', family: 'Dunmore', given: ['Elliot'], prefix: ['Dr'], gender: 'male' },
    ],
    locations: [
      {
        id: '22',
        name: 'Moorland Health Centre',
        siteCode: 'B82617',
        line: ['Moorland Road'],
        city: 'Leeds',
        postalCode: 'LS6 4AB',
      },
    ],
  },
  {
    odsCode: 'C84123',
    name: 'Castle Street Surgery',
    asid: '200000001115',
    partyKey: 'C84123-900115',
    cpaId: 'S20001A001115',
    organizationId: '31',
    phone: '01632 960300',
    line: ['12 Castle Street'],
    city: 'York',
    postalCode: 'YO1 9RN',
    // Registered in SDS for Structured, but the capability is switched off at the practice: ACCESS DENIED.
    structured: { enabled: false, version: '1.6.0' },
    practitioners: [
      { id: '5', sdsUserId: '100000000031', family: 'Ellery', given: ['Ruth'], prefix: ['Dr'], gender: 'female' },
    ],
    locations: [
      {
        id: '32',
        name: 'Castle Street Surgery',
        siteCode: 'C84123',
        line: ['12 Castle Street'],
        city: 'York',
        postalCode: 'YO1 9RN',
      },
    ],
  },
];

export const PRACTICES: readonly PracticeRecord[] = [...NAMED_PRACTICES, ...HUB_PRACTICES];

/** The workstation's own consumer identity, written into the config.json the demonstrator hands out. */
export const WORKSTATION_CONSUMER: ConsumerRecord = {
  asid: '200000000301',
  odsCode: 'Y90001',
  name: 'Workstation Demo Trust (synthetic)',
  sharesWith: 'all',
};

/** A second consumer that SSP knows but that only shares with A20047: its calls elsewhere fail SSP's FOT check. */
export const LIMITED_CONSUMER: ConsumerRecord = {
  asid: '200000000302',
  odsCode: 'Y90002',
  name: 'Limited Sharing Clinic (synthetic)',
  sharesWith: ['A20047'],
};

export const CONSUMERS: readonly ConsumerRecord[] = [WORKSTATION_CONSUMER, LIMITED_CONSUMER];

/** Supplier ODS code of the workstation software, for the "own ASID" Device lookup (SPEC §10.2). */
export const WORKSTATION_SUPPLIER_ODS = 'Y90009';

export function practiceByOds(odsCode: string): PracticeRecord | undefined {
  return PRACTICES.find((p) => p.odsCode === odsCode);
}

export function consumerByAsid(asid: string): ConsumerRecord | undefined {
  return CONSUMERS.find((c) => c.asid === asid);
}

export function sharesWith(consumer: ConsumerRecord, practice: PracticeRecord): boolean {
  return consumer.sharesWith === 'all' || consumer.sharesWith.includes(practice.odsCode);
}

export function foundationsRoot(base: string, practice: PracticeRecord): string {
  return `${base}/${practice.odsCode}/STU3/1/gpconnect`;
}

export function structuredRoot(base: string, practice: PracticeRecord): string {
  return `${base}/${practice.odsCode}/STU3/1/gpconnect/structured`;
}

/** The Access Record HTML (0.7.x, DSTU2) root, in the 0.x form of SPEC §1.1. */
export function htmlRoot(base: string, practice: PracticeRecord): string {
  return `${base}/${practice.odsCode}/DSTU2/0/gpconnect`;
}
