import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PRACTICE_PATIENTS } from '../../../main/demonstrator/data/practice-patients';
import { practiceByOds } from '../../../main/demonstrator/data/practices';
import { pdsRecordFor } from '../../../main/demonstrator/data/pds-patients';
import { buildStructuredRecord } from '../../../main/demonstrator/provider/structured/record-builder';
import type { StructuredCapability } from '../../../shared/gpconnect/structured-capability';
import { UNKNOWN_CAPABILITY } from '../../../shared/gpconnect/structured-capability';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import { buildStructuredView } from '../../../shared/record/build-structured-view';
import type { RecordAreaKey, StructuredRecordView } from '../../../shared/record/structured-view';
import { RECORD_AREA_KEYS } from '../../../shared/record/structured-view';

/**
 * The structured Bundles the reader tests run over: every published example Bundle in the repository
 * (`assets/gpconnect/examples/structured/`, the same files as `../shared/gpconnect/examples/structured/`) and the
 * demonstrator's own structured record of each of its shareable patients (built by the demonstrator's builder).
 */
const EXAMPLES = path.join('assets', 'gpconnect', 'examples', 'structured');

export function exampleBundles(): { name: string; bundle: Record<string, unknown> }[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: f,
      bundle: JSON.parse(readFileSync(path.join(EXAMPLES, f), 'utf8')) as Record<string, unknown>,
    }))
    .filter((b) => b.bundle['resourceType'] === 'Bundle');
}

export function example(name: string): Record<string, unknown> {
  const found = exampleBundles().find((b) => b.name === name);
  if (!found) throw new Error(`no example ${name}`);
  return found.bundle;
}

/** The demonstrator's record of a patient, every area asked for, as it would answer on 25-Nov-2026. */
export function demonstratorBundle(nhsNumber: string): Record<string, unknown> {
  const patient = PRACTICE_PATIENTS.find((p) => p.nhsNumber === nhsNumber && p.status === 'active');
  const practice = patient ? practiceByOds(patient.practice) : undefined;
  const pds = pdsRecordFor(nhsNumber);
  if (!patient || !practice || !pds) throw new Error(`no demonstrator record for ${nhsNumber}`);
  return buildStructuredRecord({
    practice,
    patient,
    pds,
    traceId: `trace-${nhsNumber}`,
    seed: 7,
    today: '2026-11-25',
    query: {
      nhsNumber,
      allergies: { includeResolved: true },
      medication: { includeIssues: true },
      consultations: {},
      problems: {},
      immunisations: { includeNotGiven: true, includeStatus: true },
      uncategorised: {},
      investigations: {},
      referrals: {},
      diary: {},
      unknown: [],
      disabled: [],
    },
  });
}

/** Shareable demonstrator patients at practices with Structured enabled (the large one excluded: see the bench). */
export function demonstratorPatients(): string[] {
  return [
    ...new Set(
      PRACTICE_PATIENTS.filter(
        (p) =>
          p.status === 'active' &&
          !p.dissent &&
          p.recordCase !== 'large' &&
          practiceByOds(p.practice)?.structured.enabled === true,
      ).map((p) => p.nhsNumber),
    ),
  ];
}

export const TRACED: PatientSummary = {
  nhsNumber: '9658218873',
  name: { prefix: [], given: ['Ann'], family: 'Example' },
  birthDate: '1950-01-01',
  gender: 'female',
  restricted: false,
  source: 'PDS',
  registeredPractice: { odsCode: 'A20047' },
};

const EVERYTHING = Object.fromEntries(RECORD_AREA_KEYS.map((k) => [k, true])) as Record<RecordAreaKey, boolean>;

export function viewOf(
  bundle: unknown,
  options: { requested?: Record<RecordAreaKey, boolean>; capability?: StructuredCapability; resolved?: boolean } = {},
): StructuredRecordView {
  return buildStructuredView({
    patient: TRACED,
    odsCode: 'A20047',
    bundle,
    traceId: 'trace-1',
    retrievedAt: '2026-11-25T10:00:00.000Z',
    plan: { requested: options.requested ?? EVERYTHING, includeResolvedAllergies: options.resolved ?? true },
    capability: options.capability ?? UNKNOWN_CAPABILITY,
  });
}
