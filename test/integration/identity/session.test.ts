import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import * as pkcs11js from 'pkcs11js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../../shared/ipc/features/session.contract';
import type { Result } from '../../../shared/ipc/errors';
import { loadWorkstationConfig } from '../../../main/config/load-config';
import { writeDemonstratorFiles } from '../../../main/demonstrator/config-files';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import { SessionService } from '../../../main/identity/session-service';
import type { Pkcs11Module } from '../../../main/identity/smartcard';
import { Smartcard } from '../../../main/identity/smartcard';
import type { Dispatch } from '../../../main/ipc/dispatcher';
import { createDispatcher } from '../../../main/ipc/dispatcher';
import type { Services } from '../../../main/services';
import { buildServices } from '../../../main/services';
import type { Issued } from '../../fixtures/pki';
import { ca, issue } from '../../fixtures/pki';
import { SOFTHSM_MODULE, createToken, softhsmEnvironment } from '../../fixtures/softhsm';

/**
 * The clinician's session against a real PKCS#11 token (SoftHSM2, OpenSC's pkcs11-tool), through the very handler
 * table the window uses, in live mode against the demonstrator (real Spine path: SDS, SSP, JWT, mutual TLS).
 */
const CLAIRE = '555021935107';
const ROLES = [
  {
    roleProfileId: '555021936108',
    roleName: 'General Medical Practitioner',
    organisation: { odsCode: 'Y90001', name: 'Workstation Demo Trust' },
  },
  {
    roleProfileId: '555021936999',
    roleName: 'Clinical Director',
    organisation: { odsCode: 'Y90002', name: 'Demo Extended Access Hub' },
  },
];
const RICH_PATIENT = '9658218873';

let nhsCa: Issued;
let foreignCa: Issued;
let claireCard: Issued;
let otherCard: Issued;
let demo: Demonstrator | undefined;
let services: Services | undefined;
let standalone: SessionService | undefined;

beforeAll(() => {
  nhsCa = ca('NHS Level 1B Test Authority');
  foreignCa = ca('Not the NHS');
  const holder = (issuer: Issued, serialNumber: string, surname: string, givenName: string) =>
    issue({
      commonName: `${givenName} ${surname}`,
      issuer,
      usage: 'client',
      subject: { serialNumber, surname, givenName },
    });
  claireCard = holder(nhsCa, CLAIRE, 'Jones', 'Claire');
  otherCard = holder(nhsCa, '555099990001', 'Other', 'Olu');
});

afterEach(async () => {
  await services?.close();
  await demo?.close();
  standalone?.stop();
  services = undefined;
  demo = undefined;
  standalone = undefined;
});

/** A reader: one SoftHSM token directory this process's PKCS#11 library reads (it reads SOFTHSM2_CONF on init). */
function reader(): NodeJS.ProcessEnv {
  const env = softhsmEnvironment();
  process.env['SOFTHSM2_CONF'] = env['SOFTHSM2_CONF'];
  return env;
}

/** Live configuration from the demonstrator, plus the session section IT would put in machine policy. */
async function liveWorkstation(): Promise<{ dispatch: Dispatch; services: Services; demo: Demonstrator }> {
  demo = await startDemonstrator({ port: 0 });
  const dir = mkdtempSync(path.join(tmpdir(), 'gpc-session-'));
  const files = await writeDemonstratorFiles(demo, dir);
  writeFileSync(path.join(dir, 'card-ca.pem'), nhsCa.certificate);
  const policy = path.join(dir, 'policy.json');
  writeFileSync(
    policy,
    JSON.stringify({
      session: {
        smartcard: { module: SOFTHSM_MODULE, trustedCa: ['card-ca.pem'], pollMs: 10_000 },
        roleProfiles: { [CLAIRE]: ROLES },
      },
    }),
  );
  const config = loadWorkstationConfig({ policyFile: policy, file: files.config });
  services = await buildServices(config, { name: 'GP Connect Workstation', version: '0.1.0' });
  const dispatch = createDispatcher(services.handlers, { error: () => undefined });
  return { dispatch, services, demo };
}

const call = (dispatch: Dispatch, channel: string, input: unknown = {}) =>
  dispatch(channel, input, { host: 'cli' }) as Promise<Result<unknown>>;

function stateOf(result: Result<unknown>): SessionState {
  if (!result.ok) throw new Error(`expected a session state, got ${result.error.code}: ${result.error.message}`);
  return result.value as SessionState;
}

function codeOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.code;
}

async function signInAsClaire(dispatch: Dispatch, pin = '123456', role = ROLES[1]!): Promise<SessionState> {
  const chosen = stateOf(await call(dispatch, 'session.signInWithCard', { pin }));
  expect(chosen.phase).toBe('choose-role');
  return stateOf(await call(dispatch, 'session.chooseRole', { roleProfileId: role.roleProfileId }));
}

describe('smartcard session in live mode (SoftHSM2 token, demonstrator)', () => {
  it('sends no request at all before sign-in: NOT_SIGNED_IN, and the demonstrator saw nothing', async () => {
    const { dispatch, demo } = await liveWorkstation();
    expect(codeOf(await call(dispatch, 'patient.trace', { nhsNumber: RICH_PATIENT }))).toBe('NOT_SIGNED_IN');
    expect(codeOf(await call(dispatch, 'record.structured', { nhsNumber: RICH_PATIENT }))).toBe('NOT_SIGNED_IN');
    expect(demo.requestLog.all()).toEqual([]);
    // The handler table itself refuses (not only the dispatcher in front of it).
    await expect(
      services!.handlers['record.structured']({ nhsNumber: RICH_PATIENT }, { host: 'cli' }),
    ).rejects.toMatchObject({
      code: 'NOT_SIGNED_IN',
    });
  });

  it("logs in with the card, offers both role profiles, and every JWT names the card's SDS user ID and chosen role", async () => {
    const env = reader();
    createToken(env, 'NHS CARD', '123456', claireCard);
    const { dispatch, demo } = await liveWorkstation();
    const signedOut = stateOf(await call(dispatch, 'session.status'));
    expect(signedOut).toMatchObject({ phase: 'signed-out', demo: false });

    const choosing = stateOf(await call(dispatch, 'session.signInWithCard', { pin: '123456' }));
    expect(choosing).toMatchObject({ phase: 'choose-role', user: { sdsUserId: CLAIRE, name: { family: 'Jones' } } });
    expect(choosing.roles?.map((r) => r.roleName)).toEqual(['General Medical Practitioner', 'Clinical Director']);
    // Nothing goes to Spine while the role is being chosen.
    expect(codeOf(await call(dispatch, 'patient.trace', { nhsNumber: RICH_PATIENT }))).toBe('NOT_SIGNED_IN');

    const active = stateOf(await call(dispatch, 'session.chooseRole', { roleProfileId: '555021936999' }));
    expect(active).toMatchObject({ phase: 'active', role: { roleProfileId: '555021936999' } });
    // The record gate: a PDS trace first, as the screen does.
    expect(codeOf(await call(dispatch, 'patient.trace', { nhsNumber: RICH_PATIENT }))).toBe('ok');
    expect(codeOf(await call(dispatch, 'record.structured', { nhsNumber: RICH_PATIENT }))).toBe('ok');

    // The JWT as the demonstrator captured it (its request log), decoded with jose.
    const sspCalls = demo.requestLog.all().filter((e) => e.service === 'ssp');
    expect(sspCalls.length).toBeGreaterThan(0);
    for (const entry of sspCalls) {
      const claims = decodeJwt(entry.headers['authorization']!.replace(/^Bearer /, ''));
      const practitioner = claims['requesting_practitioner'] as { identifier: { system: string; value: string }[] };
      const ids = Object.fromEntries(practitioner.identifier.map((i) => [i.system, i.value]));
      expect(ids['https://fhir.nhs.uk/Id/sds-user-id']).toBe(CLAIRE);
      expect(ids['https://fhir.nhs.uk/Id/sds-role-profile-id']).toBe('555021936999');
      expect(claims['requesting_organization']).toMatchObject({
        identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'Y90002' }],
        name: 'Demo Extended Access Hub',
      });
      expect(claims.sub).toBe(CLAIRE);
    }
  });

  it('wrong passcode: "passcode incorrect" with the tries-left warning the token flags give', async () => {
    const env = reader();
    createToken(env, 'NHS CARD', '123456', claireCard);
    const { dispatch } = await liveWorkstation();
    const wrong = await call(dispatch, 'session.signInWithCard', { pin: '999999' });
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    expect(wrong.error.code).toBe('PIN_INCORRECT');
    // SoftHSM2 raises CKF_USER_PIN_COUNT_LOW after a failed login.
    expect(wrong.error.message).toBe('Passcode incorrect: only a few tries left before the card locks.');
    expect(stateOf(await call(dispatch, 'session.status')).phase).toBe('signed-out');
    // The right passcode still works afterwards.
    expect((await signInAsClaire(dispatch)).phase).toBe('active');
  });

  it('a card from an untrusted CA is refused plainly, even with the right passcode', async () => {
    const env = reader();
    createToken(
      env,
      'NHS CARD',
      '123456',
      issue({ commonName: 'X', issuer: foreignCa, usage: 'client', subject: { serialNumber: CLAIRE } }),
    );
    const { dispatch } = await liveWorkstation();
    const refused = await call(dispatch, 'session.signInWithCard', { pin: '123456' });
    expect(codeOf(refused)).toBe('CARD_UNTRUSTED');
    expect(refused.ok ? '' : refused.error.message).toMatch(/not issued by a trusted NHS certificate authority/);
    expect(stateOf(await call(dispatch, 'session.status')).phase).toBe('signed-out');
  });

  it('card removal while a record is open locks at once, clears the trace register, and unlocks only with the card and passcode', async () => {
    const env = reader();
    const token = createToken(env, 'NHS CARD', '123456', claireCard);
    const { dispatch, services } = await liveWorkstation();
    await signInAsClaire(dispatch);
    expect(codeOf(await call(dispatch, 'patient.trace', { nhsNumber: RICH_PATIENT }))).toBe('ok');
    expect(codeOf(await call(dispatch, 'record.html', { nhsNumber: RICH_PATIENT, section: 'SUM' }))).toBe('ok');
    const ended: string[] = [];
    services.session.onContextEnd((reason) => ended.push(reason));

    token.remove();
    services.session.tick();

    const locked = stateOf(await call(dispatch, 'session.status'));
    expect(locked).toMatchObject({ phase: 'locked', lockReason: 'card-removed', card: 'absent' });
    expect(ended).toEqual(['locked']);
    expect(codeOf(await call(dispatch, 'record.html', { nhsNumber: RICH_PATIENT, section: 'SUM' }))).toBe(
      'SESSION_LOCKED',
    );

    // Card back in the reader (same certificate), wrong passcode first.
    createToken(env, 'NHS CARD', '123456', claireCard);
    services.session.tick();
    expect(stateOf(await call(dispatch, 'session.status')).phase).toBe('locked');
    expect(codeOf(await call(dispatch, 'session.unlock', { pin: '000000' }))).toBe('PIN_INCORRECT');
    expect(codeOf(await call(dispatch, 'session.unlock', {}))).toBe('PIN_INCORRECT');
    const unlocked = stateOf(await call(dispatch, 'session.unlock', { pin: '123456' }));
    expect(unlocked).toMatchObject({ phase: 'active', role: { roleProfileId: '555021936999' } });
    // The trace of before the lock is gone: the record needs a new trace.
    expect(codeOf(await call(dispatch, 'record.html', { nhsNumber: RICH_PATIENT, section: 'SUM' }))).toBe(
      'TRACE_REQUIRED',
    );
  });

  it("another user's card in the reader ends the locked session", async () => {
    const env = reader();
    const token = createToken(env, 'NHS CARD', '123456', claireCard);
    const { dispatch, services } = await liveWorkstation();
    await signInAsClaire(dispatch);
    token.remove();
    services.session.tick();
    expect(stateOf(await call(dispatch, 'session.status')).phase).toBe('locked');

    createToken(env, 'OTHER CARD', '654321', otherCard);
    services.session.tick();
    const ended = stateOf(await call(dispatch, 'session.status'));
    expect(ended.phase).toBe('signed-out');
    expect(ended.user).toBeUndefined();
    expect(ended.notice).toMatch(/Another user's smartcard was inserted/);
    expect(codeOf(await call(dispatch, 'patient.trace', { nhsNumber: RICH_PATIENT }))).toBe('NOT_SIGNED_IN');
  });

  it('switching role goes back to the role choice and clears patient context', async () => {
    const env = reader();
    createToken(env, 'NHS CARD', '123456', claireCard);
    const { dispatch } = await liveWorkstation();
    await signInAsClaire(dispatch);
    expect(codeOf(await call(dispatch, 'patient.trace', { nhsNumber: RICH_PATIENT }))).toBe('ok');
    expect(stateOf(await call(dispatch, 'session.switchRole')).phase).toBe('choose-role');
    await call(dispatch, 'session.chooseRole', { roleProfileId: ROLES[0]!.roleProfileId });
    expect(codeOf(await call(dispatch, 'record.html', { nhsNumber: RICH_PATIENT, section: 'SUM' }))).toBe(
      'TRACE_REQUIRED',
    );
    // Sign-out clears everything: nobody is named any more.
    const out = stateOf(await call(dispatch, 'session.signOut'));
    expect(out.phase).toBe('signed-out');
    expect(out.user).toBeUndefined();
    expect(codeOf(await call(dispatch, 'patient.trace', { nhsNumber: RICH_PATIENT }))).toBe('NOT_SIGNED_IN');
  });
});

/**
 * SoftHSM2 never locks a user PIN nor raises CKF_USER_PIN_FINAL_TRY; a physical card does. These wrap the real
 * SoftHSM module and change only what the token reports, to check the words the clinician reads.
 */
function reportingFlags(flags: number, loginError?: number): () => Pkcs11Module {
  return () => {
    const real = new pkcs11js.PKCS11();
    const overrides: Partial<Pkcs11Module> = {
      C_GetTokenInfo: (slot) => {
        const info = real.C_GetTokenInfo(slot);
        return { ...info, flags: info.flags | flags };
      },
      C_Login: (session, type, pin) => {
        if (loginError !== undefined) throw Object.assign(new Error('CKR'), { code: loginError });
        real.C_Login(session, type, pin);
      },
    };
    // Everything else is the real module (its native methods need the real object as `this`).
    return new Proxy(real, {
      get: (target, prop, receiver) => {
        const own = (overrides as Record<PropertyKey, unknown>)[prop];
        if (own !== undefined) return own;
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
}

describe('token states SoftHSM2 cannot produce (flags reported by a wrapper of the real module)', () => {
  function cardSession(createModule: () => Pkcs11Module): SessionService {
    const env = reader();
    createToken(env, 'NHS CARD', '123456', claireCard);
    standalone = new SessionService({
      demo: false,
      card: new Smartcard(SOFTHSM_MODULE, createModule),
      trustedCa: [nhsCa.certificate],
      config: { roleProfiles: { [CLAIRE]: [ROLES[0]!] } },
    });
    return standalone;
  }

  it('final try: "1 try left"', () => {
    const session = cardSession(reportingFlags(pkcs11js.CKF_USER_PIN_FINAL_TRY));
    expect(() => session.signInWithCard(Buffer.from('999999'))).toThrow(
      'Passcode incorrect: 1 try left before the card locks.',
    );
  });

  it('locked card: said plainly, and the passcode buffer is wiped', () => {
    const session = cardSession(reportingFlags(pkcs11js.CKF_USER_PIN_LOCKED, pkcs11js.CKR_PIN_LOCKED));
    const pin = Buffer.from('123456');
    expect(() => session.signInWithCard(pin)).toThrow(/locked after too many incorrect passcodes/);
    expect(pin.every((b) => b === 0)).toBe(true);
    expect(session.state().phase).toBe('signed-out');
  });

  it('one role profile: straight to active, no choice to make', () => {
    const session = cardSession(() => new pkcs11js.PKCS11());
    expect(session.signInWithCard(Buffer.from('123456'))).toMatchObject({ phase: 'active', role: ROLES[0] });
  });
});
