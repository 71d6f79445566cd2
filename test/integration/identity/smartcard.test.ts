import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Smartcard, SmartcardError } from '../../../main/identity/smartcard';
import type { Issued } from '../../fixtures/pki';
import { ca, issue } from '../../fixtures/pki';
import type { TestToken } from '../../fixtures/softhsm';
import { SOFTHSM_MODULE, createToken, softhsmEnvironment } from '../../fixtures/softhsm';

/** Smartcard login against a real PKCS#11 token (SoftHSM2), initialised per test in a temporary token directory. */
let nhsCa: Issued;
let foreignCa: Issued;
let card: Smartcard | undefined;

beforeAll(() => {
  nhsCa = ca('NHS Level 1B Test Authority');
  foreignCa = ca('Not the NHS');
});
afterEach(() => {
  card?.close();
  card = undefined;
});

function insertCard(issuer: Issued, pin = '123456'): TestToken {
  const env = softhsmEnvironment();
  // The PKCS#11 library reads SOFTHSM2_CONF when it initialises: this process uses the test's token directory.
  process.env['SOFTHSM2_CONF'] = env['SOFTHSM2_CONF'];
  const holder = issue({
    commonName: 'Claire Jones',
    issuer,
    usage: 'client',
    subject: { serialNumber: '555021935107', surname: 'Jones', givenName: 'Claire' },
  });
  return createToken(env, 'NHS CARD', pin, holder);
}

async function problemOf(f: () => unknown): Promise<SmartcardError> {
  try {
    await f();
  } catch (err) {
    if (err instanceof SmartcardError) return err;
    throw err;
  }
  throw new Error('expected a SmartcardError');
}

describe('smartcard login (PKCS#11, SoftHSM2 token)', () => {
  it('logs in, proves the card holds the key, and derives the SDS user ID and name from the certificate', () => {
    const token = insertCard(nhsCa);
    card = new Smartcard(SOFTHSM_MODULE);
    const identity = card.login(Buffer.from(token.pin), [nhsCa.certificate]);
    expect(identity).toMatchObject({
      sdsUserId: '555021935107',
      familyName: 'Jones',
      givenName: 'Claire',
      tokenLabel: 'NHS CARD',
    });
    expect(identity.issuer).toContain('NHS Level 1B Test Authority');
  });

  it('wipes the passcode buffer after use, success or failure', async () => {
    const token = insertCard(nhsCa);
    card = new Smartcard(SOFTHSM_MODULE);
    const good = Buffer.from(token.pin);
    card.login(good, [nhsCa.certificate]);
    expect(good.every((b) => b === 0)).toBe(true);
    const bad = Buffer.from('000000');
    await problemOf(() => card?.login(bad, [nhsCa.certificate]));
    expect(bad.every((b) => b === 0)).toBe(true);
  });

  it('says the passcode is incorrect', async () => {
    insertCard(nhsCa);
    card = new Smartcard(SOFTHSM_MODULE);
    const problem = await problemOf(() => card?.login(Buffer.from('999999'), [nhsCa.certificate]));
    expect(problem.problem).toBe('PIN_INCORRECT');
    expect(problem.message).toContain('Passcode incorrect');
  });

  it('refuses a card from an untrusted CA, after a correct passcode', async () => {
    const token = insertCard(foreignCa);
    card = new Smartcard(SOFTHSM_MODULE);
    const problem = await problemOf(() => card?.login(Buffer.from(token.pin), [nhsCa.certificate]));
    expect(problem.problem).toBe('UNTRUSTED_CARD');
  });

  it('sees the card and then its removal (token deleted, slot emptied)', async () => {
    const token = insertCard(nhsCa);
    card = new Smartcard(SOFTHSM_MODULE);
    expect(card.presentCard()?.label).toBe('NHS CARD');
    token.remove();
    // The middleware re-reads the reader on re-initialisation, as a reader poll does.
    card.close();
    expect(card.presentCard()).toBeNull();
    const problem = await problemOf(() => card?.login(Buffer.from(token.pin), [nhsCa.certificate]));
    expect(problem.problem).toBe('NO_CARD');
  });

  it('says plainly when the middleware cannot be loaded', async () => {
    card = new Smartcard('/nonexistent/libpkcs11.so');
    const problem = await problemOf(() => card?.presentCard());
    expect(problem.problem).toBe('MODULE_FAILED');
    expect(problem.message).toContain('/nonexistent/libpkcs11.so');
  });
});
