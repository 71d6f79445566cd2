import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../main/ipc/dispatcher';
import type { HandlerRig } from '../fixtures/handler-rig';
import { startHandlerRig } from '../fixtures/handler-rig';
import type { HtmlRecordSection } from '../../shared/gpconnect/html-record-view';
import { INTERACTIONS } from '../../shared/gpconnect/interactions';
import type { GpcErrorInfo, Result } from '../../shared/ipc/errors';

/**
 * `record.html` through the real handler table and dispatcher against the demonstrator over mutual TLS: the PDS
 * trace gate, restricted patients, the view model (sanitised HTML, cross-check) and the errors a clinician sees.
 */
let clock = new Date('2026-11-25T10:00:00Z');
let rig: HandlerRig;
let dispatch: Dispatch;
const lastAction = () => rig.lastAction();
const trace = (nhsNumber: string) => rig.trace(nhsNumber);

beforeAll(async () => {
  rig = await startHandlerRig('record-html', () => clock);
  dispatch = rig.dispatch;
});
afterAll(() => rig?.close());

/** Care record requests the demonstrator saw (bodies are redacted in its log, so they are counted, not read). */
const careRecordCalls = () =>
  rig.demo.requestLog.all().filter((e) => e.interactionId === INTERACTIONS.getCareRecord.id);
async function section(input: Record<string, string>): Promise<Result<HtmlRecordSection>> {
  return (await dispatch('record.html', input, { host: 'cli' })) as Result<HtmlRecordSection>;
}
function view(r: Result<HtmlRecordSection>): HtmlRecordSection {
  if (!r.ok) throw new Error(`expected a section, got ${r.error.code} ${r.error.message}`);
  return r.value;
}
function failure(r: Result<HtmlRecordSection>): GpcErrorInfo {
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

describe('the PDS trace gate (enforced in main)', () => {
  it('refuses a record request without a trace of that patient, and makes no provider request', async () => {
    const before = rig.demo.requestLog.all().length;
    const error = failure(await section({ nhsNumber: '9658218865', section: 'SUM' }));
    expect(error.code).toBe('TRACE_REQUIRED');
    expect(error.message).toContain('24 hours');
    expect(rig.demo.requestLog.all().length).toBe(before);
  });

  it('allows it after a trace, and refuses again once the trace is more than 24 hours old', async () => {
    await trace('9658218865');
    expect(view(await section({ nhsNumber: '9658218865', section: 'ALL' })).section.code).toBe('ALL');
    const traced = clock;
    clock = new Date(traced.getTime() + 24 * 3600_000 - 1000);
    expect((await section({ nhsNumber: '9658218865', section: 'ALL' })).ok).toBe(true);
    clock = new Date(traced.getTime() + 24 * 3600_000 + 1000);
    expect(failure(await section({ nhsNumber: '9658218865', section: 'ALL' })).code).toBe('TRACE_REQUIRED');
    clock = traced;
  });

  it('a trace of one patient does not open another', async () => {
    await trace('9658218873');
    expect(failure(await section({ nhsNumber: '9658218903', section: 'SUM' })).code).toBe('TRACE_REQUIRED');
  });

  it('a restricted (S-flag) patient: traced, refused, and no GP Connect request reaches the provider', async () => {
    await trace('9658220142');
    const before = careRecordCalls().length;
    const error = failure(await section({ nhsNumber: '9658220142', section: 'SUM' }));
    expect(error.code).toBe('PATIENT_RESTRICTED');
    expect(careRecordCalls().length).toBe(before);
    expect(await lastAction()).toMatchObject({
      nhsNumber: '9658220142',
      outcome: 'failure',
      errorCode: 'PATIENT_RESTRICTED',
    });
  });
});

describe('record.html view model', () => {
  it('SUM of the rich record: sanitised provider HTML, no demographic differences, practice and trace ID', async () => {
    await trace('9658218873');
    const v = view(await section({ nhsNumber: '9658218873', section: 'SUM' }));
    expect(v).toMatchObject({
      nhsNumber: '9658218873',
      section: { code: 'SUM', title: 'Summary' },
      contentRemoved: false,
      crossCheck: { checked: true, differences: [] },
      practice: { odsCode: 'A20047', name: 'Riverside Medical Practice' },
      retrievedAt: clock.toISOString(),
    });
    expect(v.html).toMatch(/^<div><h1>Summary<\/h1>/);
    expect(v.html).toContain('<table id="prb-tab-act">');
    expect(v.html).not.toMatch(/<script|on\w+=|href=|style=/i);
    expect(v.traceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(careRecordCalls().some((e) => e.headers['ssp-traceid'] === v.traceId)).toBe(true);
    expect(await lastAction()).toMatchObject({
      action: 'view-section',
      nhsNumber: '9658218873',
      target: 'SUM',
      outcome: 'success',
      odsCode: 'A20047',
    });
  });

  it('MED with a date range sends the timePeriod and shows the provider date banner', async () => {
    await trace('9658218873');
    const v = view(await section({ nhsNumber: '9658218873', section: 'MED', from: '2020-01-01', to: '2024-12-31' }));
    expect(v.period).toEqual({ from: '2020-01-01', to: '2024-12-31' });
    expect(v.html).toContain("For the period '01-Jan-2020' to '31-Dec-2024'");
  });

  it('the mismatch patient names each differing field with both values', async () => {
    await trace('9990002037');
    const v = view(await section({ nhsNumber: '9990002037', section: 'SUM' }));
    expect(v.crossCheck.differences).toEqual([{ field: 'Family name', pds: 'ASHDOWN', practice: 'GARSIDE' }]);
  });

  it('the in-transit patient carries the GP transfer banner', async () => {
    await trace('9658219691');
    expect(view(await section({ nhsNumber: '9658219691', section: 'SUM' })).html).toContain(
      'class="gptransfer-banner"',
    );
  });

  it('the dissent patient gives NO_PATIENT_CONSENT in the clinician’s words, and the failure is an audit event', async () => {
    await trace('9450056234');
    const error = failure(await section({ nhsNumber: '9450056234', section: 'SUM' }));
    expect(error).toMatchObject({ code: 'SPINE_ERROR', spine: { code: 'NO_PATIENT_CONSENT', httpStatus: 403 } });
    expect(error.message).toContain('asked for their GP record not to be shared');
    expect(await lastAction()).toMatchObject({
      outcome: 'failure',
      errorCode: 'SPINE_ERROR NO_PATIENT_CONSENT',
      odsCode: 'A20047',
    });
  });

  it.each([
    [{ nhsNumber: '9658218873', section: 'SUM', from: '2020-01-01' }, 'takes no date filter'],
    [{ nhsNumber: '9658218873', section: 'MED', from: '2024-01-01', to: '2020-01-01' }, 'must not be before'],
    [{ nhsNumber: '9658218873', section: 'INV' }, 'section must be one of'],
  ])('refuses %j before any call', async (input, message) => {
    const error = failure(await section(input));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(message);
  });
});
