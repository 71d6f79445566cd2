import { z } from 'zod';
import type { ClinicianIdentity } from '../../session/clinician';
import type { ContractFragment } from '../contract-kit';
import { channel, nothing } from '../contract-kit';
import type { SESSION_CHANNELS } from './session.channels';

/** One of the user's role profiles (SDS): what the JWT names as `requesting_practitioner` role and organisation. */
export interface RoleProfile {
  readonly roleProfileId: string;
  /** Job role as SDS names it, e.g. "General Medical Practitioner". */
  readonly roleName: string;
  readonly organisation: { readonly odsCode: string; readonly name: string };
}

/** A synthetic clinician offered in demo mode: no card needed. */
export interface DemoClinician {
  readonly id: string;
  readonly label: string;
  readonly roleName: string;
}

export type SessionPhase = 'signed-out' | 'choose-role' | 'active' | 'locked';
export type LockReason = 'card-removed' | 'inactivity' | 'user';

/**
 * What the window may show about the session: never a PIN, a key or a certificate. `notice` says why the previous
 * session ended (another user's card, card removed before a role was chosen), for the sign-in screen.
 */
export interface SessionState {
  readonly phase: SessionPhase;
  readonly demo: boolean;
  /** The smartcard reader as last polled: `unavailable` when no middleware is configured or it failed to load. */
  readonly card: 'absent' | 'present' | 'unavailable';
  readonly user?: {
    readonly sdsUserId: string;
    readonly name: ClinicianIdentity['name'];
    readonly source: ClinicianIdentity['source'];
  };
  /** The chosen role profile (active, locked). */
  readonly role?: RoleProfile;
  /** The user's profiles: to choose from (choose-role); while active, more than one offers "switch role". */
  readonly roles?: readonly RoleProfile[];
  readonly lockReason?: LockReason;
  readonly notice?: string;
  /** Demo sessions: which demo clinician's (emulated) card the session belongs to. */
  readonly demoClinicianId?: string;
  /** Demo mode: the clinicians to sign in as. */
  readonly demoClinicians?: readonly DemoClinician[];
  readonly inactivityMinutes: number;
}

/** A smartcard passcode as typed: sent once, never returned, never logged. */
const pin = z
  .string({ error: 'the passcode must be text' })
  .min(4, 'the passcode must have at least 4 characters')
  .max(64, 'the passcode is too long');
const id = z.string().trim().min(1).max(64);

export const sessionContract = {
  'session.status': channel<SessionState>()({
    summary: 'Who is signed in, and the step of signing in',
    input: nothing,
    errors: [],
  }),
  'session.signInWithCard': channel<SessionState>()({
    summary: 'Sign in with the smartcard in the reader and its passcode',
    input: z.object({ pin }).strict(),
    errors: [
      'NO_CARD',
      'PIN_INCORRECT',
      'PIN_LOCKED',
      'CARD_UNTRUSTED',
      'CARD_UNREADABLE',
      'CARD_NOT_CONFIGURED',
      'NO_ROLE_PROFILE',
      'WRONG_SESSION_STEP',
    ],
  }),
  'session.signInDemo': channel<SessionState>()({
    summary: 'Demo mode: sign in as one of the synthetic clinicians',
    input: z.object({ clinicianId: id }).strict(),
    errors: ['NOT_AVAILABLE', 'WRONG_SESSION_STEP'],
  }),
  'session.chooseRole': channel<SessionState>()({
    summary: 'Choose the role profile to work under',
    input: z.object({ roleProfileId: id }).strict(),
    errors: ['WRONG_SESSION_STEP', 'NO_ROLE_PROFILE'],
  }),
  'session.switchRole': channel<SessionState>()({
    summary: 'Choose another role profile: the patient in view is closed',
    input: nothing,
    errors: ['WRONG_SESSION_STEP'],
  }),
  'session.lock': channel<SessionState>()({
    summary: 'Lock the workstation now',
    input: nothing,
    errors: ['WRONG_SESSION_STEP'],
  }),
  'session.unlock': channel<SessionState>()({
    summary: 'Unlock with the same smartcard and its passcode (demo: the same clinician)',
    input: z.object({ pin: pin.optional() }).strict(),
    errors: [
      'NO_CARD',
      'PIN_INCORRECT',
      'PIN_LOCKED',
      'CARD_UNTRUSTED',
      'CARD_UNREADABLE',
      'WRONG_CARD',
      'WRONG_SESSION_STEP',
    ],
  }),
  'session.signOut': channel<SessionState>()({
    summary: 'Sign out: everything is cleared',
    input: nothing,
    errors: [],
  }),
  'session.activity': channel<{ readonly recorded: boolean }>()({
    summary: 'The clinician is at the keyboard (throttled by the window): restarts the inactivity timer',
    input: nothing,
    errors: [],
  }),
  'session.demoCard': channel<SessionState>()({
    summary: "Demo mode only: emulate inserting or removing a demo clinician's card",
    input: z
      .object({ action: z.enum(['insert', 'remove']), clinicianId: id.optional() })
      .strict()
      .refine((v) => v.action === 'remove' || v.clinicianId !== undefined, {
        message: 'insert needs the demo clinician whose card it is',
        path: ['clinicianId'],
      }),
    errors: ['NOT_AVAILABLE'],
  }),
} as const satisfies ContractFragment<(typeof SESSION_CHANNELS)[number]>;
