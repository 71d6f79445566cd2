import type { AppMode } from '../../shared/ipc/contract';
import type { PatientSummary } from '../../shared/patient/patient-summary';
import { buildHtmlRecordSection } from '../gpconnect/html-record-view';
import { PatientFlow } from '../gpconnect/patient-flow';
import { fullRecordParameters } from '../gpconnect/structured';
import type { LiveServices } from '../live-services';
import { GpcError } from './gpc-error';
import type { HandlerTable } from './handler-table';
import { SpineError } from '../spine/spine-error';
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
}

/** Our ODS code as a slot `searchFilter`, so slots released to our organisation are offered (SPEC §5.1). */
const ODS_FILTER_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';

/** The implementation of the contract, host-agnostic: registered by Electron glue, served by the preview host and gpc. */
export function createHandlers(deps: HandlerDeps): HandlerTable {
  const flow = new PatientFlow(deps.live);
  const now = deps.now ?? (() => new Date());
  const traces = new TraceRegister(now);
  const traced = (patient: PatientSummary) => {
    traces.record(patient);
    return patient;
  };
  const audit = deps.onRecordAccess ?? (() => undefined);
  return {
    'app.info': (_input, ctx) =>
      Promise.resolve({ name: deps.appName, version: deps.version, mode: deps.mode, host: ctx.host }),

    'patient.lookup': async ({ nhsNumber }) => traced(await flow.trace(nhsNumber)),

    'patient.trace': async ({ nhsNumber }) => ({
      patient: traced(await flow.trace(nhsNumber)),
      tracedAt: now().toISOString(),
    }),

    'record.structured': async ({ nhsNumber }) => {
      const { patient, odsCode } = await flow.forRecord(nhsNumber);
      const { bundle, traceId } = await deps.live.structured.get(odsCode, fullRecordParameters(patient.nhsNumber));
      return { patient, odsCode, traceId, bundle };
    },

    'record.html': async ({ nhsNumber, section, from, to }) => {
      let odsCode: string | undefined;
      try {
        // The gate, in main: the renderer cannot ask for a record of someone it has not just traced.
        const patient = traces.recent(nhsNumber);
        if (!patient) throw new GpcError('TRACE_REQUIRED');
        if (patient.restricted) throw new GpcError('PATIENT_RESTRICTED');
        odsCode = patient.registeredPractice?.odsCode;
        if (!odsCode) throw new GpcError('NO_REGISTERED_PRACTICE');
        const period = from || to ? { ...(from ? { start: from } : {}), ...(to ? { end: to } : {}) } : undefined;
        const { bundle, traceId } = await deps.live.html.get(odsCode, patient.nhsNumber, section, period);
        const view = buildHtmlRecordSection({
          patient,
          odsCode,
          code: section,
          ...(from || to ? { period: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } : {}),
          bundle,
          traceId,
          retrievedAt: now(),
        });
        audit({
          at: view.retrievedAt,
          channel: 'record.html',
          nhsNumber,
          section,
          odsCode,
          outcome: 'success',
          traceId,
        });
        return view;
      } catch (err) {
        const code =
          err instanceof GpcError
            ? err.code
            : err instanceof SpineError
              ? `SPINE_ERROR ${err.failure.code}`
              : 'INTERNAL_ERROR';
        const traceId = err instanceof SpineError ? err.failure.traceId : undefined;
        audit({
          at: now().toISOString(),
          channel: 'record.html',
          nhsNumber,
          section,
          ...(odsCode ? { odsCode } : {}),
          outcome: 'failure',
          code,
          ...(traceId ? { traceId } : {}),
        });
        throw err;
      }
    },

    'slots.search': async ({ odsCode, start, end }) => {
      const bundle = await deps.live.appointments.searchFreeSlots(odsCode, {
        start,
        end,
        searchFilter: [`${ODS_FILTER_SYSTEM}|${deps.live.ctx.config.consumer.odsCode}`],
      });
      return { odsCode, bundle };
    },
  };
}
