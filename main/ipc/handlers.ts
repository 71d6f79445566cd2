import type { AppMode } from '../../shared/ipc/contract';
import type { PatientDirectory } from '../directory/patient-directory';
import { GpcError } from './gpc-error';
import type { HandlerTable } from './handler-table';

export interface HandlerDeps {
  readonly appName: string;
  readonly version: string;
  readonly mode: AppMode;
  readonly patients: PatientDirectory;
  readonly now?: () => Date;
}

/** The implementation of the contract, host-agnostic: registered by Electron glue and served by the preview host. */
export function createHandlers(deps: HandlerDeps): HandlerTable {
  const trace = async (nhsNumber: string) => {
    const patient = await deps.patients.lookup(nhsNumber);
    if (!patient) throw new GpcError('PATIENT_NOT_FOUND');
    return { patient, tracedAt: (deps.now?.() ?? new Date()).toISOString() };
  };
  return {
    'app.info': (_input, ctx) =>
      Promise.resolve({ name: deps.appName, version: deps.version, mode: deps.mode, host: ctx.host }),

    'patient.lookup': async ({ nhsNumber }) => (await trace(nhsNumber)).patient,

    'patient.trace': ({ nhsNumber }) => trace(nhsNumber),
  };
}
