import { readFileSync } from 'node:fs';
import type { LiveConfig, WorkstationConfig } from '../shared/config/config-schema';
import { ConfigError } from './config/config-error';
import { demonstratorAppConfig } from './demonstrator/config-files';
import { requesterFor } from './identity/session-requester';
import { SessionService } from './identity/session-service';
import { Smartcard } from './identity/smartcard';
import { startDemonstrator } from './demonstrator/demonstrator';
import { createHandlers } from './ipc/handlers';
import type { HandlerTable } from './ipc/handler-table';
import type { LiveServices } from './live-services';
import { configuredRequester, createLiveServices } from './live-services';
import type { Requester } from './spine/gpc-jwt';

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

/**
 * Wires the services for a configuration into the handler table; the one place every host builds it. Demo mode is
 * the live code path pointed at the built-in demonstrator, started in-process on loopback: the same PDS, SDS, SSP,
 * JWT and mutual TLS as live, with synthetic patients and no network.
 */
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
  /**
   * Hosts with nobody at a screen (the `gpc` tool) act as the configured user (`identity.*`). The window never does:
   * there every JWT names the clinician signed in through the session.
   */
  readonly actAsConfiguredUser?: boolean;
}

export async function buildServices(
  config: WorkstationConfig,
  app: AppIdentity,
  options: BuildOptions = {},
): Promise<Services> {
  const session = createSession(config);
  let live: LiveServices;
  let stopDemo = async (): Promise<void> => undefined;
  if (config.mode === 'demo') {
    const demo = await startDemonstrator({ port: 0 });
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
      // Demo: the signed-in demo clinician (none while locked); before any sign-in (handler tests, gpc), the
      // demonstrator's configured user.
      const requester = (): Requester =>
        session.isSignedOut()
          ? configuredRequester(liveConfig, app)
          : requesterFor(liveConfig, app, session.requireUser());
      live = await createLiveServices(liveConfig, {
        product: app,
        requester,
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
    if (options.actAsConfiguredUser) {
      session.signInConfigured({
        sdsUserId: config.identity.sdsUserId,
        name: {
          family: config.identity.familyName,
          given: [config.identity.givenName],
          ...(config.identity.prefix ? { prefix: config.identity.prefix } : {}),
        },
        roleProfileId: config.identity.roleProfileId,
        roleName: 'Role profile set in the workstation configuration',
        organisation: { odsCode: config.consumer.odsCode, name: config.consumer.organisationName },
        source: 'configured',
      });
    }
    // Live: every JWT names the signed-in clinician; nobody signed in (or locked) → NOT_SIGNED_IN, nothing is sent.
    live = await createLiveServices(config, {
      product: app,
      today: () => localToday(),
      requester: () => requesterFor(config, app, session.requireUser()),
    });
  }
  session.start();
  return {
    handlers: createHandlers({ appName: app.name, version: app.version, mode: config.mode, live, session }),
    session,
    close: async () => {
      session.stop();
      await live.close();
      await stopDemo();
    },
  };
}
