import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { PRACTICE_PATIENTS } from '../../main/demonstrator/data/practice-patients';
import { practiceByOds } from '../../main/demonstrator/data/practices';
import { pdsRecordFor } from '../../main/demonstrator/data/pds-patients';
import { buildStructuredRecord } from '../../main/demonstrator/provider/structured/record-builder';
import { UNKNOWN_CAPABILITY } from '../../shared/gpconnect/structured-capability';
import { buildStructuredView } from '../../shared/record/build-structured-view';
import { RECORD_AREA_KEYS } from '../../shared/record/structured-view';
import type { RecordAreaKey } from '../../shared/record/structured-view';
import { QUICK, ratioOf, record, writeResults } from './harness';

/**
 * Issue 7 item 6: building the structured view model of the demonstrator's ~10 MB patient (9990002010, generated
 * deterministically by the demonstrator) against `JSON.parse` of the same bytes, in the same run; and the heap the
 * view model keeps, against the bytes.
 */
const NHS = '9990002010';

function largeRecordBytes(): string {
  const patient = PRACTICE_PATIENTS.find((p) => p.nhsNumber === NHS);
  const practice = patient ? practiceByOds(patient.practice) : undefined;
  const pds = pdsRecordFor(NHS);
  if (!patient || !practice || !pds) throw new Error('the demonstrator has no large patient');
  const bundle = buildStructuredRecord({
    practice,
    patient,
    pds,
    traceId: 'bench',
    seed: 1,
    today: '2026-11-25',
    query: {
      nhsNumber: NHS,
      allergies: { includeResolved: true },
      medication: { includeIssues: true },
      consultations: {},
      problems: {},
      immunisations: { includeNotGiven: false, includeStatus: true },
      uncategorised: {},
      investigations: {},
      referrals: {},
      diary: {},
      unknown: [],
      disabled: [],
    },
  });
  return JSON.stringify(bundle);
}

const requested = Object.fromEntries(RECORD_AREA_KEYS.map((k) => [k, true])) as Record<RecordAreaKey, boolean>;
const build = (bundle: unknown) =>
  buildStructuredView({
    patient: {
      nhsNumber: NHS,
      name: { prefix: [], given: ['Bench'], family: 'Patient' },
      birthDate: '1950-01-01',
      gender: 'female',
      restricted: false,
      source: 'PDS',
      registeredPractice: { odsCode: 'A20047' },
    },
    odsCode: 'A20047',
    bundle,
    traceId: 'bench',
    retrievedAt: '2026-11-25T10:00:00.000Z',
    plan: { requested, includeResolvedAllergies: true },
    capability: UNKNOWN_CAPABILITY,
  });

/** A real `gc()` for this worker (Vitest does not start it with --expose-gc). */
function exposeGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

afterAll(() => writeResults());

describe('structured record benchmarks', () => {
  const bytes = largeRecordBytes();
  const size = Buffer.byteLength(bytes);

  it('structured-view-build-vs-parse: view model of the 10 MB patient vs JSON.parse of the same bytes', async () => {
    const parsed: unknown = JSON.parse(bytes);
    const { ratio, subjectMs, baselineMs } = await ratioOf(
      () => Promise.resolve(build(parsed)),
      () => Promise.resolve(JSON.parse(bytes)),
      QUICK ? 1 : 5,
      QUICK ? 1 : 5,
    );
    record(
      'structured-view-build-vs-parse',
      ratio,
      2,
      `${subjectMs.toFixed(0)} ms build vs ${baselineMs.toFixed(0)} ms JSON.parse of ${(size / 1e6).toFixed(1)} MB`,
    );
    expect(ratio).toBeGreaterThan(0);
  });

  it('structured-view-heap-vs-bytes: heap the view model keeps (after GC) per byte of the Bundle', () => {
    const gc = exposeGc();
    if (!gc) {
      console.log('structured-view-heap-vs-bytes: no gc() in this worker; not measured');
      return;
    }
    const parsed: unknown = JSON.parse(bytes);
    gc();
    const before = process.memoryUsage().heapUsed;
    const view = build(parsed);
    gc();
    const after = process.memoryUsage().heapUsed;
    const ratio = (after - before) / size;
    record(
      'structured-view-heap-vs-bytes',
      ratio,
      3,
      `${((after - before) / 1e6).toFixed(1)} MB live view model (after GC) for ${(size / 1e6).toFixed(1)} MB of JSON; transient garbage not counted`,
    );
    expect(view.areas.consultations.consultations.length).toBeGreaterThan(0);
  });
});
