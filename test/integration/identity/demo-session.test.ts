import { afterEach, describe, expect, it } from 'vitest';
import type { SessionState } from '../../../shared/ipc/features/session.contract';
import type { Result } from '../../../shared/ipc/errors';
import { SessionService } from '../../../main/identity/session-service';
import { createDispatcher } from '../../../main/ipc/dispatcher';
import type { Services } from '../../../main/services';
import { buildServices } from '../../../main/services';

/** Demo mode's session: synthetic clinicians, emulated cards, the inactivity lock, and the JWT naming the demo user. */
let services: Services | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

async function demoWorkstation() {
  services = await buildServices({ mode: 'demo' }, { name: 'GP Connect Workstation', version: '0.1.0' });
  const dispatch = createDispatcher(services.handlers, { error: () => undefined });
  const call = (channel: string, input: unknown = {}) =>
    dispatch(channel, input, { host: 'preview' }) as Promise<Result<unknown>>;
  return { services, call };
}

const stateOf = (r: Result<unknown>) => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as SessionState;
};

describe('demo clinicians', () => {
  it('offers a GP, a nurse and a receptionist with different roles, and nothing about cards or PINs', async () => {
    const { call } = await demoWorkstation();
    const state = stateOf(await call('session.status'));
    expect(state).toMatchObject({ phase: 'signed-out', demo: true, inactivityMinutes: 10 });
    expect(state.demoClinicians?.map((c) => c.roleName)).toEqual([
      'General Medical Practitioner',
      'Nurse Practitioner',
      'Receptionist',
    ]);
  });

  it('refuses card emulation and demo sign-in outside demo mode', () => {
    const live = new SessionService({ demo: false });
    expect(() => live.demoCard('remove')).toThrow(/demo mode only/);
    expect(() => live.signInDemo('gp')).toThrow(/only offered in demo mode/);
  });

  it('a signed-in demo clinician reads records; removing their emulated card locks, and a locked session sends nothing', async () => {
    const { call, services } = await demoWorkstation();
    stateOf(await call('session.signInDemo', { clinicianId: 'receptionist' }));
    const sent: string[] = [];
    services.session.onContextEnd((reason) => sent.push(reason));
    expect((await call('patient.trace', { nhsNumber: '9658218873' })).ok).toBe(true);
    const record = await call('record.structured', { nhsNumber: '9658218873' });
    expect(record.ok).toBe(true);
    stateOf(await call('session.demoCard', { action: 'remove' }));
    expect(sent).toEqual(['locked']);
    const locked = await call('record.structured', { nhsNumber: '9658218873' });
    expect(locked.ok ? 'ok' : locked.error.code).toBe('SESSION_LOCKED');
  });
});

describe('inactivity lock', () => {
  it('locks after the configured minutes without activity; reported activity restarts the clock', () => {
    let now = Date.parse('2026-03-12T09:00:00Z');
    const session = new SessionService({ demo: true, config: { inactivityMinutes: 10 }, now: () => new Date(now) });
    session.signInDemo('gp');
    now += 9 * 60_000;
    session.tick();
    expect(session.state().phase).toBe('active');
    expect(session.activity()).toBe(true);
    now += 9 * 60_000;
    session.tick();
    expect(session.state().phase).toBe('active');
    now += 60_000;
    session.tick();
    expect(session.state()).toMatchObject({ phase: 'locked', lockReason: 'inactivity' });
    // Activity while locked does not unlock.
    expect(session.activity()).toBe(false);
    expect(session.currentUser()).toBeUndefined();
    // The demo clinician's card is still in: unlock works, for them only.
    expect(session.unlock(undefined).phase).toBe('active');
  });

  it('defaults to 10 minutes', () => {
    let now = 0;
    const session = new SessionService({ demo: true, now: () => new Date(now) });
    session.signInDemo('nurse');
    session.chooseRole('555021936209');
    now += 10 * 60_000 - 1;
    session.tick();
    expect(session.state().phase).toBe('active');
    now += 1;
    session.tick();
    expect(session.state().phase).toBe('locked');
  });
});
