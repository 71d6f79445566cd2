import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkstationConfig } from '../../main/config/load-config';
import { writeDemonstratorFiles } from '../../main/demonstrator/config-files';
import type { Demonstrator } from '../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../main/demonstrator/demonstrator';
import type { Dispatch } from '../../main/ipc/dispatcher';
import { createDispatcher } from '../../main/ipc/dispatcher';
import { recordingAudit } from '../fixtures/recording-audit';
import { createHandlers } from '../../main/ipc/handlers';
import type { LiveServices } from '../../main/live-services';
import { createLiveServices } from '../../main/live-services';
import type { GpcErrorInfo } from '../../shared/ipc/errors';

/**
 * Each record failure the screen explains, against the demonstrator with its scenarios: the Spine code the screen
 * branches on, and a record access event with outcome `failure` for every one (failures are audited like successes).
 */
let demo: Demonstrator;
let live: LiveServices;
let dispatch: Dispatch;
const audit = recordingAudit();
const events = audit.actions;

beforeAll(async () => {
  demo = await startDemonstrator({
    port: 0,
    scenarios: [
      { name: 'gp-connect-disabled', odsCode: 'B82617' },
      { name: 'no-sharing-agreement', odsCode: 'C84123' },
    ],
  });
  const files = await writeDemonstratorFiles(demo, mkdtempSync(path.join(tmpdir(), 'gpc-record-errors-')));
  const config = loadWorkstationConfig({ file: files.config });
  if (config.mode !== 'live') throw new Error('the demonstrator config should be live mode');
  live = await createLiveServices(config, {
    product: { name: 'GP Connect Workstation', version: '0.1.0' },
    today: () => '2026-11-25',
  });
  const handlers = createHandlers({
    appName: 'GP Connect Workstation',
    version: '0.1.0',
    mode: 'live',
    live,
    audit,
  });
  dispatch = createDispatcher(handlers, { error: () => undefined });
});
afterAll(async () => {
  await live?.close();
  await demo?.close();
});

async function summaryFailure(nhsNumber: string): Promise<GpcErrorInfo> {
  expect((await dispatch('patient.trace', { nhsNumber }, { host: 'cli' })).ok).toBe(true);
  events.length = 0;
  const r = await dispatch('record.html', { nhsNumber, section: 'SUM' }, { host: 'cli' });
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

describe('record failures, each audited', () => {
  it.each([
    ['GP Connect off at the practice', '9990000018', 'ACCESS DENIED', 403],
    ['no sharing agreement (SSP)', '9990002061', 'SSP_NO_SHARING_AGREEMENT', 403],
    ['patient not found at the practice', '9324926233', 'PATIENT_NOT_FOUND', 404],
    ['no consent', '9450056234', 'NO_PATIENT_CONSENT', 403],
  ])('%s', async (_case, nhsNumber, code, status) => {
    const error = await summaryFailure(nhsNumber);
    expect(error.code).toBe('SPINE_ERROR');
    expect(error.spine).toMatchObject({ code, httpStatus: status });
    expect(events).toEqual([
      expect.objectContaining({
        action: 'view-section',
        nhsNumber,
        target: 'SUM',
        outcome: 'failure',
        errorCode: `SPINE_ERROR ${code}`,
      }),
    ]);
  });

  it('practice unreachable: audited each time, and a retry after it recovers succeeds (and is audited too)', async () => {
    // Two calls: the workstation retries a read once by itself.
    demo.scenarios.activate({ name: 'http-502', odsCode: 'A20047', value: 2 });
    const error = await summaryFailure('9658218865');
    expect(error.spine?.code).toBe('SSP_ERROR_COMMUNICATING');
    expect(events.map((e) => e.outcome)).toEqual(['failure']);
    const again = await dispatch('record.html', { nhsNumber: '9658218865', section: 'SUM' }, { host: 'cli' });
    expect(again.ok).toBe(true);
    expect(events.map((e) => e.outcome)).toEqual(['failure', 'success']);
    expect(demo.scenarios.list().some((s) => s.name === 'http-502')).toBe(false);
  });
});
