import { formatNhsDate } from '../nhs/dates';
import { formatGender } from './banner-format';
import type { AdministrativeGender, PatientSummary } from './patient-summary';

/**
 * The demographic cross-check of SPEC §7.4: the patient as the GP practice holds them, compared with the PDS trace
 * the banner shows. Any difference is named with both values, so the clinician can judge whether this is the right
 * record. Pure; reads provider resources defensively because they are untrusted input.
 */
export type DemographicField =
  'Family name' | 'Given name' | 'Gender' | 'Date of birth' | 'Registered practice' | 'Date of death';

export interface DemographicDifference {
  readonly field: DemographicField;
  /** Display values, dates as 12-Mar-2024; "Not recorded" when one side has none. */
  readonly pds: string;
  readonly practice: string;
}

/** What the practice's own Patient (and its managing Organization) says. */
export interface ProviderDemographics {
  readonly nhsNumber?: string;
  readonly family?: string;
  readonly given: readonly string[];
  readonly gender?: string;
  readonly birthDate?: string;
  readonly practiceOdsCode?: string;
  readonly deceased?: { readonly date?: string };
}

export const NOT_RECORDED = 'Not recorded';

const NHS_NUMBER_SYSTEMS = ['http://fhir.nhs.net/Id/nhs-number', 'https://fhir.nhs.uk/Id/nhs-number'];
const ODS_SYSTEMS = ['http://fhir.nhs.net/Id/ods-organization-code', 'https://fhir.nhs.uk/Id/ods-organization-code'];

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
function strings(value: unknown): string[] {
  if (typeof value === 'string') return str(value) ? [value.trim()] : [];
  return Array.isArray(value) ? value.map(str).filter((s): s is string => s !== undefined) : [];
}
function identifierValue(identifiers: unknown, systems: readonly string[]): string | undefined {
  if (!Array.isArray(identifiers)) return undefined;
  const found = identifiers.find(
    (i): i is Json => isObject(i) && typeof i['system'] === 'string' && systems.includes(i['system']),
  );
  return found ? str(found['value']) : undefined;
}

/**
 * Reads the practice's Patient from a GP Connect answer (DSTU2 Access Record HTML or STU3 Structured: DSTU2 writes
 * `family` as an array, STU3 as a string). Null when the Bundle carries no Patient.
 */
export function readProviderDemographics(bundle: unknown): ProviderDemographics | null {
  if (!isObject(bundle) || !Array.isArray(bundle['entry'])) return null;
  const resources = bundle['entry'].map((e) => (isObject(e) && isObject(e['resource']) ? e['resource'] : null));
  const patient = resources.find((r): r is Json => r?.['resourceType'] === 'Patient');
  if (!patient) return null;

  const names = Array.isArray(patient['name']) ? patient['name'].filter(isObject) : [];
  const name = names.find((n) => n['use'] === 'official') ?? names[0];
  const family = name ? strings(name['family']).join(' ') : '';

  let practiceOdsCode: string | undefined;
  const managing = isObject(patient['managingOrganization']) ? patient['managingOrganization'] : undefined;
  const reference = managing ? str(managing['reference']) : undefined;
  if (managing) practiceOdsCode = identifierValue(managing['identifier'] ? [managing['identifier']] : [], ODS_SYSTEMS);
  if (!practiceOdsCode && reference) {
    const organisation = resources.find(
      (r) => r?.['resourceType'] === 'Organization' && `Organization/${String(r['id'])}` === reference,
    );
    if (organisation) practiceOdsCode = identifierValue(organisation['identifier'], ODS_SYSTEMS);
  }

  const deceasedDate = str(patient['deceasedDateTime']);
  const deceased = deceasedDate ? { date: deceasedDate } : patient['deceasedBoolean'] === true ? {} : undefined;
  const nhsNumber = identifierValue(patient['identifier'], NHS_NUMBER_SYSTEMS);
  const gender = str(patient['gender']);
  const birthDate = str(patient['birthDate']);
  return {
    given: name ? strings(name['given']) : [],
    ...(nhsNumber ? { nhsNumber } : {}),
    ...(family ? { family } : {}),
    ...(gender ? { gender } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(practiceOdsCode ? { practiceOdsCode } : {}),
    ...(deceased ? { deceased } : {}),
  };
}

const GENDERS: readonly string[] = ['male', 'female', 'other', 'unknown'] satisfies AdministrativeGender[];

function sameText(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').trim().replace(/\s+/g, ' ').toLowerCase() === (b ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}
const shownDate = (value: string | undefined) => (value ? formatNhsDate(value.slice(0, 10)) : NOT_RECORDED);
const shown = (value: string | undefined) => (value && value.trim() !== '' ? value : NOT_RECORDED);

/** Every field of SPEC §7.4 that differs between PDS and the practice; empty when they agree. */
export function crossCheckDemographics(pds: PatientSummary, practice: ProviderDemographics): DemographicDifference[] {
  const out: DemographicDifference[] = [];
  const differ = (field: DemographicField, pdsValue: string, practiceValue: string) =>
    out.push({ field, pds: pdsValue, practice: practiceValue });

  if (!sameText(pds.name.family, practice.family)) {
    differ('Family name', shown(pds.name.family.toUpperCase()), shown(practice.family?.toUpperCase()));
  }
  const pdsGiven = pds.name.given.join(' ');
  const practiceGiven = practice.given.join(' ');
  if (!sameText(pdsGiven, practiceGiven)) differ('Given name', shown(pdsGiven), shown(practiceGiven));

  if ((practice.gender ?? '') !== pds.gender) {
    const practiceGender =
      practice.gender && GENDERS.includes(practice.gender)
        ? formatGender(practice.gender as AdministrativeGender)
        : shown(practice.gender);
    differ('Gender', formatGender(pds.gender), practiceGender);
  }
  if (pds.birthDate.slice(0, 10) !== (practice.birthDate ?? '').slice(0, 10)) {
    differ('Date of birth', shownDate(pds.birthDate), shownDate(practice.birthDate));
  }
  const pdsOds = pds.registeredPractice?.odsCode;
  if ((pdsOds ?? '').toUpperCase() !== (practice.practiceOdsCode ?? '').toUpperCase()) {
    const pdsPractice = pds.registeredPractice
      ? `${pds.registeredPractice.name ? `${pds.registeredPractice.name} ` : ''}(${pds.registeredPractice.odsCode})`
      : NOT_RECORDED;
    differ(
      'Registered practice',
      pdsPractice,
      practice.practiceOdsCode ? `(${practice.practiceOdsCode})` : NOT_RECORDED,
    );
  }
  // A practice that says "deceased" without a date agrees with a PDS date of death; two dates must match.
  const pdsDeath = pds.deceasedDate?.slice(0, 10);
  const practiceDeath = practice.deceased?.date?.slice(0, 10);
  const bothDead = pdsDeath !== undefined && practice.deceased !== undefined;
  if (
    (pdsDeath !== undefined) !== (practice.deceased !== undefined) ||
    (bothDead && practiceDeath !== undefined && practiceDeath !== pdsDeath)
  ) {
    const practiceShown = practice.deceased
      ? practiceDeath
        ? shownDate(practiceDeath)
        : 'Deceased, no date given'
      : NOT_RECORDED;
    differ('Date of death', shownDate(pdsDeath), practiceShown);
  }
  return out;
}
