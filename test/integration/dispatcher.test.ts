import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Dispatch } from '../../main/ipc/dispatcher';
import { createDispatcher } from '../../main/ipc/dispatcher';
import { GpcError } from '../../main/ipc/gpc-error';
import type { HandlerTable } from '../../main/ipc/handler-table';
import type { Services } from '../../main/services';
import { buildServices } from '../../main/services';
import { LIVE_CONFIG } from '../fixtures/live-config';

/** The real handler table of demo mode, behind the real dispatcher: what both hosts serve. */
let services: Services;
beforeAll(async () => {
  services = await buildServices({ mode: 'demo' }, { name: 'GP Connect Workstation', version: '1.2.3' });
});
afterAll(async () => services?.close());

async function demo() {
  const logged: string[] = [];
  const dispatch = createDispatcher(services.handlers, {
    error: (message, fields) => logged.push(`${message} ${JSON.stringify(fields)}`),
  });
  return { dispatch, logged };
}
const ctx = { host: 'electron' as const };

describe('handler table behind the dispatcher', () => {
  it('traces a demo patient by NHS number typed with spaces', async () => {
    const { dispatch } = await demo();
    const result = await dispatch('patient.lookup', { nhsNumber: '943 476 5919' }, ctx);
    expect(result).toMatchObject({ ok: true, value: { nhsNumber: '9434765919', name: { family: 'Hartley' } } });
  });

  it('reports app.info with version, mode and host', async () => {
    const { dispatch } = await demo();
    expect(await dispatch('app.info', {}, { host: 'preview' })).toEqual({
      ok: true,
      value: {
        name: 'GP Connect Workstation',
        version: '1.2.3',
        mode: 'demo',
        host: 'preview',
        explorer: true,
        // Demo mode without configured admins: the demo user is the audit admin.
        auditAdmin: true,
        flavour: 'clinical',
      },
    });
  });

  it('says PATIENT_NOT_FOUND for a valid number not in the data set', async () => {
    const { dispatch } = await demo();
    const result = await dispatch('patient.lookup', { nhsNumber: '9990002231' }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'PATIENT_NOT_FOUND' } });
  });

  it('returns no address or practice for the restricted demo patient', async () => {
    const { dispatch } = await demo();
    const result = await dispatch('patient.lookup', { nhsNumber: '9990000387' }, ctx);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value).toMatchObject({ restricted: true });
      expect(result.value).not.toHaveProperty('address');
      expect(result.value).not.toHaveProperty('registeredPractice');
    }
  });

  it.each([
    [{ nhsNumber: '943 476 5918' }, 'check digit'],
    [{ nhsNumber: '94347' }, 'too short'],
    [{ nhsNumber: 'ABC4765919' }, 'only digits'],
    [{ nhsNumber: 9434765919 }, 'must be text'],
    [{}, 'must be text'],
    [{ nhsNumber: '9434765919', extra: true }, 'Unrecognized key'],
    [null, 'expected object'],
    ['9434765919', 'expected object'],
    [{ nhsNumber: '9'.repeat(1000) }, 'too long'],
  ])('refuses input %j with INVALID_INPUT naming the problem', async (input, message) => {
    const { dispatch } = await demo();
    const result = await dispatch('patient.lookup', input, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(`${result.error.message} ${result.error.detail ?? ''}`).toContain(message);
    }
  });

  it('refuses oversized input before validating it', async () => {
    const { dispatch } = await demo();
    const result = await dispatch('patient.lookup', { nhsNumber: 'x'.repeat(200_000) }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'INPUT_TOO_LARGE' } });
  });

  it('refuses input that cannot be serialised (cycles, BigInt)', async () => {
    const { dispatch } = await demo();
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(await dispatch('patient.lookup', cyclic, ctx)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await dispatch('patient.lookup', { nhsNumber: 1n }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it.each([
    'patient.delete',
    'toString',
    '__proto__',
    'constructor',
    'hasOwnProperty',
    '',
    42,
    null,
    undefined,
    { a: 1 },
  ])('refuses unknown channel %j with UNKNOWN_CHANNEL', async (channel) => {
    const { dispatch } = await demo();
    expect(await dispatch(channel, {}, ctx)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('does not let prototype-pollution keys through or pollute Object.prototype', async () => {
    const { dispatch } = await demo();
    const input = JSON.parse('{"nhsNumber":"9434765919","__proto__":{"polluted":true}}') as unknown;
    const result = await dispatch('patient.lookup', input, ctx);
    expect(result.ok).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('turns a handler crash into INTERNAL_ERROR without a stack trace, and logs it for the service desk', async () => {
    const base = services.handlers;
    const handlers: HandlerTable = {
      ...base,
      'patient.lookup': () => Promise.reject(new TypeError('boom at /home/secret/path.ts:12')),
    };
    const error = vi.fn();
    const dispatch = createDispatcher(handlers, { error });
    const result = await dispatch('patient.lookup', { nhsNumber: '9434765919' }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR' } });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(JSON.stringify(result)).not.toContain('boom');
    expect(error).toHaveBeenCalledOnce();
  });

  it('passes a handler’s typed error through with its own message', async () => {
    const base = services.handlers;
    const dispatch = createDispatcher(
      { ...base, 'patient.lookup': () => Promise.reject(new GpcError('PATIENT_NOT_FOUND', 'Nobody here', 'detail')) },
      { error: () => undefined },
    );
    expect(await dispatch('patient.lookup', { nhsNumber: '9434765919' }, ctx)).toEqual({
      ok: false,
      error: { code: 'PATIENT_NOT_FOUND', message: 'Nobody here', detail: 'detail' },
    });
  });

  it('in live mode refuses to build without a readable endpoint certificate, naming the file', async () => {
    await expect(buildServices(LIVE_CONFIG, { name: 'x', version: '1' })).rejects.toThrow(
      /client certificate \/nonexistent\/cert.pem cannot be read|trusted CA \/nonexistent\/ca.pem cannot be read/,
    );
  });
});

describe('input that is not plain data', () => {
  let dispatch: Dispatch;
  beforeAll(async () => {
    ({ dispatch } = await demo());
  });
  it.each([
    ['a Map', { nhsNumber: new Map([['a', 1]]) }],
    ['a typed array', { nhsNumber: new Uint8Array(10) }],
    ['a Date', new Date()],
    ['a class instance', new (class Thing {})()],
    ['a function', { nhsNumber: () => '9434765919' }],
    ['NaN', { nhsNumber: Number.NaN }],
    ['deep nesting', JSON.parse('{"a":'.repeat(200) + '1' + '}'.repeat(200)) as unknown],
  ])('refuses %s with INVALID_INPUT', async (_label, input) => {
    expect(await dispatch('app.info', input, ctx)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses a huge typed array as unreadable rather than serialising it', async () => {
    const result = await dispatch('app.info', { blob: new Uint8Array(50_000_000) }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses an array of a million entries as too large', async () => {
    expect(await dispatch('app.info', { many: new Array(1_000_000).fill('x') }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'INPUT_TOO_LARGE' },
    });
  });

  it('a schema transform that throws becomes INTERNAL_ERROR, not an exception past the dispatcher', async () => {
    const error = vi.fn();
    const throwing = createDispatcher(services.handlers, {
      error,
    });
    // A getter that throws while zod reads the object: the worst an input can do to validation.
    const hostile = {};
    Object.defineProperty(hostile, 'nhsNumber', {
      enumerable: false,
      get() {
        throw new Error('getter');
      },
    });
    await expect(throwing('patient.lookup', hostile, ctx)).resolves.toMatchObject({ ok: false });
  });
});
