import type { AppMode } from '../../shared/ipc/contract';
import { PatientFlow } from '../gpconnect/patient-flow';
import { fullRecordParameters } from '../gpconnect/structured';
import type { LiveServices } from '../live-services';
import type { HandlerTable } from './handler-table';

export interface HandlerDeps {
  readonly appName: string;
  readonly version: string;
  readonly mode: AppMode;
  readonly live: LiveServices;
  readonly now?: () => Date;
}

/** Our ODS code as a slot `searchFilter`, so slots released to our organisation are offered (SPEC §5.1). */
const ODS_FILTER_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';

/** The implementation of the contract, host-agnostic: registered by Electron glue, served by the preview host and gpc. */
export function createHandlers(deps: HandlerDeps): HandlerTable {
  const flow = new PatientFlow(deps.live);
  const now = deps.now ?? (() => new Date());
  return {
    'app.info': (_input, ctx) =>
      Promise.resolve({ name: deps.appName, version: deps.version, mode: deps.mode, host: ctx.host }),

    'patient.lookup': ({ nhsNumber }) => flow.trace(nhsNumber),

    'patient.trace': async ({ nhsNumber }) => ({ patient: await flow.trace(nhsNumber), tracedAt: now().toISOString() }),

    'record.structured': async ({ nhsNumber }) => {
      const { patient, odsCode } = await flow.forRecord(nhsNumber);
      const { bundle, traceId } = await deps.live.structured.get(odsCode, fullRecordParameters(patient.nhsNumber));
      return { patient, odsCode, traceId, bundle };
    },

    'record.html': async ({ nhsNumber, section, from, to }) => {
      const { patient, odsCode } = await flow.forRecord(nhsNumber);
      const period = from || to ? { ...(from ? { start: from } : {}), ...(to ? { end: to } : {}) } : undefined;
      const { bundle, traceId } = await deps.live.html.get(odsCode, patient.nhsNumber, section, period);
      return { patient, odsCode, traceId, bundle };
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
