import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../../main/ipc/dispatcher';
import { createDispatcher } from '../../../main/ipc/dispatcher';
import type { HandlerTable } from '../../../main/ipc/handler-table';
import type { AppLog } from '../../../main/logging/app-log';
import { createAppLog, logFileIn } from '../../../main/logging/app-log';
import { scrubText, scrubValue } from '../../../main/logging/scrub';
import type { PatientTrace } from '../../../shared/ipc/contract';
import type { Services } from '../../../main/services';
import { buildServices } from '../../../main/services';

/**
 * The application log is read by service desks and leaves the desktop: it must never hold patient data or secrets.
 * A scripted session (traces, record sections, failures, a handler that crashes with PHI in its error) runs through
 * the real dispatcher and services, then the log file is grepped for everything the session knew.
 */
const RICH = '9658218873';
const DISSENT = '9658220169';
const JWT = 'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIn0.';
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';

let services: Services;
let dispatch: Dispatch;
let log: AppLog;
let logFile: string;

beforeAll(async () => {
  logFile = logFileIn(mkdtempSync(path.join(tmpdir(), 'gpc-logs-')));
  log = createAppLog({ file: logFile }, 'test');
  services = await buildServices({ mode: 'demo' }, { name: 'GP Connect Workstation', version: 'test' });
  // A handler with a bug: it throws with the patient in its message, as careless code would.
  const handlers: HandlerTable = {
    ...services.handlers,
    'patient.lookup': ({ nhsNumber }) =>
      Promise.reject(new Error(`cannot trace ${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`)),
  };
  dispatch = createDispatcher(handlers, {
    error: (message, fields) => log.error(message, { ...fields, input: { nhsNumber: RICH, jwt: JWT } }),
  });
});
afterAll(async () => {
  await services?.close();
});

describe('the application log', () => {
  it('holds no NHS number, name, record text, JWT or key after a session with failures', async () => {
    const traced = await dispatch('patient.trace', { nhsNumber: RICH }, { host: 'cli' });
    expect(traced.ok).toBe(true);
    const family = traced.ok ? (traced.value as PatientTrace).patient.name.family : '';
    const sum = await dispatch('record.html', { nhsNumber: RICH, section: 'SUM' }, { host: 'cli' });
    expect(sum.ok).toBe(true);
    await dispatch('patient.trace', { nhsNumber: DISSENT }, { host: 'cli' });
    await dispatch('record.html', { nhsNumber: DISSENT, section: 'SUM' }, { host: 'cli' });
    const crashed = await dispatch('patient.lookup', { nhsNumber: RICH }, { host: 'cli' });
    expect(crashed.ok).toBe(false);
    log.warn(`operator pasted ${RICH} and Bearer ${JWT} with ${PEM}`, { patient: { name: family }, detail: PEM });
    log.flush();

    const text = readFileSync(logFile, 'utf8');
    // The log did record the failures (a silent log would pass the greps below for the wrong reason).
    expect(text).toContain('handler failed');
    expect(text).toContain('operator pasted');
    for (const secret of [RICH, DISSENT, '965 821 8873', '965-821-8873', family, JWT.slice(0, 20), 'BEGIN PRIVATE']) {
      expect(text, `log must not contain ${secret}`).not.toContain(secret);
    }
  });
});

describe('scrubbing', () => {
  it('removes NHS numbers however they are typed, and leaves longer identifiers alone', () => {
    expect(scrubText('a 9434765919 b 943 476 5919 c 943-476-5919')).toBe(
      'a [nhs-number] b [nhs-number] c [nhs-number]',
    );
    // ASIDs are 12 digits: not NHS numbers, and a service desk needs them.
    expect(scrubText('asid 200000000985')).toBe('asid 200000000985');
  });

  it('redacts by key whatever the value, and survives cycles', () => {
    const value: Record<string, unknown> = { channel: 'record.html', pin: '1234', body: { anything: 1 } };
    value['self'] = value;
    expect(scrubValue(value)).toEqual({ channel: 'record.html', pin: '[redacted]', body: '[redacted]', self: '[…]' });
  });
});
