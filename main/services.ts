import { readFileSync } from 'node:fs';
import type { LiveConfig, WorkstationConfig } from '../shared/config/config-schema';
import type { SaveFile } from './host/save-file';
import { auditUserOf, actingClinician, configuredClinician } from './audit/audit-user';
import { openAuditService } from './audit/audit-service';
import { auditSettings } from './audit/audit-settings';
import { auditExchanges } from './audit/exchange-audit';
import { runDoctor } from './cli/doctor';
import { ConfigError } from './config/config-error';
import type { SettingsReport } from '../shared/ipc/features/app.contract';
import { APP_FLAVOUR } from './app-identity';
import { demonstratorAppConfig } from './demonstrator/config-files';
import { startDemonstrator } from './demonstrator/demonstrator';
import { explorerWiring } from './explorer/explorer-wiring';
import { requesterFor } from './identity/session-requester';
import { SessionService } from './identity/session-service';
import { Smartcard } from './identity/smartcard';
import type { ActiveScenario } from './demonstrator/scenarios';
import type { PdfExporter } from './gpconnect/print-document';
import { createHandlers } from './ipc/handlers';
import type { HandlerDeps } from './ipc/handler-kit';
import type { HandlerTable } from './ipc/handler-table';
import type { LiveServices } from './live-services';
import { configuredRequester, createLiveServices } from './live-services';
import type { Requester } from './spine/gpc-jwt';
import type { TlsCredentials } from './spine/tls-agent';

export interface AppIdentity {
  readonly name: string;
  readonly version: string;
}

export interface Services {
  readonly handlers: HandlerTable;
  readonly session: SessionService;
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

/** The clinician's session for a configuration: the card reader from machine policy, the CAs a card must chain to. */
function createSession(config: WorkstationConfig): SessionService {
  const smartcard = config.session?.smartcard;
  let trustedCa: string[] = [];
  if (smartcard) {
    trustedCa = smartcard.trustedCa.map((file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch (err) {
        throw new ConfigError(
          `session.smartcard.trustedCa: ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        );
      }
    });
  }
  return new SessionService({
    demo: config.mode === 'demo',
    config: config.session,
    card: smartcard ? new Smartcard(smartcard.module) : undefined,
    trustedCa,
    configuredRole:
      config.mode === 'live'
        ? {
            sdsUserId: config.identity.sdsUserId,
            role: {
              roleProfileId: config.identity.roleProfileId,
              roleName: 'Role profile set in the workstation configuration',
              organisation: { odsCode: config.consumer.odsCode, name: config.consumer.organisationName },
            },
          }
        : undefined,
  });
}

export interface BuildOptions {
  /** The host's audit folder when `audit.directory` is not configured (see `auditSettings`). */
  readonly auditDirectory?: string;
  /**
   * Hosts with nobody at a screen (the `gpc` tool) act as the configured user (`identity.*`). The window never does:
   * there every JWT names the clinician signed in through the session.
   */
  readonly actAsConfiguredUser?: boolean;
  /** The effective settings with policy locks, read once at start-up by the host (Settings screen). */
  readonly settings?: SettingsReport;
  /** PDF export of printouts, where the host has one (Electron). */
  readonly pdf?: PdfExporter;
  /** The host's save dialog (Electron); without one, exports go back to the renderer as text to download. */
  readonly saveFile?: SaveFile;
  /** Demo mode: demonstrator scenarios in force from the start (the preview host's `--scenario`, for tests). */
  readonly demoScenarios?: readonly ActiveScenario[];
}

/**
 * Test hook, demo mode only: `GPC_DEMO_ADMIN_PORT` and `GPC_DEMO_ADMIN_TOKEN` fix the built-in demonstrator's admin
 * endpoint (loopback, bearer token), so an end-to-end test can switch fault scenarios on and read what the practice
 * holds. Synthetic data only; live mode never starts a demonstrator.
 */
function demoAdminFromEnvironment(): { adminPort?: number; adminToken?: string } {
  const port = Number(process.env['GPC_DEMO_ADMIN_PORT'] ?? '');
  const token = process.env['GPC_DEMO_ADMIN_TOKEN'] ?? '';
  return {
    ...(Number.isInteger(port) && port > 0 && port < 65536 ? { adminPort: port } : {}),
    ...(token.length >= 16 ? { adminToken: token } : {}),
  };
}

/**
 * Wires the services for a configuration into the handler table; the one place every host builds it. Demo mode is
 * the live code path pointed at the built-in demonstrator, started in-process on loopback: the same PDS, SDS, SSP,
 * JWT and mutual TLS as live, with synthetic patients and no network.
 */
export async function buildServices(
  config: WorkstationConfig,
  app: AppIdentity,
  options: BuildOptions = {},
): Promise<Services> {
  const session = createSession(config);
  // The config loader already refuses live mode in the demo build; this is the last door, should a caller skip it.
  if (APP_FLAVOUR === 'demo' && config.mode !== 'demo') throw new Error('The demo build cannot run in live mode.');
  let live: LiveServices;
  const { onWire, ...explorer } = explorerWiring(config);
  let stopDemo = async (): Promise<void> => undefined;
  let liveConfig: LiveConfig | undefined;
  let credentials: TlsCredentials | undefined;
  const currentUser = () => session.currentUser();
  const settings = auditSettings(config, options.auditDirectory);
  // Opened first, so the chain is verified before anything else happens; a break is recorded and shown, not fatal.
  const audit = await openAuditService({
    directory: settings.directory,
    ...(settings.maxBytes === undefined ? {} : { maxBytes: settings.maxBytes }),
    admins: settings.admins,
    currentUser: () => (liveConfig ? auditUserOf(actingClinician(currentUser, liveConfig)) : undefined),
  });
  const onExchange = auditExchanges(audit);
  try {
    if (config.mode === 'demo') {
      const demo = await startDemonstrator({
        port: 0,
        ...demoAdminFromEnvironment(),
        ...(options.demoScenarios ? { scenarios: options.demoScenarios } : {}),
      });
      stopDemo = () => demo.close();
      // The demonstrator's own configuration, with its in-memory certificates instead of files.
      const files = demonstratorAppConfig(demo, { ca: '', clientCertificate: '', clientKey: '' });
      const demoConfig: LiveConfig = {
        ...files,
        tls: { ...files.tls, trustedCa: [...files.tls.trustedCa] },
        // Wire-format choices the user made still apply against the demonstrator.
        ...(config.gpconnect ? { gpconnect: config.gpconnect } : {}),
      };
      liveConfig = demoConfig;
      credentials = {
        certificate: demo.pki.client.certificate,
        privateKey: demo.pki.client.privateKey,
        trustedCa: [demo.pki.ca.certificate],
      };
      // Demo: the signed-in demo clinician (none while locked); before any sign-in (handler tests, gpc), the
      // demonstrator's configured user.
      const requester = (): Requester =>
        session.isSignedOut()
          ? configuredRequester(demoConfig, app)
          : requesterFor(demoConfig, app, session.requireUser());
      live = await createLiveServices(demoConfig, {
        product: app,
        requester,
        today: () => localToday(),
        pdsSource: DEMO_PDS_SOURCE,
        ...(onWire ? { onWire } : {}),
        onExchange,
        credentials,
      });
    } else {
      liveConfig = config;
      if (options.actAsConfiguredUser) {
        session.signInConfigured({
          ...configuredClinician(config),
          roleName: 'Role profile set in the workstation configuration',
        });
      }
      // Live: every JWT names the signed-in clinician; nobody signed in (or locked) → NOT_SIGNED_IN, nothing is sent.
      live = await createLiveServices(config, {
        product: app,
        today: () => localToday(),
        requester: () => requesterFor(config, app, session.requireUser()),
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
    session,
    currentUser,
    diagnostics: () => runDoctor(doctorConfig, source, () => new Date(), credentials),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.pdf ? { pdf: options.pdf } : {}),
    ...(options.saveFile ? { saveFile: options.saveFile } : {}),
  };
  session.start();
  return {
    handlers: createHandlers(deps),
    session,
    close: async () => {
      session.stop();
      await live.close();
      await stopDemo();
      await audit.close();
    },
  };
}
