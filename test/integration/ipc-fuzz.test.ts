import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../main/ipc/dispatcher';
import { createDispatcher } from '../../main/ipc/dispatcher';
import type { PreviewHost } from '../../main/preview/preview-host';
import { PREVIEW_INVOKE_PATH, startPreviewHost } from '../../main/preview/preview-host';
import type { Services } from '../../main/services';
import { buildServices } from '../../main/services';
import { CHANNELS } from '../../shared/ipc/channels';
import { ERROR_CODES } from '../../shared/ipc/errors';

/**
 * IPC fuzzing (issue 12 item 2): generated hostile inputs for every channel of the contract, through the real handler
 * table behind the real dispatcher and through the preview host's HTTP shim. Only typed results, no crash, no
 * unhandled rejection, and the dispatcher still answers a good call afterwards.
 */
let services: Services;
let dispatch: Dispatch;
let host: PreviewHost;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  services = await buildServices({ mode: 'demo' }, { name: 'GP Connect Workstation', version: 'fuzz' });
  const logged: string[] = [];
  dispatch = createDispatcher(services.handlers, { error: (m) => logged.push(m) });
  host = await startPreviewHost({
    port: 0,
    // Only the invoke endpoint is fuzzed here; no renderer files are needed.
    rendererDir: 'assets',
    shimFile: 'assets/gpconnect/README.md',
    config: { mode: 'demo' },
    dispatch,
  });
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await host?.close();
  await services?.close();
});

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];
const UNICODE = [
  '\u0000',
  '\u202e',
  '\ud800',
  '\uffff',
  '𝟡𝟜𝟛',
  '٩٤٣٤٧٦٥٩١٩',
  'e\u0301',
  '\u200b943 476 5919',
  '９４３４７６５９１９',
];

/** Anything a compromised renderer could send: JSON-ish values, odd keys, deep nesting, huge strings, unicode. */
const hostile: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.constantFrom(...UNICODE),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.string({ minLength: 0, maxLength: 4 }).map((s) => s.repeat(50_000)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom(...POLLUTION_KEYS, 'nhsNumber', 'section', 'odsCode')),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

/** Inputs shaped like the real ones, with each field bent. */
const nearMiss: fc.Arbitrary<unknown> = fc.record(
  {
    nhsNumber: fc.oneof(fc.string(), fc.constantFrom('9434765919', '943 476 5918', ...UNICODE), fc.integer()),
    section: fc.oneof(fc.constantFrom('SUM', 'sum', 'MED', 'XXX', ''), fc.string()),
    odsCode: fc.oneof(fc.constantFrom('A20047', 'a20047', 'A2004/'), fc.string()),
    start: fc.oneof(fc.constantFrom('2026-12-01', '2026-02-30', '2026-12'), fc.string()),
    end: fc.oneof(fc.constantFrom('2026-12-10', '2027-01-30'), fc.string()),
  },
  { requiredKeys: [] },
);

function isTypedResult(result: unknown): boolean {
  if (typeof result !== 'object' || result === null) return false;
  const r = result as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return true;
  return (
    r.ok === false &&
    typeof r.error?.code === 'string' &&
    Object.prototype.hasOwnProperty.call(ERROR_CODES, r.error.code) &&
    typeof r.error.message === 'string' &&
    !/\n\s+at /.test(r.error.message)
  );
}

describe('IPC fuzzing through the real handler table', () => {
  it.each([...CHANNELS])('%s: hostile inputs give only typed results', async (channel) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostile, nearMiss), async (input) => {
        const result = await dispatch(channel, input, { host: 'electron' });
        expect(isTypedResult(result)).toBe(true);
      }),
      { numRuns: 60, seed: 20261125 },
    );
  });

  it('hostile channel names give UNKNOWN_CHANNEL', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom(...POLLUTION_KEYS), hostile), async (name) => {
        fc.pre(!(CHANNELS as readonly unknown[]).includes(name));
        const result = await dispatch(name, {}, { host: 'electron' });
        expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      }),
      { numRuns: 100, seed: 20261125 },
    );
  });

  it('no unhandled rejections, no prototype pollution, and main still answers', async () => {
    expect(unhandled).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype.toString.call({})).toBe('[object Object]');
    expect(await dispatch('app.info', {}, { host: 'electron' })).toMatchObject({ ok: true });
  });
});

describe('preview host HTTP shim under fuzz', () => {
  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${host.origin}${PREVIEW_INVOKE_PATH}`, { method: 'POST', headers, body });

  it('random bodies with the right token give typed JSON answers, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 2000 }),
          hostile.map((v) => JSON.stringify({ channel: 'patient.trace', input: v }) ?? ''),
        ),
        async (body) => {
          const response = await post(body, {
            'Content-Type': 'application/json',
            Origin: host.origin,
            'X-GPC-Token': host.token,
          });
          expect(isTypedResult(await response.json())).toBe(true);
        },
      ),
      { numRuns: 80, seed: 20261125 },
    );
  });

  it('random tokens and origins are refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 60 }).filter((t) => /^[\x21-\x7e]+$/.test(t) && t !== host.token),
        fc.constantFrom('http://evil.example', 'null', host.origin),
        async (token, origin) => {
          const response = await post('{"channel":"app.info","input":{}}', {
            'Content-Type': 'application/json',
            Origin: origin,
            'X-GPC-Token': token,
          });
          expect(response.status).toBe(403);
        },
      ),
      { numRuns: 60, seed: 20261125 },
    );
    // And the host still serves the right caller.
    const ok = await post('{"channel":"app.info","input":{}}', {
      'Content-Type': 'application/json',
      Origin: host.origin,
      'X-GPC-Token': host.token,
    });
    expect(await ok.json()).toMatchObject({ ok: true });
  });
});
