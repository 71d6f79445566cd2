import type { SessionConfig } from '../../shared/config/config-schema';
import type { LockReason, RoleProfile, SessionState } from '../../shared/ipc/features/session.contract';
import type { ClinicianIdentity } from '../../shared/session/clinician';
import { GpcError } from '../ipc/gpc-error';
import type { DemoClinicianDef } from './demo-clinicians';
import { DEMO_CLINICIANS, demoClinician } from './demo-clinicians';
import type { CardIdentity, PresentCard } from './smartcard';
import { SmartcardError } from './smartcard';

/** The reader calls the session needs (a `Smartcard` in the app; the same class over SoftHSM in tests). */
export interface CardReader {
  poll(): PresentCard | null;
  peekHolder(): { sdsUserId: string; fingerprint: string } | null;
  login(pin: Buffer, trustedCa: readonly string[]): CardIdentity;
  close(): void;
}

/** Why patient context must go: subscribers (trace register, caches) clear everything they hold about patients. */
export type ContextEndReason = 'locked' | 'signed-out' | 'role-switch' | 'session-ended';

interface SessionUser {
  readonly sdsUserId: string;
  readonly name: ClinicianIdentity['name'];
  readonly source: ClinicianIdentity['source'];
  /** Card sessions: the certificate that signed in; unlocking needs the same one. */
  readonly fingerprint?: string;
  /** Demo sessions: the demo clinician whose (emulated) card this is. */
  readonly demoId?: string;
}

type Phase =
  | { readonly phase: 'signed-out'; readonly notice?: string }
  | { readonly phase: 'choose-role'; readonly user: SessionUser; readonly roles: readonly RoleProfile[] }
  | {
      readonly phase: 'active';
      readonly user: SessionUser;
      readonly roles: readonly RoleProfile[];
      readonly role: RoleProfile;
    }
  | {
      readonly phase: 'locked';
      readonly user: SessionUser;
      readonly roles: readonly RoleProfile[];
      readonly role: RoleProfile;
      readonly reason: LockReason;
    };

export interface SessionServiceOptions {
  readonly demo: boolean;
  readonly config?: SessionConfig | undefined;
  /** The card reader; absent when no middleware is configured (demo, or live without `session.smartcard`). */
  readonly card?: CardReader | undefined;
  /** PEM text of the CAs a card certificate must chain to. */
  readonly trustedCa?: readonly string[];
  /** The configured user's role profile, offered to a card holder with that SDS user ID and no `roleProfiles`. */
  readonly configuredRole?: { readonly sdsUserId: string; readonly role: RoleProfile } | undefined;
  readonly now?: () => Date;
}

export const DEFAULT_INACTIVITY_MINUTES = 10;
const DEFAULT_POLL_MS = 1000;

const OTHER_CARD_NOTICE =
  "Another user's smartcard was inserted, so the previous session has ended and everything in it was cleared.";
const REMOVED_BEFORE_ROLE_NOTICE = 'The smartcard was removed before a role was chosen. Insert it to sign in again.';

function cardProblem(err: SmartcardError): GpcError {
  switch (err.problem) {
    case 'NO_CARD':
    case 'CARD_REMOVED':
      return new GpcError('NO_CARD', err.message);
    case 'PIN_INCORRECT':
      return new GpcError('PIN_INCORRECT', err.message);
    case 'PIN_LOCKED':
      return new GpcError('PIN_LOCKED', err.message);
    case 'UNTRUSTED_CARD':
    case 'NOT_POSSESSED':
      return new GpcError('CARD_UNTRUSTED', err.message);
    default:
      return new GpcError('CARD_UNREADABLE', err.message);
  }
}

/**
 * The clinician's session, a state machine in main: signed-out → (card + passcode, or demo clinician) → choose-role
 * (when there are several profiles) → active ⇄ locked → signed-out. It owns the only copy of the signed-in identity;
 * the JWT requester, the audit log and the window all ask it. Patient context ends (subscribers clear their caches)
 * whenever the session locks, switches role, ends or signs out.
 */
export class SessionService {
  private current: Phase = { phase: 'signed-out' };
  private readonly listeners = new Set<(reason: ContextEndReason) => void>();
  private readonly now: () => Date;
  private readonly inactivityMs: number;
  private lastActivity: number;
  private reader: SessionState['card'];
  /** Serial of the token the session last saw in the reader. */
  private seenSerial: string | undefined;
  /** Demo mode: the demo clinician whose emulated card is in the emulated reader. */
  private demoCardIn: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SessionServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.inactivityMs = (options.config?.inactivityMinutes ?? DEFAULT_INACTIVITY_MINUTES) * 60_000;
    this.lastActivity = this.now().getTime();
    this.reader = options.card ? 'absent' : 'unavailable';
  }

  /** Polls the reader and the inactivity clock until `stop()`; unref'd so it never keeps a process alive. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.options.config?.smartcard?.pollMs ?? DEFAULT_POLL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.options.card?.close();
  }

  /** One poll: card insertion/removal, then inactivity. Public so tests drive it without waiting. */
  tick(): void {
    this.pollCard();
    if (this.current.phase === 'active' && this.now().getTime() - this.lastActivity >= this.inactivityMs) {
      this.lockFor('inactivity');
    }
  }

  /** Subscribe to the end of patient context (lock, role switch, sign-out, session ended). Returns unsubscribe. */
  onContextEnd(listener: (reason: ContextEndReason) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The signed-in user with their chosen role, only while the session is active (not locked, not choosing). */
  currentUser(): ClinicianIdentity | undefined {
    const c = this.current;
    if (c.phase !== 'active') return undefined;
    return {
      sdsUserId: c.user.sdsUserId,
      name: c.user.name,
      roleProfileId: c.role.roleProfileId,
      roleName: c.role.roleName,
      organisation: c.role.organisation,
      source: c.user.source,
    };
  }

  isSignedOut(): boolean {
    return this.current.phase === 'signed-out';
  }

  /** Like `currentUser`, but throws the typed error a request without a user must end in. */
  requireUser(): ClinicianIdentity {
    const user = this.currentUser();
    if (user) return user;
    throw new GpcError(this.current.phase === 'locked' ? 'SESSION_LOCKED' : 'NOT_SIGNED_IN');
  }

  state(): SessionState {
    const c = this.current;
    const base = {
      phase: c.phase,
      demo: this.options.demo,
      card: this.options.demo ? (this.demoCardIn ? 'present' : 'absent') : this.reader,
      inactivityMinutes: this.inactivityMs / 60_000,
    } as const;
    if (c.phase === 'signed-out') {
      return {
        ...base,
        ...(c.notice ? { notice: c.notice } : {}),
        ...(this.options.demo
          ? {
              demoClinicians: DEMO_CLINICIANS.map(({ id, label, roles }) => ({
                id,
                label,
                roleName: roles[0]?.roleName ?? '',
              })),
            }
          : {}),
      };
    }
    const user = { sdsUserId: c.user.sdsUserId, name: c.user.name, source: c.user.source };
    const signedIn = { ...base, user, ...(c.user.demoId ? { demoClinicianId: c.user.demoId } : {}) };
    if (c.phase === 'choose-role') return { ...signedIn, roles: c.roles };
    if (c.phase === 'active') return { ...signedIn, role: c.role, roles: c.roles };
    return { ...signedIn, role: c.role, lockReason: c.reason };
  }

  /** Card sign-in: the passcode buffer is wiped whatever happens (by `Smartcard.login`, and here again). */
  signInWithCard(pin: Buffer): SessionState {
    try {
      if (this.current.phase !== 'signed-out') throw new GpcError('WRONG_SESSION_STEP');
      const card = this.options.card;
      if (!card) throw new GpcError('CARD_NOT_CONFIGURED');
      const identity = this.cardLogin(card, pin);
      const roles = this.rolesFor(identity.sdsUserId);
      // The token now in the reader is the session's: later polls compare against it.
      this.seenSerial = this.safePoll(card)?.serial;
      this.begin(
        {
          sdsUserId: identity.sdsUserId,
          name: { family: identity.familyName, given: identity.givenName ? [identity.givenName] : [] },
          source: 'smartcard',
          fingerprint: identity.fingerprint,
        },
        roles,
      );
      return this.state();
    } finally {
      pin.fill(0);
    }
  }

  signInDemo(clinicianId: string): SessionState {
    if (!this.options.demo) throw new GpcError('NOT_AVAILABLE', 'Demo clinicians are only offered in demo mode.');
    if (this.current.phase !== 'signed-out') throw new GpcError('WRONG_SESSION_STEP');
    const clinician = this.demo(clinicianId);
    // Signing in as a demo clinician puts their emulated card in the emulated reader.
    this.demoCardIn = clinician.id;
    this.begin(
      { sdsUserId: clinician.sdsUserId, name: clinician.name, source: 'demo', demoId: clinician.id },
      clinician.roles,
    );
    return this.state();
  }

  chooseRole(roleProfileId: string): SessionState {
    const c = this.current;
    if (c.phase !== 'choose-role') throw new GpcError('WRONG_SESSION_STEP');
    const role = c.roles.find((r) => r.roleProfileId === roleProfileId);
    if (!role)
      throw new GpcError('NO_ROLE_PROFILE', 'That role profile is not one of yours. Choose one from the list.');
    this.current = { phase: 'active', user: c.user, roles: c.roles, role };
    this.lastActivity = this.now().getTime();
    return this.state();
  }

  /** Back to the role choice: the patient in view belonged to the previous role's work, so context ends. */
  switchRole(): SessionState {
    const c = this.current;
    if (c.phase !== 'active' || c.roles.length < 2) throw new GpcError('WRONG_SESSION_STEP');
    this.current = { phase: 'choose-role', user: c.user, roles: c.roles };
    this.emit('role-switch');
    return this.state();
  }

  lock(): SessionState {
    if (this.current.phase !== 'active') throw new GpcError('WRONG_SESSION_STEP');
    this.lockFor('user');
    return this.state();
  }

  /** The same card and passcode (demo: the same clinician's emulated card); another user's card ends the session. */
  unlock(pin: Buffer | undefined): SessionState {
    try {
      const c = this.current;
      if (c.phase !== 'locked') throw new GpcError('WRONG_SESSION_STEP');
      if (c.user.source === 'demo') {
        if (this.demoCardIn === undefined) throw new GpcError('NO_CARD');
        if (this.demoCardIn !== c.user.demoId) return this.endSession(OTHER_CARD_NOTICE);
      } else {
        const card = this.options.card;
        if (!card) throw new GpcError('CARD_NOT_CONFIGURED');
        if (!pin) throw new GpcError('PIN_INCORRECT', 'Enter your passcode to unlock.');
        const identity = this.cardLogin(card, pin);
        if (identity.fingerprint !== c.user.fingerprint) {
          if (identity.sdsUserId !== c.user.sdsUserId) return this.endSession(OTHER_CARD_NOTICE);
          throw new GpcError('WRONG_CARD');
        }
      }
      this.current = { phase: 'active', user: c.user, roles: c.roles, role: c.role };
      this.lastActivity = this.now().getTime();
      return this.state();
    } finally {
      pin?.fill(0);
    }
  }

  signOut(): SessionState {
    const wasIn = this.current.phase !== 'signed-out';
    this.current = { phase: 'signed-out' };
    if (wasIn) this.emit('signed-out');
    return this.state();
  }

  /** The window reports the clinician at the keyboard (throttled there); only an active session cares. */
  activity(): boolean {
    if (this.current.phase !== 'active') return false;
    this.lastActivity = this.now().getTime();
    return true;
  }

  /** Demo mode only: the preview host and e2e tests insert and remove emulated cards through the same transitions. */
  demoCard(action: 'insert' | 'remove', clinicianId?: string): SessionState {
    if (!this.options.demo) throw new GpcError('NOT_AVAILABLE', 'Card emulation exists in demo mode only.');
    if (action === 'remove') {
      this.demoCardIn = undefined;
      this.cardRemoved();
    } else {
      const clinician = this.demo(clinicianId ?? '');
      this.demoCardIn = clinician.id;
      const c = this.current;
      if ((c.phase === 'locked' || c.phase === 'active') && c.user.demoId !== clinician.id)
        this.endSession(OTHER_CARD_NOTICE);
    }
    return this.state();
  }

  /**
   * OpenID Connect sign-in (CIS2-style), after `OidcLogin.complete` verified the ID token. Locked: the same user
   * unlocks; another user ends the locked session and starts their own.
   */
  signInWithOidc(identity: Pick<ClinicianIdentity, 'sdsUserId' | 'name'>, roles: readonly RoleProfile[]): SessionState {
    const c = this.current;
    if (c.phase === 'locked' && c.user.source === 'oidc' && c.user.sdsUserId === identity.sdsUserId) {
      this.current = { phase: 'active', user: c.user, roles: c.roles, role: c.role };
      this.lastActivity = this.now().getTime();
      return this.state();
    }
    if (c.phase === 'locked') this.endSession(OTHER_CARD_NOTICE);
    else if (c.phase !== 'signed-out') throw new GpcError('WRONG_SESSION_STEP');
    if (roles.length === 0) throw new GpcError('NO_ROLE_PROFILE');
    this.begin({ sdsUserId: identity.sdsUserId, name: identity.name, source: 'oidc' }, roles);
    return this.state();
  }

  /**
   * Hosts without a person at a screen (the `gpc` command line) act as the configured user; never the window's path.
   */
  signInConfigured(identity: ClinicianIdentity): void {
    this.begin({ sdsUserId: identity.sdsUserId, name: identity.name, source: 'configured' }, [
      { roleProfileId: identity.roleProfileId, roleName: identity.roleName, organisation: identity.organisation },
    ]);
  }

  private safePoll(card: CardReader): PresentCard | null {
    try {
      return card.poll();
    } catch {
      return null;
    }
  }

  private demo(id: string): DemoClinicianDef {
    const clinician = demoClinician(id);
    if (!clinician) throw new GpcError('INVALID_INPUT', 'There is no demo clinician by that name.');
    return clinician;
  }

  private cardLogin(card: CardReader, pin: Buffer): CardIdentity {
    try {
      return card.login(pin, this.options.trustedCa ?? []);
    } catch (err) {
      if (err instanceof SmartcardError) throw cardProblem(err);
      throw err;
    }
  }

  private rolesFor(sdsUserId: string): readonly RoleProfile[] {
    const configured = this.options.config?.roleProfiles?.[sdsUserId];
    if (configured && configured.length > 0) return configured;
    const fallback = this.options.configuredRole;
    if (fallback && fallback.sdsUserId === sdsUserId) return [fallback.role];
    throw new GpcError('NO_ROLE_PROFILE');
  }

  /** One role profile: straight in. Several: the clinician chooses (job role and organisation shown). */
  private begin(user: SessionUser, roles: readonly RoleProfile[]): void {
    const [only] = roles;
    this.current =
      roles.length === 1 && only ? { phase: 'active', user, roles, role: only } : { phase: 'choose-role', user, roles };
    this.lastActivity = this.now().getTime();
  }

  private lockFor(reason: LockReason): void {
    const c = this.current;
    if (c.phase !== 'active') return;
    this.current = { phase: 'locked', user: c.user, roles: c.roles, role: c.role, reason };
    this.emit('locked');
  }

  private endSession(notice: string): SessionState {
    this.current = { phase: 'signed-out', notice };
    this.emit('session-ended');
    return this.state();
  }

  private cardRemoved(): void {
    const c = this.current;
    if (c.phase === 'active') this.lockFor('card-removed');
    else if (c.phase === 'choose-role') this.endSession(REMOVED_BEFORE_ROLE_NOTICE);
  }

  /** Reader poll: removal locks; a card that is not the session's own ends the session. */
  private pollCard(): void {
    const card = this.options.card;
    if (!card || this.options.demo) return;
    let present: PresentCard | null;
    try {
      present = card.poll();
    } catch {
      // The middleware failed: treat the card as gone, which locks (never leaves a record open).
      this.reader = 'unavailable';
      this.seenSerial = undefined;
      this.cardRemoved();
      return;
    }
    this.reader = present ? 'present' : 'absent';
    if (!present) {
      this.seenSerial = undefined;
      this.cardRemoved();
      return;
    }
    if (present.serial === this.seenSerial) return;
    this.seenSerial = present.serial;
    const c = this.current;
    if (c.phase === 'signed-out' || c.user.source !== 'smartcard') return;
    // A card appeared (re-inserted, or swapped between two polls): whose is it?
    const holder = card.peekHolder();
    if (holder && holder.fingerprint !== c.user.fingerprint) this.endSession(OTHER_CARD_NOTICE);
    else if (c.phase === 'active' && !holder) this.lockFor('card-removed');
  }

  private emit(reason: ContextEndReason): void {
    for (const listener of this.listeners) listener(reason);
  }
}
