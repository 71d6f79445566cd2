/**
 * What each practice's clinical system holds about its patients: which NHS numbers it has a record for, under which
 * logical id, in what state, and which consumer case the record stands for. Demographics come from PDS unless the
 * practice's copy deliberately differs (the cross-check case). Record contents (structured, HTML) arrive in later
 * slices; `recordCase` says which shape each one will take.
 */
export type RecordStatus =
  /** Active registration, record shareable. */
  | 'active'
  /** Flagged sensitive at the practice (or mirrors a PDS S-flag): find returns nothing, read PATIENT_NOT_FOUND. */
  | 'sensitive'
  | 'deceased'
  /** Registration ended (left the practice): not an active patient, so not found. */
  | 'inactive';

export type RecordCase =
  | 'rich'
  | 'single'
  | 'in-transit'
  | 'confidential-items'
  | 'no-medications-or-immunisations'
  | 'no-known-allergies'
  | 'large'
  | 'awaiting-filing'
  | 'ordinary';

export interface PracticeDemographics {
  readonly family: string;
  readonly line: readonly string[];
  readonly postalCode: string;
}

export interface PracticePatient {
  readonly logicalId: string;
  readonly nhsNumber: string;
  readonly practice: string;
  readonly status: RecordStatus;
  /** The patient has dissented from sharing their GP record: record access → 403 NO_PATIENT_CONSENT. */
  readonly dissent: boolean;
  readonly recordCase: RecordCase;
  readonly usualGpId: string;
  readonly preferredLocationId: string;
  readonly registeredSince: string;
  /** Where the practice's copy differs from PDS. */
  readonly demographics?: PracticeDemographics;
  /** A temporary registration made through `$gpc.registerpatient` (regular otherwise). */
  readonly temporary?: boolean;
}

interface Spec {
  readonly id: string;
  readonly nhs: string;
  readonly practice?: string;
  readonly status?: RecordStatus;
  readonly dissent?: boolean;
  readonly recordCase?: RecordCase;
  readonly gp?: string;
  readonly location?: string;
  readonly since?: string;
  readonly demographics?: PracticeDemographics;
}

function record(s: Spec): PracticePatient {
  const base: PracticePatient = {
    logicalId: s.id,
    nhsNumber: s.nhs,
    practice: s.practice ?? 'A20047',
    status: s.status ?? 'active',
    dissent: s.dissent ?? false,
    recordCase: s.recordCase ?? 'ordinary',
    usualGpId: s.gp ?? '1',
    preferredLocationId: s.location ?? '11',
    registeredSince: s.since ?? '2009-04-01',
  };
  return s.demographics === undefined ? base : { ...base, demographics: s.demographics };
}

export const PRACTICE_PATIENTS: readonly PracticePatient[] = [
  // Patients the app's demo mode already used.
  record({ id: '1', nhs: '9434765919', recordCase: 'rich', since: '1998-06-15' }),
  record({ id: '2', nhs: '9990001499', gp: '2', location: '12', since: '2025-09-10' }),
  record({ id: '3', nhs: '9990000387', status: 'sensitive' }),
  record({ id: '101', nhs: '9990000018', practice: 'B82617', gp: '4', location: '22', since: '2012-02-01' }),
  record({ id: '201', nhs: '9990000751', practice: 'C84123', status: 'deceased', gp: '5', location: '32' }),
  // The consumer test-script cases (issue 4 item 5).
  record({ id: '10', nhs: '9658218873', recordCase: 'rich', since: '1995-01-09' }),
  record({ id: '11', nhs: '9658218865', recordCase: 'single', gp: '2' }),
  record({ id: '12', nhs: '9658220150', status: 'sensitive' }),
  record({ id: '13', nhs: '9658220142', status: 'sensitive' }),
  record({ id: '14', nhs: '9658220290', status: 'deceased' }),
  record({ id: '15', nhs: '9658219748', status: 'inactive' }),
  record({ id: '16', nhs: '9658219691', recordCase: 'in-transit', since: '2025-11-03' }),
  record({ id: '17', nhs: '9658219705', recordCase: 'confidential-items' }),
  record({ id: '18', nhs: '9990002002', gp: '2', location: '12' }),
  record({ id: '19', nhs: '9450056234', dissent: true }),
  record({ id: '20', nhs: '9658220169', dissent: true }),
  record({ id: '21', nhs: '9658218903', recordCase: 'no-medications-or-immunisations' }),
  record({ id: '22', nhs: '9658218989', recordCase: 'no-known-allergies' }),
  // Cases of our own.
  record({ id: '23', nhs: '9990002010', recordCase: 'large', since: '1960-01-01' }),
  record({ id: '24', nhs: '9990002029', recordCase: 'awaiting-filing' }),
  record({
    id: '25',
    nhs: '9990002037',
    demographics: { family: 'Garside', line: ['17 Mayfield Grove', 'Harrogate'], postalCode: 'HG1 5HD' },
  }),
  // Two records for one NHS number at one practice (a duplicate registration the practice has not merged).
  record({ id: '26', nhs: '9990002045', since: '2001-03-14' }),
  record({ id: '27', nhs: '9990002045', gp: '2', location: '12', since: '2019-07-22' }),
  record({ id: '28', nhs: '9990002053' }),
  record({ id: '202', nhs: '9990002061', practice: 'C84123', gp: '5', location: '32', since: '1989-05-02' }),
];

export function practicePatients(practice: string): readonly PracticePatient[] {
  return PRACTICE_PATIENTS.filter((p) => p.practice === practice);
}
