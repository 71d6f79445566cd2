import type { LiveConfig, WorkstationConfig } from '../shared/config/config-schema';
import { auditUserOf, actingClinician } from './audit/audit-user';
import { openAuditService } from './audit/audit-service';
import { auditSettings } from './audit/audit-settings';
import { interactionEvent } from './audit/exchange-audit';
import { runDoctor } from './cli/doctor';
import { demonstratorAppConfig } from './demonstrator/config-files';
import { startDemonstrator } from './demonstrator/demonstrator';
import { explorerWiring } from './explorer/explorer-wiring';
import { createHandlers } from './ipc/handlers';
import type { HandlerDeps } from './ipc/handler-kit';
import type { HandlerTable } from './ipc/handler-table';
import type { LiveServices } from './live-services';
import { createLiveServices } from './live-services';
import type { ExchangeRecord } from './spine/gp-connect-client';
import type { TlsCredentials } from './spine/tls-agent';

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
  options: {
    /** The host's audit folder when `audit.directory` is not configured (see `auditSettings`). */
    auditDirectory?: string;
  } = {},
): Promise<Services> {
  let live: LiveServices;
  const { onWire, ...explorer } = explorerWiring(config);
  let stopDemo = async (): Promise<void> => undefined;
  let liveConfig: LiveConfig | undefined;
  let credentials: TlsCredentials | undefined;
  const settings = auditSettings(config, options.auditDirectory);
  // Opened first, so the chain is verified before anything else happens; a break is recorded and shown, not fatal.
  const audit = await openAuditService({
    directory: settings.directory,
    ...(settings.maxBytes === undefined ? {} : { maxBytes: settings.maxBytes }),
    admins: settings.admins,
    currentUser: () => (liveConfig ? auditUserOf(actingClinician(deps.currentUser, liveConfig)) : undefined),
  });
  // Queued in order with the action records: an action's record resolving means its interactions are on disk too.
  const onExchange = (exchange: ExchangeRecord) => {
    audit.record(interactionEvent(exchange)).catch(() => undefined);
  };
  try {
    if (config.mode === 'demo') {
      const demo = await startDemonstrator({ port: 0 });
      stopDemo = () => demo.close();
      // The demonstrator's own configuration, with its in-memory certificates instead of files.
      const files = demonstratorAppConfig(demo, { ca: '', clientCertificate: '', clientKey: '' });
      liveConfig = {
        ...files,
        tls: { ...files.tls, trustedCa: [...files.tls.trustedCa] },
        // Wire-format choices the user made still apply against the demonstrator.
        ...(config.gpconnect ? { gpconnect: config.gpconnect } : {}),
      };
      credentials = {
        certificate: demo.pki.client.certificate,
        privateKey: demo.pki.client.privateKey,
        trustedCa: [demo.pki.ca.certificate],
      };
      live = await createLiveServices(liveConfig, {
        product: app,
        today: () => localToday(),
        pdsSource: DEMO_PDS_SOURCE,
        ...(onWire ? { onWire } : {}),
        onExchange,
        credentials,
      });
    } else {
      liveConfig = config;
      live = await createLiveServices(config, {
        product: app,
        today: () => localToday(),
        ...(onWire ? { onWire } : {}),
        onExchange,
      });
    }
  } catch (err) {
    await stopDemo();
    await audit.close();
    throw err;
  }
  const doctorConfig = liveConfig;
  const source = config.mode === 'demo' ? 'the built-in demonstrator' : 'the layered configuration';
  const deps: HandlerDeps = {
    appName: app.name,
    version: app.version,
    mode: config.mode,
    live,
    explorer,
    audit,
    diagnostics: () => runDoctor(doctorConfig, source, () => new Date(), credentials),
  };
  return {
    handlers: createHandlers(deps),
    close: async () => {
      await live.close();
      await stopDemo();
      await audit.close();
    },
  };
}
