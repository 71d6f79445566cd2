import type { AppMode } from '../../shared/ipc/contract';
import type { ChannelName } from '../../shared/ipc/channels';
import type { ClinicianIdentity } from '../../shared/session/clinician';
import { PatientFlow } from '../gpconnect/patient-flow';
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

/** One booking action (book, temporary registration, amend, cancel) and its outcome, for the audit trail. */
export interface AppointmentActionEvent {
  readonly at: string;
  readonly channel: 'appointment.book' | 'appointment.amend' | 'appointment.cancel';
  readonly action: 'book' | 'register' | 'amend' | 'cancel';
  readonly nhsNumber: string;
  readonly odsCode: string;
  /** `conflict`: changed elsewhere (409); `unknown`: the reply was lost and the outcome could not be checked. */
  readonly outcome: 'success' | 'failure' | 'conflict' | 'unknown';
  readonly appointmentId?: string;
  readonly code?: string;
}

export interface HandlerDeps {
  readonly appName: string;
  readonly version: string;
  readonly mode: AppMode;
  readonly live: LiveServices;
  readonly now?: () => Date;
  /** Where record access events go; the audit log will subscribe here. */
  readonly onRecordAccess?: (event: RecordAccessEvent) => void;
  /** Where booking actions go; the audit log will subscribe here. */
  readonly onAppointmentAction?: (event: AppointmentActionEvent) => void;
  /** The signed-in user (session feature); undefined when nobody is signed in. */
  readonly currentUser?: () => ClinicianIdentity | undefined;
}

/** What every feature's handlers share: the deps, one clock, one trace register (the record gate) and one flow. */
export interface HandlerKit {
  readonly deps: HandlerDeps;
  readonly now: () => Date;
  readonly traces: TraceRegister;
  readonly flow: PatientFlow;
  readonly audit: (event: RecordAccessEvent) => void;
  readonly appointmentAudit: (event: AppointmentActionEvent) => void;
}

export function createHandlerKit(deps: HandlerDeps): HandlerKit {
  const now = deps.now ?? (() => new Date());
  return {
    deps,
    now,
    traces: new TraceRegister(now),
    flow: new PatientFlow(deps.live),
    audit: deps.onRecordAccess ?? (() => undefined),
    appointmentAudit: deps.onAppointmentAction ?? (() => undefined),
  };
}

/** The handlers of one feature: exactly its channels. */
export type FeatureHandlers<C extends readonly ChannelName[]> = Pick<HandlerTable, C[number]>;
