import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../main/ipc/dispatcher';
import type { HandlerRig } from '../fixtures/handler-rig';
import { startHandlerRig } from '../fixtures/handler-rig';
import { ukCalendarDate } from '../../main/gpconnect/structured-record-view';
import { INTERACTIONS } from '../../shared/gpconnect/interactions';
import type { GpcErrorInfo, Result } from '../../shared/ipc/errors';
import type { RecordAreaKey, StructuredRecordView } from '../../shared/record/structured-view';
import { RECORD_AREA_KEYS } from '../../shared/record/structured-view';

/**
 * `record.structured` through the real handler table and dispatcher against the demonstrator over mutual TLS: the
 * trace gate, the practice's declared capability, the view model of the rich patient (every area present) and each
 * absence case the demonstrator has, and the audit events.
 */
const clock = new Date('2026-11-25T10:00:00Z');
let rig: HandlerRig;
let dispatch: Dispatch;
const lastAction = () => rig.lastAction();
const trace = (nhsNumber: string) => rig.trace(nhsNumber);

beforeAll(async () => {
  rig = await startHandlerRig('record-structured', () => clock);
  dispatch = rig.dispatch;
});
afterAll(() => rig?.close());

const recordCalls = () =>
  rig.demo.requestLog.all().filter((e) => e.interactionId === INTERACTIONS.getStructuredRecord.id);
async function structured(input: Record<string, unknown>): Promise<Result<StructuredRecordView>> {
  return (await dispatch('record.structured', input, { host: 'cli' })) as Result<StructuredRecordView>;
}
async function record(nhsNumber: string, query?: Record<string, unknown>): Promise<StructuredRecordView> {
  await trace(nhsNumber);
  const r = await structured({ nhsNumber, ...(query ? { query } : {}) });
  if (!r.ok) throw new Error(`expected a record, got ${r.error.code} ${r.error.message}`);
  return r.value;
}
function failure(r: Result<StructuredRecordView>): GpcErrorInfo {
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}
const statuses = (v: StructuredRecordView) =>
  Object.fromEntries(RECORD_AREA_KEYS.map((k) => [k, v.areas[k].availability.status])) as Record<RecordAreaKey, string>;

describe('the trace gate (as record.html)', () => {
  it('refuses without a trace, and makes no provider request', async () => {
    const before = recordCalls().length;
    expect(failure(await structured({ nhsNumber: '9658218865' })).code).toBe('TRACE_REQUIRED');
    expect(recordCalls().length).toBe(before);
    expect(await lastAction()).toMatchObject({
      action: 'structured-record',
      outcome: 'failure',
      errorCode: 'TRACE_REQUIRED',
    });
  });

  it('refuses a restricted patient before any GP Connect call', async () => {
    await trace('9658220142');
    const before = recordCalls().length;
    expect(failure(await structured({ nhsNumber: '9658220142' })).code).toBe('PATIENT_RESTRICTED');
    expect(recordCalls().length).toBe(before);
  });

  it('refuses a forbidden combination in shared/ with a sentence naming the part, before sending', async () => {
    await trace('9658218873');
    const before = recordCalls().length;
    const error = failure(
      await structured({
        nhsNumber: '9658218873',
        query: { consultations: {}, medication: { fromDate: '2020-01-01' } },
      }),
    );
    expect(error.code).toBe('STRUCTURED_REQUEST_REFUSED');
    expect(error.message).toMatch(/medicationSearchFromDate cannot be sent together with includeConsultations/);
    expect(recordCalls().length).toBe(before);
  });
});

describe('the rich patient: every area present', () => {
  it('answers view models for every area, cross-checked against PDS, with no raw Bundle', async () => {
    const v = await record('9658218873');
    expect(statuses(v)).toEqual(Object.fromEntries(RECORD_AREA_KEYS.map((k) => [k, 'present'])));
    expect(v.areas.allergies.endedAvailability.status).toBe('present');
    expect(v).toMatchObject({
      odsCode: 'A20047',
      practice: { odsCode: 'A20047', name: 'Riverside Medical Practice' },
      crossCheck: { checked: true, nhsNumberMismatch: false, differences: [] },
      capability: { checked: true },
      retrievedAt: clock.toISOString(),
    });
    expect('bundle' in v).toBe(false);
    expect(v.areas.consultations.consultations.length).toBeGreaterThan(30);
    expect(v.areas.uncategorised.items.some((i) => i.bloodPressure !== undefined)).toBe(true);
    expect(recordCalls().some((e) => e.headers['ssp-traceid'] === v.traceId)).toBe(true);
    expect(await lastAction()).toMatchObject({
      action: 'structured-record',
      nhsNumber: '9658218873',
      outcome: 'success',
      odsCode: 'A20047',
      traceId: v.traceId,
    });
  });
});

describe('absence cases', () => {
  it('none recorded: no medications or immunisations', async () => {
    const v = await record('9658218903');
    expect(v.areas.medications.availability).toMatchObject({ status: 'none-recorded', headline: 'None recorded' });
    expect(v.areas.immunisations.availability.status).toBe('none-recorded');
    expect(v.areas.allergies.availability.status).toBe('present');
  });

  it('none recorded: no known allergies (nil-known) with the practice’s words', async () => {
    const v = await record('9658218989');
    expect(v.areas.allergies.availability).toMatchObject({
      status: 'none-recorded',
      emptyReason: { text: 'No Known Allergies' },
    });
    expect(v.areas.allergies.endedAvailability.status).toBe('none-recorded');
  });

  it('excluded as confidential: an empty area says excluded; other areas show what is left and say items were withheld', async () => {
    const v = await record('9658219705');
    expect(v.areas.immunisations.availability).toMatchObject({ status: 'excluded', itemsWithheld: true });
    expect(v.areas.problems.availability).toMatchObject({ status: 'present', itemsWithheld: true });
    expect(v.areas.problems.availability.warnings[0]?.text).toMatch(/confidentiality/);
  });

  it('record in transit: every area may be incomplete, with the date from the note', async () => {
    const v = await record('9658219691');
    for (const k of RECORD_AREA_KEYS) {
      expect(v.areas[k].availability.mayBeIncomplete, k).toBe(true);
      expect(v.areas[k].availability.warnings.find((w) => w.code === 'data-in-transit')?.since?.display).toBe(
        '03-Nov-2025',
      );
    }
  });

  it('awaiting filing: investigations, uncategorised data and consultations may be incomplete', async () => {
    const v = await record('9990002029');
    for (const k of ['investigations', 'uncategorised', 'consultations'] as const) {
      expect(v.areas[k].availability.warnings.map((w) => w.code)).toContain('data-awaiting-filing');
      // The demonstrator dates the sentence 14 days before its own (real) today.
      expect(v.areas[k].availability.warnings[0]?.since?.iso).toBe(
        ukCalendarDate(new Date(Date.now() - 14 * 86_400_000)),
      );
    }
    expect(v.areas.allergies.availability.mayBeIncomplete).toBe(false);
  });

  it('not supported (1.5 practice, from its metadata) and disabled at the practice (a NOT_IMPLEMENTED warning)', async () => {
    const before = recordCalls().length;
    const v = await record('9990000018');
    expect(v.odsCode).toBe('B82617');
    for (const k of ['investigations', 'referrals', 'diary'] as const) {
      expect(v.areas[k].availability).toMatchObject({ status: 'not-supported', capability: 'not-supported' });
    }
    expect(v.areas.problems.availability.status).toBe('disabled');
    expect(v.areas.problems.availability.outcomeWarnings[0]?.text).toBe('includeProblems has been disabled');
    expect(v.outcomeWarnings.length).toBeGreaterThan(0);
    // The 1.6-only areas were not sent, so the practice gave no "unrecognised parameter" warning for them.
    expect(v.outcomeWarnings.some((w) => /unrecognised/.test(w.text))).toBe(false);
    expect(recordCalls().length).toBe(before + 1);
  });

  it('not requested: the areas and parts left out are said to be not requested', async () => {
    const v = await record('9658218873', { allergies: { includeResolved: false }, immunisations: {} });
    expect(v.areas.allergies.availability.status).toBe('present');
    expect(v.areas.allergies.endedAvailability.status).toBe('not-requested');
    expect(v.areas.immunisations.availability.status).toBe('present');
    for (const k of [
      'medications',
      'problems',
      'consultations',
      'investigations',
      'uncategorised',
      'referrals',
      'diary',
    ] as const) {
      expect(v.areas[k].availability.status, k).toBe('not-requested');
    }
  });

  it('the practice’s copy differs from PDS: each differing field named with both values', async () => {
    const v = await record('9990002037');
    expect(v.crossCheck.differences.map((d) => d.field)).toContain('Family name');
  });

  it('Structured switched off at the practice: the Spine error, audited as a failure', async () => {
    await trace('9990002061');
    const error = failure(await structured({ nhsNumber: '9990002061' }));
    expect(error.code).toBe('SPINE_ERROR');
    expect(error.spine?.code).toBe('ACCESS DENIED');
    expect(await lastAction()).toMatchObject({
      action: 'structured-record',
      nhsNumber: '9990002061',
      outcome: 'failure',
      odsCode: 'C84123',
    });
  });
});
