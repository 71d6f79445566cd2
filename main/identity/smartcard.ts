import { createVerify, randomBytes, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import * as pkcs11js from 'pkcs11js';

/**
 * NHS smartcard login through the card reader's PKCS#11 middleware (pkcs11js): find the card, log in with the
 * passcode, read the certificate, prove the card holds its private key by signing a fresh challenge, and derive the
 * user's identity from the certificate subject. The module path comes from machine policy.
 */
export type SmartcardProblem =
  | 'MODULE_FAILED'
  | 'NO_CARD'
  | 'PIN_INCORRECT'
  | 'PIN_LOCKED'
  | 'NO_CERTIFICATE'
  | 'UNTRUSTED_CARD'
  | 'NOT_POSSESSED'
  | 'CARD_REMOVED';

export class SmartcardError extends Error {
  override readonly name = 'SmartcardError';
  constructor(
    readonly problem: SmartcardProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface CardIdentity {
  /** SDS user ID, from the certificate subject's serialNumber (or a 12-digit CN). */
  readonly sdsUserId: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly subject: string;
  readonly issuer: string;
  readonly certificatePem: string;
  /** SHA-256 fingerprint of the card certificate: "the same card" when unlocking. */
  readonly fingerprint: string;
  readonly slotId: string;
  readonly tokenLabel: string;
}

/** A card in the reader as the reader reports it, before any login. */
export interface PresentCard {
  readonly slot: Buffer;
  readonly label: string;
  /** The token's serial number: a different value means a different card (or the card was re-inserted). */
  readonly serial: string;
}

/** The PKCS#11 calls we make; pkcs11js's module, or a wrapper of it where a test needs a token state SoftHSM lacks. */
export type Pkcs11Module = Pick<
  pkcs11js.PKCS11,
  | 'load'
  | 'C_Initialize'
  | 'C_Finalize'
  | 'C_GetSlotList'
  | 'C_GetTokenInfo'
  | 'C_OpenSession'
  | 'C_CloseSession'
  | 'C_Login'
  | 'C_Logout'
  | 'C_FindObjectsInit'
  | 'C_FindObjects'
  | 'C_FindObjectsFinal'
  | 'C_GetAttributeValue'
  | 'C_SignInit'
  | 'C_Sign'
>;

const OID = { serialNumber: '2.5.4.5', surname: '2.5.4.4', givenName: '2.5.4.42', commonName: '2.5.4.3' };

function attr(cert: forge.pki.Certificate, oid: string): string | undefined {
  const value = cert.subject.getField({ type: oid })?.value;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** SDS user ID: the subject's serialNumber, or a 12-digit CN. */
function sdsUserIdOf(cert: forge.pki.Certificate): string | undefined {
  const cn = attr(cert, OID.commonName);
  return attr(cert, OID.serialNumber) ?? (cn && /^\d{12}$/.test(cn) ? cn : undefined);
}

function pinMessage(flags: number): string {
  if (flags & pkcs11js.CKF_USER_PIN_FINAL_TRY) return 'Passcode incorrect: 1 try left before the card locks.';
  if (flags & pkcs11js.CKF_USER_PIN_COUNT_LOW)
    return 'Passcode incorrect: only a few tries left before the card locks.';
  return 'Passcode incorrect. Check it and try again.';
}

const LOCKED_MESSAGE =
  'This smartcard is locked after too many incorrect passcodes. Ask your Registration Authority to unlock it.';

export class Smartcard {
  private readonly module: Pkcs11Module;
  private loaded = false;

  constructor(
    private readonly modulePath: string,
    createModule: () => Pkcs11Module = () => new pkcs11js.PKCS11(),
  ) {
    this.module = createModule();
  }

  open(): void {
    if (this.loaded) return;
    try {
      this.module.load(this.modulePath);
      this.module.C_Initialize();
      this.loaded = true;
    } catch (err) {
      throw new SmartcardError(
        'MODULE_FAILED',
        `The smartcard software (${this.modulePath}) could not be loaded: ${err instanceof Error ? err.message : 'error'}`,
      );
    }
  }

  close(): void {
    if (!this.loaded) return;
    this.module.C_Finalize();
    this.loaded = false;
  }

  /** The first slot holding an initialised card, or null. Re-reads the reader each time (card insertion/removal). */
  presentCard(): PresentCard | null {
    this.open();
    for (const slot of this.module.C_GetSlotList(true)) {
      const token = this.module.C_GetTokenInfo(slot);
      if (token.flags & pkcs11js.CKF_TOKEN_INITIALIZED)
        return { slot, label: token.label.trim(), serial: token.serialNumber.trim() };
    }
    return null;
  }

  /**
   * One reader poll: re-initialises the middleware so it re-enumerates slots and tokens (SoftHSM and several card
   * middlewares only notice a new or deleted token then), and reports the card present. No session stays open
   * between calls, so re-initialising loses nothing.
   */
  poll(): PresentCard | null {
    this.close();
    return this.presentCard();
  }

  /**
   * Who the card in the reader belongs to, from its public certificate (no passcode): tells "the same card back"
   * from "another user's card" while the session is locked. Null when the certificate is not readable without login.
   */
  peekHolder(): { sdsUserId: string; fingerprint: string } | null {
    const card = this.presentCard();
    if (!card) return null;
    const session = this.module.C_OpenSession(card.slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      const der = this.readCertificate(session).der;
      const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary')));
      return { sdsUserId: sdsUserIdOf(cert) ?? '', fingerprint: new X509Certificate(der).fingerprint256 };
    } catch {
      return null;
    } finally {
      this.module.C_CloseSession(session);
    }
  }

  /**
   * Logs in with the passcode (the buffer is wiped before returning, whatever happens), reads and checks the
   * certificate against the trusted CAs, and proves possession of the key. Logs out again: the card's session is
   * not kept open; the identity is what the app needs.
   */
  login(pin: Buffer, trustedCa: readonly string[]): CardIdentity {
    try {
      const card = this.presentCard();
      if (!card) throw new SmartcardError('NO_CARD', 'Insert your smartcard into the reader.');
      const session = this.module.C_OpenSession(card.slot, pkcs11js.CKF_SERIAL_SESSION);
      try {
        this.loginUser(session, card.slot, pin);
        try {
          const certificate = this.readCertificate(session);
          const identity = this.identityOf(certificate.der, trustedCa, card);
          this.proveKey(session, certificate.id, identity.certificatePem);
          return identity;
        } finally {
          this.module.C_Logout(session);
        }
      } finally {
        this.module.C_CloseSession(session);
      }
    } catch (err) {
      if (err instanceof SmartcardError) throw err;
      const code = (err as { code?: number }).code;
      if (code === pkcs11js.CKR_TOKEN_NOT_PRESENT || code === pkcs11js.CKR_DEVICE_REMOVED) {
        throw new SmartcardError('CARD_REMOVED', 'The smartcard was removed during login. Insert it and try again.');
      }
      throw new SmartcardError('MODULE_FAILED', 'The smartcard could not be read. Reinsert it and try again.');
    } finally {
      pin.fill(0);
    }
  }

  private loginUser(session: Buffer, slot: Buffer, pin: Buffer): void {
    try {
      // pkcs11js takes the PIN as a string: a short-lived copy; the caller's buffer is wiped in login().
      this.module.C_Login(session, pkcs11js.CKU_USER, pin.toString('utf8'));
    } catch (err) {
      const code = (err as { code?: number }).code;
      if (code === pkcs11js.CKR_PIN_LOCKED) throw new SmartcardError('PIN_LOCKED', LOCKED_MESSAGE);
      if (code === pkcs11js.CKR_PIN_INCORRECT || code === pkcs11js.CKR_PIN_LEN_RANGE) {
        const flags = this.module.C_GetTokenInfo(slot).flags;
        if (flags & pkcs11js.CKF_USER_PIN_LOCKED) throw new SmartcardError('PIN_LOCKED', LOCKED_MESSAGE);
        throw new SmartcardError('PIN_INCORRECT', pinMessage(flags));
      }
      throw err;
    }
  }

  private readCertificate(session: Buffer): { der: Buffer; id: Buffer } {
    this.module.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }]);
    const handle = this.module.C_FindObjects(session, 1)[0];
    this.module.C_FindObjectsFinal(session);
    if (!handle)
      throw new SmartcardError('NO_CERTIFICATE', 'This smartcard holds no certificate. Use your NHS smartcard.');
    const [value, id] = this.module.C_GetAttributeValue(session, handle, [
      { type: pkcs11js.CKA_VALUE },
      { type: pkcs11js.CKA_ID },
    ]);
    if (!(value?.value instanceof Buffer))
      throw new SmartcardError('NO_CERTIFICATE', 'The certificate on this card cannot be read.');
    return { der: value.value, id: id?.value instanceof Buffer ? id.value : Buffer.alloc(0) };
  }

  private identityOf(der: Buffer, trustedCa: readonly string[], card: PresentCard): CardIdentity {
    const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary')));
    try {
      const store = forge.pki.createCaStore(trustedCa.map((pem) => forge.pki.certificateFromPem(pem)));
      forge.pki.verifyCertificateChain(store, [cert]);
    } catch {
      throw new SmartcardError(
        'UNTRUSTED_CARD',
        'This card was not issued by a trusted NHS certificate authority (or its certificate has expired). It cannot be used to log in.',
      );
    }
    const cn = attr(cert, OID.commonName);
    const sdsUserId = sdsUserIdOf(cert);
    if (!sdsUserId) throw new SmartcardError('NO_CERTIFICATE', 'The card certificate carries no SDS user ID.');
    const familyName = attr(cert, OID.surname) ?? cn ?? 'UNKNOWN';
    const givenName = attr(cert, OID.givenName) ?? '';
    const certificatePem = forge.pki.certificateToPem(cert);
    return {
      sdsUserId,
      familyName,
      givenName,
      subject: new X509Certificate(certificatePem).subject.replace(/\n/g, ', '),
      issuer: new X509Certificate(certificatePem).issuer.replace(/\n/g, ', '),
      certificatePem,
      fingerprint: new X509Certificate(der).fingerprint256,
      slotId: card.slot.toString('hex'),
      tokenLabel: card.label,
    };
  }

  /** Signs a fresh random challenge on the card and verifies it with the certificate: the card holds the key. */
  private proveKey(session: Buffer, certificateId: Buffer, certificatePem: string): void {
    const template: pkcs11js.Template = [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }];
    if (certificateId.length > 0) template.push({ type: pkcs11js.CKA_ID, value: certificateId });
    this.module.C_FindObjectsInit(session, template);
    const key = this.module.C_FindObjects(session, 1)[0];
    this.module.C_FindObjectsFinal(session);
    if (!key) throw new SmartcardError('NOT_POSSESSED', 'The card holds no private key for its certificate.');
    const challenge = randomBytes(32);
    this.module.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
    const signature = this.module.C_Sign(session, challenge, Buffer.alloc(512));
    const verifier = createVerify('sha256');
    verifier.update(challenge);
    if (!verifier.verify(certificatePem, signature)) {
      throw new SmartcardError(
        'NOT_POSSESSED',
        "The card's key does not match its certificate. It cannot be used to log in.",
      );
    }
  }
}
