/**
 * The audit trail's record types (pure: the viewer in the renderer and the evidence pack read them too). An audit
 * record holds metadata only: who, which patient (NHS number), which interaction and trace id, outcome, time. Never
 * clinical content: no names of patients, no record text, no request or response bodies.
 */

/** The user an audit record names: the signed-in clinician, or the configured identity until sign-in exists. */
export interface AuditUser {
  readonly sdsUserId: string;
  /** As a clinician reads it: `JONES, Claire (Dr)`. */
  readonly name: string;
  readonly roleProfileId: string;
  /** The job role SDS names, when known ("General Medical Practitioner"). */
  readonly roleName?: string;
  /** The organisation's ODS code. */
  readonly organisation: string;
  readonly organisationName?: string;
}

/** Who/what/when of the JWT sent with an interaction (SPEC §3.2), decoded from the token itself. */
export interface AuditJwt {
  /** `requesting_practitioner`: SDS user ID (or `UNK`). */
  readonly practitionerSdsUserId: string;
  /** `requesting_practitioner`: SDS role profile ID, when the token carries one (1.x; 0.7.x has a job role). */
  readonly practitionerRoleProfileId?: string;
  /** `requesting_organization`: ODS code. */
  readonly organisationOdsCode: string;
  readonly reasonForRequest: string;
  readonly requestedScope: string;
  /** `iat` and `exp` as ISO times. */
  readonly issuedAt: string;
  readonly expiresAt: string;
  /** `aud` (1.x: the provider's service root; 0.7.x: the fixed audience). */
  readonly audience: string;
}

/**
 * User actions that touch patient data (emitted by feature handlers) and the audit's own events. Features add their
 * action names here (a union, so the viewer can label each one).
 */
export const AUDIT_ACTIONS = {
  trace: 'Trace patient (PDS)',
  'view-section': 'View record section (HTML)',
  'structured-record': 'View structured record',
  print: 'Print record',
  'search-slots': 'Search free slots',
  register: 'Temporary registration (for a booking)',
  book: 'Book appointment',
  amend: 'Amend appointment',
  cancel: 'Cancel appointment',
  'view-appointments': 'View appointments',
  'unmask-nhs-number': 'Unmask NHS number (explorer)',
  'send-interaction': 'Send interaction by hand (explorer)',
  'export-session': 'Export session (explorer)',
  'assure-run': 'Consumer assurance run',
  'audit-view': 'View audit trail',
  'audit-export': 'Export audit trail (CSV)',
  'audit-chain-break': 'Audit chain break found',
  'audit-torn-write': 'Unfinished audit write removed',
  interaction: 'GP Connect / Spine interaction',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export type AuditOutcome = 'success' | 'failure';

/**
 * A user action for the audit trail, as features emit it through the handler kit (`kit.audit(event)`, awaited
 * before the handler returns). Failures are audited like successes.
 */
export interface AuditActionEvent {
  readonly action: Exclude<AuditAction, 'interaction'>;
  readonly outcome: AuditOutcome;
  readonly nhsNumber?: string;
  /** The error code of a failure (the app's code, and the Spine code after it: `SPINE_ERROR NO_PATIENT_CONSENT`). */
  readonly errorCode?: string;
  /** The practice the action was addressed to. */
  readonly odsCode?: string;
  /** The `Ssp-TraceID` of the interaction behind the action, when there was one. */
  readonly traceId?: string;
  /** A record section code, an appointment id: what was acted on, never its content. Bounded to 200 characters. */
  readonly target?: string;
  /** Short free text (the reason given to unmask, a chain-break description); never clinical content. */
  readonly note?: string;
}

/** One exchange with Spine or a provider (from the GP Connect client's exchange hook). */
export interface AuditInteractionEvent {
  readonly action: 'interaction';
  readonly outcome: AuditOutcome;
  readonly interactionId: string;
  readonly traceId: string;
  /** `Ssp-From`: our ASID. */
  readonly from: string;
  /** `Ssp-To`: the provider's ASID (the target ASID). */
  readonly to: string;
  /** The target practice's ODS code. */
  readonly odsCode: string;
  readonly httpStatus?: number;
  readonly errorCode?: string;
  /** The patient the request was about, when the request names one (NHS number only). */
  readonly nhsNumber?: string;
  readonly jwt?: AuditJwt;
}

export type AuditEvent = AuditActionEvent | AuditInteractionEvent;

/** As stored: the event, when and by whom, and its place in the SHA-256 chain. */
export type AuditRecord = AuditEvent & {
  readonly seq: number;
  /** ISO time the record was written. */
  readonly at: string;
  readonly user?: AuditUser;
  readonly prevHash: string;
  readonly hash: string;
};

/** The viewer's filter; every field optional, all given fields must match. */
export interface AuditFilter {
  /** SDS user ID, or part of the user's name (case-insensitive). */
  readonly user?: string | undefined;
  readonly nhsNumber?: string | undefined;
  /** Calendar dates `YYYY-MM-DD`, inclusive, in UTC. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly outcome?: AuditOutcome | undefined;
  /** Newest first, at most this many (default 500). */
  readonly limit?: number | undefined;
}

export interface AuditQueryResult {
  /** Newest first. */
  readonly records: readonly AuditRecord[];
  /** How many matched before the limit. */
  readonly total: number;
}

/** The chain's state as last verified (at start, or on demand): what the admin banner shows. */
export interface AuditChainStatus {
  readonly verifiedAt: string;
  readonly records: number;
  /** Problems found, in order; empty when the chain verifies end to end. */
  readonly breaks: readonly string[];
  /** Bytes of an unacknowledged last line removed at start (a crash mid-write, not tampering). */
  readonly tornBytes: number;
  /** The audit cannot write (disk full, permissions): actions that need it fail. */
  readonly writeFailure?: string;
}
