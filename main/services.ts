import type { LiveConfig, WorkstationConfig } from '../shared/config/config-schema';
import { demonstratorAppConfig } from './demonstrator/config-files';
import { startDemonstrator } from './demonstrator/demonstrator';
import type { ActiveScenario } from './demonstrator/scenarios';
import type { PdfExporter } from './gpconnect/print-document';
import { createHandlers } from './ipc/handlers';
import type { HandlerTable } from './ipc/handler-table';
import type { LiveServices } from './live-services';
import { createLiveServices } from './live-services';

export interface AppIdentity {
  readonly name: string;
  readonly version: string;
}

export interface Services {
  readonly handlers: HandlerTable;
  close(): Promise<void>;
}

export const DEMO_PDS_SOURCE = 'PDS (demonstrator: synthetic data)';

/** Today's date as `YYYY-MM-DD` in local time: the calendar a clinician reads. */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * Wires the services for a configuration into the handler table; the one place every host builds it. Demo mode is
 * the live code path pointed at the built-in demonstrator, started in-process on loopback: the same PDS, SDS, SSP,
 * JWT and mutual TLS as live, with synthetic patients and no network.
 */
export async function buildServices(
  config: WorkstationConfig,
  app: AppIdentity,
  host: {
    readonly pdf?: PdfExporter;
    /** Demo mode: demonstrator scenarios in force from the start (the preview host's `--scenario`, for tests). */
    readonly demoScenarios?: readonly ActiveScenario[];
  } = {},
): Promise<Services> {
  let live: LiveServices;
  let stopDemo = async (): Promise<void> => undefined;
  if (config.mode === 'demo') {
    const demo = await startDemonstrator({ port: 0, ...(host.demoScenarios ? { scenarios: host.demoScenarios } : {}) });
    stopDemo = () => demo.close();
    try {
      // The demonstrator's own configuration, with its in-memory certificates instead of files.
      const files = demonstratorAppConfig(demo, { ca: '', clientCertificate: '', clientKey: '' });
      const liveConfig: LiveConfig = {
        ...files,
        tls: { ...files.tls, trustedCa: [...files.tls.trustedCa] },
        // Wire-format choices the user made still apply against the demonstrator.
        ...(config.gpconnect ? { gpconnect: config.gpconnect } : {}),
      };
      live = await createLiveServices(liveConfig, {
        product: app,
        today: () => localToday(),
        pdsSource: DEMO_PDS_SOURCE,
        credentials: {
          certificate: demo.pki.client.certificate,
          privateKey: demo.pki.client.privateKey,
          trustedCa: [demo.pki.ca.certificate],
        },
      });
    } catch (err) {
      await stopDemo();
      throw err;
    }
  } else {
    live = await createLiveServices(config, { product: app, today: () => localToday() });
  }
  return {
    handlers: createHandlers({
      appName: app.name,
      version: app.version,
      mode: config.mode,
      live,
      ...(host.pdf ? { pdf: host.pdf } : {}),
    }),
    close: async () => {
      await live.close();
      await stopDemo();
    },
  };
}
