import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import type { AuditInteractionEvent, AuditRecord } from '../../shared/audit/audit-record';
import type { LiveConfig } from '../../shared/config/config-schema';
import type { Interaction } from '../../shared/gpconnect/interactions';
import { INTERACTIONS, INTERACTION_PREFIX } from '../../shared/gpconnect/interactions';
import type { LoggedExchange } from '../explorer/exchange-log';
import { decodeBearerJwt } from '../explorer/redaction';
import { SPINE_CIPHERS } from '../spine/tls-policy';

/** What a check sees after a scenario's steps: the wire exchanges (in full, in main only) and the audit records. */
export interface CheckContext {
  readonly config: LiveConfig;
  readonly exchanges: readonly LoggedExchange[];
  readonly audit: readonly AuditRecord[];
  /** Re-verifies the whole audit chain; the breaks it finds. */
  readonly verifyAuditChain: () => Promise<readonly string[]>;
}

export interface CheckResult {
  readonly pass: boolean;
  readonly reason: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HTML_AUDIENCE = 'https://authorize.fhir.nhs.net/token';

const ok = (reason: string): CheckResult => ({ pass: true, reason });
const fail = (reason: string): CheckResult => ({ pass: false, reason });

function ssp(ctx: CheckContext): LoggedExchange[] {
  return ctx.exchanges.filter((e) => e.kind === 'ssp');
}

/** The structured record requests (a trace also asks the practice for its name: Find an organisation). */
function structuredCalls(ctx: CheckContext): LoggedExchange[] {
  return ssp(ctx).filter((e) => e.interactionId === INTERACTIONS.getStructuredRecord.id);
}

function interactionOf(exchange: LoggedExchange): Interaction | undefined {
  return Object.values(INTERACTIONS).find((i) => i.id === exchange.interactionId);
}

function json(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

interface R4Resource {
  readonly resourceType?: string;
  readonly address?: string;
  readonly identifier?: readonly { system?: string; value?: string }[];
}

function sdsResources(ctx: CheckContext, type: 'Endpoint' | 'Device'): R4Resource[] {
  return ctx.exchanges
    .filter((e) => e.kind === 'sds' && new URL(e.url).pathname.endsWith(`/${type}`))
    .flatMap((e) => {
      const bundle = json(e.responseBody) as { entry?: { resource?: R4Resource }[] } | undefined;
      return (bundle?.entry ?? []).map((x) => x.resource ?? {});
    });
}

/** Service roots SDS gave in this scenario (Endpoint.address). */
function serviceRoots(ctx: CheckContext): string[] {
  return sdsResources(ctx, 'Endpoint')
    .map((r) => r.address)
    .filter((a): a is string => typeof a === 'string');
}

function requireSsp(ctx: CheckContext): LoggedExchange[] | CheckResult {
  const calls = ssp(ctx);
  return calls.length === 0 ? fail('no GP Connect request was captured') : calls;
}

/** Problems with one request's JWT against SPEC §3 (empty when it conforms). */
function jwtProblems(exchange: LoggedExchange, config: LiveConfig): string[] {
  const authorization = exchange.requestHeaders['authorization'] ?? '';
  const jwt = decodeBearerJwt(authorization);
  if (!jwt) return ['no Bearer JWT'];
  const problems: string[] = [];
  const c = jwt.claims;
  const interaction = interactionOf(exchange);
  if (jwt.header['alg'] !== 'none' || jwt.header['typ'] !== 'JWT') problems.push('header is not {alg: none, typ: JWT}');
  if (!authorization.endsWith('.')) problems.push('token does not end with "." (empty signature)');
  if (typeof c.iat !== 'number' || c.exp !== c.iat + 300) problems.push('exp is not iat + 300');
  if (c.iss !== config.consumer.endpointUrl) problems.push(`iss ${String(c.iss)} is not our endpoint URL`);
  if (c['reason_for_request'] !== 'directcare') problems.push('reason_for_request is not directcare');
  const scope = String(c['requested_scope'] ?? '');
  if (interaction && scope.split(' ')[0] !== interaction.scope) {
    problems.push(`requested_scope "${scope}" is not ${interaction.scope}`);
  }
  const practitioner = c['requesting_practitioner'] as { id?: string; resourceType?: string } | undefined;
  if (practitioner?.resourceType !== 'Practitioner') problems.push('requesting_practitioner is not a Practitioner');
  if (c.sub !== practitioner?.id) problems.push('sub does not equal requesting_practitioner.id');
  const device = c['requesting_device'] as { resourceType?: string } | undefined;
  if (device?.resourceType !== 'Device') problems.push('requesting_device is not a Device');
  const org = c['requesting_organization'] as R4Resource | undefined;
  if (org?.resourceType !== 'Organization') problems.push('requesting_organization is not an Organization');
  else if (!org.identifier?.some((i) => i.value === config.consumer.odsCode)) {
    problems.push('requesting_organization does not carry our ODS code');
  }
  if (interaction?.root === 'html') {
    if (c.aud !== HTML_AUDIENCE) problems.push(`0.7.x aud is not ${HTML_AUDIENCE}`);
    const record = c['requested_record'] as R4Resource | undefined;
    const body = exchange.requestBody ?? '';
    const named = record?.identifier?.[0]?.value;
    if (exchange.method === 'POST' && (!named || !body.includes(named))) {
      problems.push('requested_record does not name the patient in the body');
    }
  } else {
    const aud = String(c.aud ?? '');
    if (!aud || !exchange.url.startsWith(`${config.spine.sspBaseUrl.replace(/\/+$/, '')}/${aud}/`)) {
      problems.push(`aud ${aud} is not the service root in the SSP URL`);
    }
  }
  return problems;
}

function eachSsp(ctx: CheckContext, problemsOf: (e: LoggedExchange) => string[], what: string): CheckResult {
  const calls = requireSsp(ctx);
  if (!Array.isArray(calls)) return calls;
  const problems = calls.flatMap((e) => problemsOf(e).map((p) => `${e.id} ${interactionOf(e)?.name ?? ''}: ${p}`));
  return problems.length > 0
    ? fail(problems.slice(0, 4).join('; '))
    : ok(`${calls.length} GP Connect requests: ${what}`);
}

/** Connects to the SSP host with and without our client certificate (SPEC §1.2). */
async function probeTls(config: LiveConfig): Promise<CheckResult> {
  const url = new URL(config.spine.sspBaseUrl);
  const ca = config.tls.trustedCa.map((f) => readFileSync(f, 'utf8'));
  if (!config.tls.clientCertificate || !config.tls.clientKey) return fail('the TLS probe needs PEM credentials');
  const connect = (withCert: boolean) =>
    new Promise<{ protocol: string | null; cipher: string; answered: boolean } | Error>((resolve) => {
      const socket = tls.connect({
        host: url.hostname,
        port: Number(url.port || 443),
        ca,
        servername: url.hostname === '127.0.0.1' ? undefined : url.hostname,
        ciphers: SPINE_CIPHERS,
        minVersion: 'TLSv1.2',
        ...(withCert
          ? {
              cert: readFileSync(config.tls.clientCertificate ?? '', 'utf8'),
              key: readFileSync(config.tls.clientKey ?? '', 'utf8'),
            }
          : {}),
      });
      socket.setTimeout(5000, () => socket.destroy(new Error('timeout')));
      socket.once('secureConnect', () => {
        const info = { protocol: socket.getProtocol(), cipher: socket.getCipher().name };
        // TLS 1.3 reports a missing client certificate after the handshake: ask for something and see.
        socket.write(`GET / HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`);
        socket.once('data', () => {
          socket.destroy();
          resolve({ ...info, answered: true });
        });
        socket.once('error', (err) => resolve(err));
        socket.once('close', () => resolve({ ...info, answered: false }));
      });
      socket.once('error', (err) => resolve(err));
    });
  const withCert = await connect(true);
  if (withCert instanceof Error) return fail(`with our certificate the handshake failed: ${withCert.message}`);
  if (!withCert.protocol || !['TLSv1.2', 'TLSv1.3'].includes(withCert.protocol)) {
    return fail(`negotiated ${String(withCert.protocol)}`);
  }
  const without = await connect(false);
  if (!(without instanceof Error) && without.answered) return fail('a client without a certificate got an answer');
  return ok(
    `with our certificate: ${withCert.protocol} ${withCert.cipher}; without: refused (${
      without instanceof Error ? without.message.slice(0, 80) : 'closed before any answer'
    })`,
  );
}

function interactionAudits(ctx: CheckContext): AuditInteractionEvent[] {
  return ctx.audit.filter((r): r is AuditRecord & AuditInteractionEvent => r.action === 'interaction');
}

export const CHECKS = {
  'pds-request-id': (ctx) => {
    const pds = ctx.exchanges.filter((e) => e.kind === 'pds');
    if (pds.length === 0) return fail('no PDS request was captured');
    const bad = pds.filter(
      (e) =>
        !UUID.test(e.requestHeaders['x-request-id'] ?? '') ||
        e.responseHeaders['x-request-id'] !== e.requestHeaders['x-request-id'],
    );
    return bad.length > 0
      ? fail(`${bad.map((e) => e.id).join(', ')}: X-Request-ID missing, not a UUID or not echoed`)
      : ok(`${pds.length} PDS requests, each with a UUID X-Request-ID that PDS echoed`);
  },
  'no-gp-connect-call': (ctx) => {
    const calls = ssp(ctx);
    return calls.length === 0
      ? ok(`no GP Connect request was sent (${ctx.exchanges.length} PDS/SDS requests)`)
      : fail(`${calls.length} GP Connect requests were sent`);
  },
  'pds-before-gp-connect': (ctx) => {
    const first = ctx.exchanges.find((e) => e.kind === 'pds' || e.kind === 'ssp');
    return first?.kind === 'pds' ? ok('the PDS trace came before any GP Connect request') : fail('no PDS trace first');
  },
  'sds-lookup': (ctx) => {
    const calls = requireSsp(ctx);
    if (!Array.isArray(calls)) return calls;
    const sds = ctx.exchanges.filter((e) => e.kind === 'sds');
    const endpointQueries = sds.filter((e) => /\/Endpoint\?.*organization=.*identifier=/.test(e.url));
    const deviceQueries = sds.filter((e) => /\/Device\?.*organization=.*identifier=/.test(e.url));
    if (endpointQueries.length === 0 || deviceQueries.length === 0) return fail('no SDS Endpoint and Device queries');
    if (sds.some((e) => e.requestHeaders['apikey'] === undefined)) return fail('an SDS request had no apikey');
    const asids = new Set(
      sdsResources(ctx, 'Device').flatMap((d) =>
        (d.identifier ?? []).filter((i) => i.system === 'https://fhir.nhs.uk/Id/nhsSpineASID').map((i) => i.value),
      ),
    );
    const stray = calls.filter((e) => !asids.has(e.requestHeaders['ssp-to']));
    return stray.length > 0
      ? fail(`Ssp-To of ${stray.map((e) => e.id).join(', ')} is not an ASID SDS gave`)
      : ok(`${endpointQueries.length} Endpoint and ${deviceQueries.length} Device queries; Ssp-To is the SDS ASID`);
  },
  'ssp-url': (ctx) => {
    const roots = serviceRoots(ctx);
    const base = ctx.config.spine.sspBaseUrl.replace(/\/+$/, '');
    return eachSsp(
      ctx,
      (e) => (roots.some((root) => e.url.startsWith(`${base}/${root}/`)) ? [] : [`URL is not ${base}/<SDS root>/…`]),
      `each URL is ${base}/<service root as SDS holds it>/<request>`,
    );
  },
  'ssp-headers': (ctx) => {
    const seen = new Set<string>();
    return eachSsp(
      ctx,
      (e) => {
        const h = e.requestHeaders;
        const problems: string[] = [];
        const trace = h['ssp-traceid'] ?? '';
        if (!UUID.test(trace)) problems.push('Ssp-TraceID is not a GUID');
        if (seen.has(trace)) problems.push('Ssp-TraceID reused');
        seen.add(trace);
        if (h['ssp-from'] !== ctx.config.consumer.asid) problems.push('Ssp-From is not our ASID');
        if (!/^\d{12}$/.test(h['ssp-to'] ?? '')) problems.push('Ssp-To is not an ASID');
        if (!interactionOf(e) || !h['ssp-interactionid']?.startsWith(INTERACTION_PREFIX)) {
          problems.push(`Ssp-InteractionID ${h['ssp-interactionid'] ?? '(none)'} is not a known interaction`);
        }
        return problems;
      },
      'fresh GUID trace ids, our ASID, the SDS ASID, exact interaction IDs',
    );
  },
  'jwt-claims': (ctx) =>
    eachSsp(ctx, (e) => jwtProblems(e, ctx.config), 'each JWT unsigned, exp = iat + 300, claims per SPEC §3'),
  'content-types': (ctx) =>
    eachSsp(
      ctx,
      (e) => {
        const dstu2 = interactionOf(e)?.root === 'html';
        const mime = dstu2 ? 'application/json+fhir' : 'application/fhir+json';
        const problems: string[] = [];
        if (e.requestHeaders['accept'] !== mime) problems.push(`Accept is ${e.requestHeaders['accept']}, not ${mime}`);
        if (e.method !== 'GET' && e.requestHeaders['content-type'] !== `${mime};charset=utf-8`) {
          problems.push(`Content-Type is ${e.requestHeaders['content-type']}`);
        }
        if ((e.status ?? 0) < 300 && !(e.responseHeaders['content-type'] ?? '').startsWith(mime)) {
          problems.push(`answered ${e.responseHeaders['content-type']}`);
        }
        return problems;
      },
      'JSON FHIR types asked for, sent and answered',
    ),
  'no-answer-received': (ctx) => {
    if (ctx.exchanges.length === 0) return fail('nothing was attempted');
    const answered = ctx.exchanges.filter((e) => e.status !== undefined);
    return answered.length > 0
      ? fail(`${answered.length} requests got an answer`)
      : ok(`refused before any answer: ${ctx.exchanges[0]?.error ?? ''}`.slice(0, 200));
  },
  'structured-sent-once': (ctx) => {
    const calls = structuredCalls(ctx);
    return calls.length === 1 ? ok('sent once, not retried') : fail(`${calls.length} structured record requests`);
  },
  'structured-retried-once': (ctx) => {
    const calls = structuredCalls(ctx);
    const [a, b] = calls;
    if (calls.length !== 2 || !a || !b) return fail(`${calls.length} GP Connect requests, expected 2`);
    if (a.interactionId !== b.interactionId) return fail('the two requests were different interactions');
    if (a.requestHeaders['ssp-traceid'] === b.requestHeaders['ssp-traceid'])
      return fail('the retry reused the trace id');
    return ok(`retried once after ${a.status ?? 'no answer'}, with a new Ssp-TraceID; then ${b.status ?? 'no answer'}`);
  },
  'empty-searchset': (ctx) => {
    const last = ssp(ctx).at(-1);
    const bundle = json(last?.responseBody) as { type?: string; entry?: unknown[] } | undefined;
    return bundle?.type === 'searchset' && (bundle.entry ?? []).length === 0
      ? ok('an empty searchset Bundle')
      : fail('not an empty searchset');
  },
  'bundle-id-is-trace-id': (ctx) => {
    const structured = ssp(ctx).filter(
      (e) => e.interactionId === INTERACTIONS.getStructuredRecord.id && e.status === 200,
    );
    if (structured.length === 0) return fail('no successful structured record request');
    const bad = structured.filter((e) => {
      const bundle = json(e.responseBody) as { id?: string; type?: string } | undefined;
      return bundle?.type !== 'collection' || bundle.id !== e.requestHeaders['ssp-traceid'];
    });
    return bad.length > 0
      ? fail(`${bad.map((e) => e.id).join(', ')}: not a collection Bundle with id = Ssp-TraceID`)
      : ok('a collection Bundle whose id is the Ssp-TraceID');
  },
  'tls-mutual': (ctx) => probeTls(ctx.config),
  'audit-interactions': (ctx) => {
    const calls = requireSsp(ctx);
    if (!Array.isArray(calls)) return calls;
    const audits = interactionAudits(ctx);
    const problems: string[] = [];
    for (const e of calls) {
      const trace = e.requestHeaders['ssp-traceid'];
      const a = audits.find((r) => r.traceId === trace);
      if (!a) {
        problems.push(`${e.id}: no audit record for trace ${trace ?? ''}`);
        continue;
      }
      if (a.from !== e.requestHeaders['ssp-from'] || a.to !== e.requestHeaders['ssp-to']) {
        problems.push(`${e.id}: audit Ssp-From/To differ`);
      }
      if (a.interactionId !== e.interactionId) problems.push(`${e.id}: audit interaction differs`);
      if (e.status !== undefined && a.httpStatus !== e.status) problems.push(`${e.id}: audit status differs`);
      if ((e.status ?? 500) >= 400 && a.outcome !== 'failure') problems.push(`${e.id}: failure audited as success`);
      if (!a.jwt?.practitionerSdsUserId || !a.jwt.organisationOdsCode || !a.jwt.issuedAt || !a.jwt.requestedScope) {
        problems.push(`${e.id}: audit lacks the JWT who/what/when`);
      }
    }
    return problems.length > 0
      ? fail(problems.slice(0, 4).join('; '))
      : ok(`${calls.length} interactions audited with trace id, Ssp-From/To, status and JWT items`);
  },
  'audit-actions': (ctx) => {
    const actions = ctx.audit.filter((r) => r.action !== 'interaction');
    const kinds = new Set(actions.map((r) => r.action));
    const missingUser = actions.filter((r) => !r.user?.sdsUserId);
    if (actions.length === 0) return fail('no user action was audited');
    if (missingUser.length > 0) return fail(`${missingUser.length} action records name no user`);
    return ok(`${actions.length} user actions audited (${[...kinds].join(', ')}), each naming the user`);
  },
  'audit-chain': async (ctx) => {
    const breaks = await ctx.verifyAuditChain();
    return breaks.length === 0 ? ok('the audit hash chain verifies end to end') : fail(`chain breaks: ${breaks[0]}`);
  },
} satisfies Record<string, (ctx: CheckContext) => CheckResult | Promise<CheckResult>>;

export type CheckName = keyof typeof CHECKS;
