import { describe, expect, it } from 'vitest';
import { readStructuredCapability } from '../../../shared/gpconnect/structured-capability';
import { FULL_RECORD_QUERY, buildStructuredRequest } from '../../../shared/gpconnect/structured-request';
import type { StructuredQueryOptions } from '../../../shared/gpconnect/structured-request';
import { readRecordedDate } from '../../../shared/record/recorded-date';

/** The Parameters body of SPEC §6.1, and the combinations refused before anything is sent. */
const today = '2026-11-25';
const build = (query: StructuredQueryOptions, nhs = '9658218873') => buildStructuredRequest(nhs, query, { today });
const names = (query: StructuredQueryOptions) => {
  const r = build(query);
  if (!r.ok) throw new Error(r.message);
  return r.plan.parameters.parameter?.map((p) => [p.name, ...(p.part ?? []).map((x) => x.name)].join(':'));
};

describe('structured request builder', () => {
  it('builds every parameter and part', () => {
    expect(names(FULL_RECORD_QUERY)).toEqual([
      'patientNHSNumber',
      'includeAllergies:includeResolvedAllergies',
      'includeMedication:includePrescriptionIssues',
      'includeConsultations',
      'includeProblems',
      'includeImmunisations',
      'includeUncategorisedData',
      'includeInvestigations',
      'includeReferrals',
      'includeDiaryEntries',
    ]);
    expect(
      names({
        medication: { includeIssues: false, fromDate: '2020-01-01' },
        immunisations: { includeNotGiven: true, includeStatus: false },
        uncategorised: { period: { start: '2020-01-01', end: '2021-01-01' } },
        investigations: { period: { start: '2019-01-01' } },
        referrals: { period: { end: '2025-01-01' } },
        diary: { onOrBefore: '2027-01-01' },
      }),
    ).toEqual([
      'patientNHSNumber',
      'includeMedication:includePrescriptionIssues:medicationSearchFromDate',
      'includeImmunisations:includeNotGiven:includeStatus',
      'includeUncategorisedData:uncategorisedDataSearchPeriod',
      'includeInvestigations:investigationSearchPeriod',
      'includeReferrals:referralSearchPeriod',
      'includeDiaryEntries:diaryEntriesSearchDate',
    ]);
    expect(names({ consultations: { mostRecent: 3 } })).toEqual([
      'patientNHSNumber',
      'includeConsultations:includeNumberOfMostRecent',
    ]);
    expect(names({ problems: { status: 'active', significance: 'major' } })).toEqual([
      'patientNHSNumber',
      'includeProblems:filterStatus:filterSignificance',
    ]);
  });

  it.each<[string, StructuredQueryOptions, RegExp]>([
    ['period and most recent', { consultations: { mostRecent: 2, period: { start: '2020-01-01' } } }, /not both/],
    [
      'consultations + medicationSearchFromDate',
      { consultations: {}, medication: { fromDate: '2020-01-01' } },
      /medicationSearchFromDate cannot be sent together with includeConsultations/,
    ],
    [
      'consultations + filterStatus',
      { consultations: {}, problems: { status: 'active' } },
      /filterStatus cannot be sent together with includeConsultations/,
    ],
    [
      'problems + includeNotGiven',
      { problems: {}, immunisations: { includeNotGiven: true } },
      /includeNotGiven cannot be sent together with includeProblems/,
    ],
    [
      'problems + diary date',
      { problems: {}, diary: { onOrBefore: '2026-12-01' } },
      /diaryEntriesSearchDate cannot be sent together with includeProblems/,
    ],
    [
      'problems + referral period',
      { problems: {}, referrals: { period: { start: '2020-01-01' } } },
      /referralSearchPeriod cannot/,
    ],
    [
      'a future search date',
      { medication: { fromDate: '2027-01-01' } },
      /medicationSearchFromDate 2027-01-01 is in the future/,
    ],
    ['a diary date in the past', { diary: { onOrBefore: '2026-01-01' } }, /in the past/],
    ['a partial date', { uncategorised: { period: { start: '2020-01' } } }, /whole date/],
    [
      'start after end',
      { investigations: { period: { start: '2021-01-01', end: '2020-01-01' } } },
      /starts \(2021-01-01\) after it ends/,
    ],
    ['zero most recent', { consultations: { mostRecent: 0 } }, /1 or more/],
    ['no area', {}, /at least one clinical area/],
  ])('refuses %s with a specific message', (_name, query, message) => {
    const r = build(query);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('problem filters are allowed with includeProblems, and top-level areas combine freely', () => {
    expect(build({ problems: { status: 'inactive' }, medication: {}, investigations: {} }).ok).toBe(true);
  });

  it('refuses an invalid NHS number', () => {
    const r = build(FULL_RECORD_QUERY, '9658218874');
    expect(r).toMatchObject({ ok: false, parameter: 'patientNHSNumber' });
  });

  it('leaves out what the practice declares it cannot answer, and reports it', () => {
    const capability = readStructuredCapability({
      resourceType: 'CapabilityStatement',
      version: '1.5.0',
      rest: [{ operation: [{ name: 'gpc.getstructuredrecord' }] }],
    });
    const r = buildStructuredRequest('9658218873', FULL_RECORD_QUERY, { today, capability });
    if (!r.ok) throw new Error(r.message);
    expect(r.plan.unsupported).toEqual(['investigations', 'referrals', 'diary']);
    expect(r.plan.requested.investigations).toBe(false);
    expect(r.plan.parameters.parameter?.map((p) => p.name)).not.toContain('includeReferrals');
  });
});

describe('structured capability', () => {
  it('reads the version from the description when the version field is a placeholder (reference demonstrator)', () => {
    const c = readStructuredCapability({
      resourceType: 'CapabilityStatement',
      version: 'This gets set from the java',
      description: 'This server implements the GP Connect API version 1.2.7',
      rest: [{ operation: [{ name: 'gpc.getstructuredrecord' }] }],
    });
    expect(c.areas).toMatchObject({ allergies: 'supported', medications: 'supported', problems: 'not-supported' });
  });

  it('is unknown (every area asked for) when the metadata is not a CapabilityStatement', () => {
    expect(readStructuredCapability({ resourceType: 'OperationOutcome' }).known).toBe(false);
  });
});

describe('recorded dates', () => {
  it.each([
    ['2024', 'year', '2024'],
    ['2024-03', 'month', 'Mar-2024'],
    ['2024-03-12', 'day', '12-Mar-2024'],
    ['2024-03-12T14:30:00+00:00', 'time', '12-Mar-2024'],
  ])('%s shows as recorded', (iso, precision, display) => {
    expect(readRecordedDate(iso)).toMatchObject({ precision, display });
  });

  it.each(['', '2024-13', '2024-02-30', 'March 2024', '12/03/2024'])('%j is not a date', (value) => {
    expect(readRecordedDate(value)).toBeUndefined();
  });
});
