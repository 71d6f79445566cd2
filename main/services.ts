import { createHandlers } from './ipc/handlers';
import type { HandlerTable } from './ipc/handler-table';
import type { WorkstationConfig } from '../shared/config/config-schema';
import { DemoPatientDirectory } from './demonstrator/demo-patient-directory';
import { createLiveServices } from './live-services';

export interface AppIdentity {
  readonly name: string;
  readonly version: string;
}

/** Today's date as `YYYY-MM-DD` in local time: the calendar a clinician reads. */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Wires the services for a configuration into the handler table; the one place every host builds it. */
export async function buildHandlerTable(config: WorkstationConfig, app: AppIdentity): Promise<HandlerTable> {
  const patients =
    config.mode === 'demo'
      ? new DemoPatientDirectory(() => localToday())
      : (await createLiveServices(config, { product: app, today: () => localToday() })).patients;
  return createHandlers({ appName: app.name, version: app.version, mode: config.mode, patients });
}
