import type { AuditActionEvent } from '../../shared/audit/audit-record';
import type { BuildFlavour } from '../../shared/app/build-info';
import type { AppMode } from '../../shared/ipc/contract';
import type { SettingsReport } from '../../shared/ipc/features/app.contract';
import type { ChannelName } from '../../shared/ipc/channels';
import type { ClinicianIdentity } from '../../shared/session/clinician';
import type { AuditService } from '../audit/audit-service';
import type { SaveFile } from '../host/save-file';
import type { ExplorerDeps } from '../explorer/explorer-wiring';
import type { DoctorLine } from '../cli/doctor';
import { PatientFlow } from '../gpconnect/patient-flow';
import type { ContextEndReason, SessionService } from '../identity/session-service';
import type { PdfExporter } from '../gpconnect/print-document';
import { RetrievedSections } from '../gpconnect/retrieved-sections';
import type { LiveServices } from '../live-services';
import { GpcError } from './gpc-error';
import type { HandlerTable } from './handler-table';
import { TraceRegister } from './trace-register';

/** One booking action (book, temporary registration, amend, cancel) and its outcome, as the booking service reports it. */
export interface AppointmentActionEvent {
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
  /**
   * The audit trail (`main/audit/audit-service.ts`). Every host passes one; a handler table without it (some unit
   * tests) audits nothing.
   */
  readonly audit?: AuditService;
  /** The connection doctor's checks against this configuration (Settings → Diagnostics). */
  readonly diagnostics?: () => Promise<readonly DoctorLine[]>;
  /** The signed-in user (session feature); undefined when nobody is signed in. */
  readonly currentUser?: () => ClinicianIdentity | undefined;
  /** The interaction explorer: policy switch and session log (absent: the explorer is off). */
  readonly explorer?: ExplorerDeps;
  /** The clinician's session (sign-in, role, lock); absent in handler tests that need none. */
  readonly session?: SessionService;
  /** What the build is (flavour, commit, CHANGELOG.md text); the build-time constants when absent. */
  readonly build?: { readonly flavour: BuildFlavour; readonly commit: string; readonly changelog: string };
  /** The effective settings with policy locks, read once at start-up by the host. */
  readonly settings?: SettingsReport;
  /** PDF export of printouts, where the host has one (Electron). */
  readonly pdf?: PdfExporter;
  /** The host's save dialog, where it has one (Electron): exports are written there, not sent to the renderer. */
  readonly saveFile?: SaveFile;
}

/** What every feature's handlers share: the deps, one clock, one trace register (the record gate) and one flow. */
export interface HandlerKit {
  readonly deps: HandlerDeps;
  readonly now: () => Date;
  readonly traces: TraceRegister;
  readonly flow: PatientFlow;
  /**
   * Records a user action that touches patient data, successful or not (an assurance requirement). Resolves once the
   * record is fsync'd: await it before returning, so an action is reported done only when its audit is on disk.
   */
  readonly audit: (event: AuditActionEvent) => Promise<void>;
  /**
   * Called when patient context ends: the session locked, switched role, ended or signed out. Anything in main that
   * holds patient data (caches, registers) subscribes and clears it. Returns unsubscribe.
   */
  readonly onSessionEnd: (listener: (reason: ContextEndReason) => void) => () => void;
  /** Record sections sent to the screen this session: what a printout is composed from. */
  readonly retrieved: RetrievedSections;
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
    audit: async (event) => {
      try {
        await deps.audit?.record(event);
      } catch {
        // Never carry on unaudited: the action fails, in words the user can act on (the cause is in the log).
        throw new GpcError('AUDIT_UNAVAILABLE');
      }
    },
    onSessionEnd: (listener) => (session ? session.onContextEnd(listener) : () => undefined),
    retrieved: new RetrievedSections(),
  };
  // Traces and the sections held for printing are patient context: a locked or ended session forgets them.
  kit.onSessionEnd(() => {
    kit.traces.clear();
    kit.retrieved.clear();
  });
  return kit;
}

/** The handlers of one feature: exactly its channels. */
export type FeatureHandlers<C extends readonly ChannelName[]> = Pick<HandlerTable, C[number]>;
