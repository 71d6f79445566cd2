import type { LiveConfig } from '../shared/config/config-schema';
import { certificateBlocker, reportCertificate } from './certs/certificate-report';
import { loadTlsCredentials } from './certs/credentials';
import { ConfigError } from './config/config-error';
import type { PracticeNameLookup } from './directory/live-patient-directory';
import { LivePatientDirectory } from './directory/live-patient-directory';
import { SdsClient } from './directory/sds-client';
import { Foundations } from './gpconnect/foundations';
import type { ExchangeRecord } from './spine/gp-connect-client';
import { GpConnectClient } from './spine/gp-connect-client';
import type { Requester } from './spine/gpc-jwt';
import type { SpineContext } from './spine/spine-context';
import { spineContext } from './spine/spine-context';
import type { TlsCredentials } from './spine/tls-agent';
import { createSpineAgent } from './spine/tls-agent';
import type { WireSink } from './explorer/wire-tap';
import { tapDispatcher } from './explorer/wire-tap';
import { Appointments } from './gpconnect/appointments';
import { HtmlRecord } from './gpconnect/html-record';
import { StructuredRecord } from './gpconnect/structured';

export interface LiveServices {
  readonly ctx: SpineContext;
  readonly sds: SdsClient;
  readonly gpc: GpConnectClient;
  readonly foundations: Foundations;
  readonly structured: StructuredRecord;
  readonly html: HtmlRecord;
  readonly appointments: Appointments;
  readonly patients: LivePatientDirectory;
  close(): Promise<void>;
}

/** The configured user (`identity.*`): the JWT requester of callers without a session (tests, demo before sign-in). */
export function configuredRequester(config: LiveConfig, product: { name: string; version: string }): Requester {
  const { consumer, identity } = config;
  return {
    consumer: {
      endpointUrl: consumer.endpointUrl,
      odsCode: consumer.odsCode,
      organisationName: consumer.organisationName,
      deviceId: consumer.deviceId,
    },
    user: {
      id: identity.sdsUserId,
      sdsUserId: identity.sdsUserId,
      roleProfileId: identity.roleProfileId,
      familyName: identity.familyName,
      givenName: identity.givenName,
      prefix: identity.prefix,
    },
    product,
  };
}

/**
 * Practice names from the practice itself (GP Connect "find an organisation", organisation scope), remembered for
 * the session. A practice that cannot answer leaves the name unknown rather than failing the trace.
 */
function practiceNames(foundations: Foundations): PracticeNameLookup {
  const known = new Map<string, Promise<string | undefined>>();
  return (odsCode) => {
    let name = known.get(odsCode);
    if (!name) {
      name = foundations
        .findOrganization(odsCode, odsCode)
        .then((orgs) => orgs[0]?.name)
        .catch(() => {
          known.delete(odsCode);
          return undefined;
        });
      known.set(odsCode, name);
    }
    return name;
  };
}

/**
 * Everything that talks to Spine, built once per configuration. Refuses to start with an endpoint certificate that
 * cannot work (expired, wrong key, wrong chain), with a sentence saying what to do.
 */
export async function createLiveServices(
  config: LiveConfig,
  options: {
    product: { name: string; version: string };
    today: () => string;
    /** Already-loaded credentials (the in-process demonstrator's); otherwise read from the configured files. */
    credentials?: TlsCredentials;
    /** Names the trace source in the banner. */
    pdsSource?: string;
    onExchange?: (record: ExchangeRecord) => void;
    /** Every HTTP exchange in full (the interaction explorer's session log); secrets are the sink's to remove. */
    onWire?: WireSink;
    overrides?: Partial<SpineContext>;
    /** Who each JWT names: the session's signed-in clinician (`buildServices`); the configured user otherwise. */
    requester?: () => Requester;
  },
): Promise<LiveServices> {
  const credentials = options.credentials ?? (await loadTlsCredentials(config.tls));
  const blocker = certificateBlocker(reportCertificate(credentials, options.overrides?.now?.() ?? new Date()));
  if (blocker) throw new ConfigError(blocker);
  const agent = createSpineAgent(credentials);
  const ctx = spineContext(options.onWire ? tapDispatcher(agent, options.onWire) : agent, config, options.overrides);
  const sds = new SdsClient(ctx);
  const requester = options.requester ?? (() => configuredRequester(config, options.product));
  const gpc = new GpConnectClient(ctx, sds, requester, options.onExchange);
  const foundations = new Foundations(gpc);
  return {
    ctx,
    sds,
    gpc,
    foundations,
    structured: new StructuredRecord(gpc),
    html: new HtmlRecord(gpc),
    appointments: new Appointments(gpc),
    patients: new LivePatientDirectory(ctx, options.today, options.pdsSource ?? 'PDS', practiceNames(foundations)),
    close: () => agent.close(),
  };
}
