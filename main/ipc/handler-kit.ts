import type { AppMode } from '../../shared/ipc/contract';
import type { ChannelName } from '../../shared/ipc/channels';
import type { ClinicianIdentity } from '../../shared/session/clinician';
import { PatientFlow } from '../gpconnect/patient-flow';
import type { ContextEndReason, SessionService } from '../identity/session-service';
import type { LiveServices } from '../live-services';
import type { HandlerTable } from './handler-table';
import { TraceRegister } from './trace-register';

/**
 * One GP record access, successful or not, for the audit trail (an assurance requirement: failures are recorded like
 * successes). Metadata only: never record content.
 */
export interface RecordAccessEvent {
  readonly at: string;
  readonly channel: 'record.html';
  readonly nhsNumber: string;
  readonly section: string;
  readonly odsCode?: string;
  readonly outcome: 'success' | 'failure';
  /** The error code (and the Spine code) of a failure. */
  readonly code?: string;
  readonly traceId?: string;
}

export interface HandlerDeps {
  readonly appName: string;
  readonly version: string;
  readonly mode: AppMode;
  readonly live: LiveServices;
  readonly now?: () => Date;
  /** Where record access events go; the audit log will subscribe here. */
  readonly onRecordAccess?: (event: RecordAccessEvent) => void;
  /** The signed-in user (session feature); undefined when nobody is signed in. */
  readonly currentUser?: () => ClinicianIdentity | undefined;
  /** The clinician's session (sign-in, role, lock); absent in handler tests that need none. */
  readonly session?: SessionService;
}

/** What every feature's handlers share: the deps, one clock, one trace register (the record gate) and one flow. */
export interface HandlerKit {
  readonly deps: HandlerDeps;
  readonly now: () => Date;
  readonly traces: TraceRegister;
  readonly flow: PatientFlow;
  readonly audit: (event: RecordAccessEvent) => void;
  /**
   * Called when patient context ends: the session locked, switched role, ended or signed out. Anything in main that
   * holds patient data (caches, registers) subscribes and clears it. Returns unsubscribe.
   */
  readonly onSessionEnd: (listener: (reason: ContextEndReason) => void) => () => void;
}

export function createHandlerKit(deps: HandlerDeps): HandlerKit {
  const now = deps.now ?? (() => new Date());
  const session = deps.session;
  const currentUser = deps.currentUser ?? (session ? () => session.currentUser() : undefined);
  const kit: HandlerKit = {
    deps: currentUser ? { ...deps, currentUser } : deps,
    now,
    traces: new TraceRegister(now),
    flow: new PatientFlow(deps.live),
    audit: deps.onRecordAccess ?? (() => undefined),
    onSessionEnd: (listener) => (session ? session.onContextEnd(listener) : () => undefined),
  };
  // The record gate's traces are patient context: a locked or ended session forgets who was traced.
  kit.onSessionEnd(() => kit.traces.clear());
  return kit;
}

/** The handlers of one feature: exactly its channels. */
export type FeatureHandlers<C extends readonly ChannelName[]> = Pick<HandlerTable, C[number]>;
