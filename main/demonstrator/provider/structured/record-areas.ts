import type { AreaParameter } from '../../validation/structured-parameters';

/**
 * The clinical areas of Access Record Structured (SPEC §6.3): the primary List each query returns (code and title),
 * and the published demonstrator message bundle (`examples/structured/`) the demonstrator's records are built from.
 * Titles follow the spec's table, not the stale titles some examples carry.
 */
export const SNOMED = 'http://snomed.info/sct';

export interface RecordArea {
  readonly parameter: AreaParameter;
  /** Primary List codes (SNOMED) of this area; allergies have two (active, ended). */
  readonly lists: readonly { readonly code: string; readonly title: string }[];
  /** The example bundle the area's items come from. */
  readonly source: string;
  /** Prefix of the secondary List codes (SPEC §6.4) this area's query returns, if any. */
  readonly secondaryPrefix?: 'problems-' | 'consultations-';
  /** Shown in HTML/warnings: "Referral items have been disabled". */
  readonly noun: string;
}

export const LINKED_PROBLEMS_CODE = 'problems-linked-problems-not-relating-to-the-primary-query';
export const ENDED_ALLERGIES_CODE = '1103671000000101';
/** Lists that structure a consultation (SPEC §6.2): Consultation, Topic (EHR), Category (EHR). */
export const CONSULTATION_STRUCTURE_CODES: ReadonlySet<string> = new Set([
  '325851000000107',
  '25851000000105',
  '24781000000107',
]);

export const RECORD_AREAS: readonly RecordArea[] = [
  {
    parameter: 'includeAllergies',
    lists: [
      { code: '886921000000105', title: 'Allergies and adverse reactions' },
      { code: ENDED_ALLERGIES_CODE, title: 'Ended allergies' },
    ],
    source: 'structured/demonstrator-Consolidated_allergies_test_record.json',
    noun: 'Allergy',
  },
  {
    parameter: 'includeMedication',
    lists: [{ code: '933361000000108', title: 'Medications and medical devices' }],
    source: 'structured/spec-1.6.2-meds_response.json',
    noun: 'Medication',
  },
  {
    parameter: 'includeConsultations',
    lists: [{ code: '1149501000000101', title: 'List of consultations' }],
    source: 'structured/demonstrator-ConsultationResponse1.json',
    secondaryPrefix: 'consultations-',
    noun: 'Consultation',
  },
  {
    parameter: 'includeProblems',
    lists: [{ code: '717711000000103', title: 'Problems' }],
    source: 'structured/demonstrator-Problems_ConsumerData_v0_2.json',
    secondaryPrefix: 'problems-',
    noun: 'Problem',
  },
  {
    parameter: 'includeImmunisations',
    lists: [{ code: '1102181000000102', title: 'Immunisations' }],
    source: 'structured/spec-1.6.2-immunizations_response1.json',
    noun: 'Immunisation',
  },
  {
    parameter: 'includeUncategorisedData',
    lists: [{ code: '826501000000100', title: 'Uncategorised data' }],
    source: 'structured/spec-1.6.2-uncategorised_response1.json',
    noun: 'Uncategorised data',
  },
  {
    parameter: 'includeInvestigations',
    lists: [{ code: '887191000000108', title: 'Investigations and results' }],
    source: 'structured/demonstrator-Investigations_Consumer_Data_Extract_File.json',
    noun: 'Investigation',
  },
  {
    parameter: 'includeReferrals',
    lists: [{ code: '792931000000107', title: 'Outbound referral' }],
    source: 'structured/demonstrator-Referrals_ConsumerData_v0_3.json',
    noun: 'Referral',
  },
  {
    parameter: 'includeDiaryEntries',
    lists: [{ code: '714311000000108', title: 'Patient recall administration' }],
    source: 'structured/demonstrator-DiaryEntries_ConsumerData_v0_2.json',
    noun: 'Diary entry',
  },
];

export const PRIMARY_LIST_CODES: ReadonlySet<string> = new Set(RECORD_AREAS.flatMap((a) => a.lists.map((l) => l.code)));

/** Which clinical-area parameters each Structured version knows (1.5 lacks investigations, referrals, diary). */
export function knownAreaParameters(version: string): ReadonlySet<string> {
  const all = RECORD_AREAS.map((a) => a.parameter as string);
  return new Set(
    version === '1.6.0'
      ? all
      : all.filter((p) => !['includeInvestigations', 'includeReferrals', 'includeDiaryEntries'].includes(p)),
  );
}
