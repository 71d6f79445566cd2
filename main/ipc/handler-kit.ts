import type { AppMode } from '../../shared/ipc/contract';
import type { ChannelName } from '../../shared/ipc/channels';
import type { ClinicianIdentity } from '../../shared/session/clinician';
import { PatientFlow } from '../gpconnect/patient-flow';
import type { PdfExporter } from '../gpconnect/print-document';
import { RetrievedSections } from '../gpconnect/retrieved-sections';
import type { LiveServices } from '../live-services';
import type { HandlerTable } from './handler-table';
import { TraceRegister } from './trace-register';

/**
 * One GP record access, successful or not, for the audit trail (an assurance requirement: failures are recorded like
 * successes). Metadata only: never record content.
 */
export interface RecordAccessEvent {
  readonly at: string;
  /** `record.print`/`record.pdf`: a printout; `section` then lists the codes, `traceId` the sections' trace IDs. */
  readonly channel: 'record.html' | 'record.print' | 'record.pdf';
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
  /** PDF export of printouts, where the host has one (Electron). */
  readonly pdf?: PdfExporter;
}

/** What every feature's handlers share: the deps, one clock, one trace register (the record gate) and one flow. */
export interface HandlerKit {
  readonly deps: HandlerDeps;
  readonly now: () => Date;
  readonly traces: TraceRegister;
  readonly flow: PatientFlow;
  readonly audit: (event: RecordAccessEvent) => void;
  /** Record sections sent to the screen this session: what a printout is composed from. */
  readonly retrieved: RetrievedSections;
}

export function createHandlerKit(deps: HandlerDeps): HandlerKit {
  const now = deps.now ?? (() => new Date());
  return {
    deps,
    now,
    traces: new TraceRegister(now),
    flow: new PatientFlow(deps.live),
    audit: deps.onRecordAccess ?? (() => undefined),
    retrieved: new RetrievedSections(),
  };
}

/** The handlers of one feature: exactly its channels. */
export type FeatureHandlers<C extends readonly ChannelName[]> = Pick<HandlerTable, C[number]>;
