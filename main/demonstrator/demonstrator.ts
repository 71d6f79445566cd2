import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { APP_VERSION } from '../app-identity';
import type { RootKind } from './interactions';
import { FHIR_JSON_STU3, inFormat, renderReply, sendReply } from './http-reply';
import type { Reply } from './http-reply';
import { gpcError, r4Error } from './operation-outcome';
import { callProvider, formatRequestOf } from './provider/provider';
import { ProviderState } from './provider/provider-state';
import { RequestLog, redactBody, redactHeaders } from './request-log';
import type { RequestLogEntry } from './request-log';
import { callPds } from './spine/pds-api';
import { callSds } from './spine/sds-api';
import type { SdsRegistry } from './spine/sds-registry';
import { buildSdsRegistry } from './spine/sds-registry';
import { matchServiceRoot, routeThroughSsp } from './spine/ssp-front';
import type { ThrowawayPki } from './tls/throwaway-pki';
import { createThrowawayPki, issueServerCertificate } from './tls/throwaway-pki';
import type { PemPair } from './tls/throwaway-pki';
import { startAdminServer } from './admin-server';
import { afterProvider, beforeProvider } from './fault-injection';
import type { ActiveScenario } from './scenarios';
import { ScenarioControl } from './scenarios';
import { setTimeout as delay } from 'node:timers/promises';
import { spineServerTlsOptions } from './tls/spine-tls';
import { bodyAsJson, errorFormat, jsonBytesOf } from './validation/content-negotiation';

/**
 * The offline demonstrator: one HTTPS server on loopback with mutual TLS that plays Spine's SSP, PDS and SDS and
 * the GP practices behind them. Started in-process by tests and the demo app, or by `npm run demonstrator`.
 *
 *   https://127.0.0.1:PORT/<service root>/<fhir request>      SSP (service root as SDS holds it)
 *   https://127.0.0.1:PORT/<ODS>/STU3/1/gpconnect[/structured] the providers themselves (what SSP forwards to)
 *   https://127.0.0.1:PORT/personal-demographics/FHIR/R4       PDS
 *   https://127.0.0.1:PORT/spine-directory/FHIR/R4             SDS
 *
 * Every path, PDS and SDS included, needs a client certificate from the run's CA: stricter than the real PDS/SDS
 * (which use API keys and OAuth over ordinary TLS), so one agent configuration reaches everything.
 */
export const PDS_PATH = '/personal-demographics/FHIR/R4';
export const SDS_PATH = '/spine-directory/FHIR/R4';
export const CONSUMER_CERTIFICATE_CN = 'gpc-workstation.demonstrator.invalid';
const MAX_BODY_BYTES = 16 * 1024 * 1024;
export const DEFAULT_SEED = 20260401;

export interface DemonstratorOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** The provider's clock, for JWT expiry checks. */
  readonly now?: () => Date;
  readonly sdsApiKey?: string;
  /** Seed of the generated data (rich and large records, appointment books): same seed, same data. */
  readonly seed?: number;
  /** Scenarios in force from the start (`--scenario`). */
  readonly scenarios?: readonly ActiveScenario[];
  /** Port of the admin endpoint (0, the default, picks a free one). */
  readonly adminPort?: number;
  /** The admin bearer token (default: random per run); set by tests that drive the app's built-in demonstrator. */
  readonly adminToken?: string;
}

export interface Demonstrator {
  readonly port: number;
  readonly baseUrl: string;
  readonly sspBaseUrl: string;
  readonly pdsBaseUrl: string;
  readonly sdsBaseUrl: string;
  readonly sdsApiKey: string;
  readonly pki: ThrowawayPki;
  readonly registry: SdsRegistry;
  readonly requestLog: RequestLog;
  /** Appointment books and registrations of this run (tests inspect and bend them). */
  readonly state: ProviderState;
  readonly scenarios: ScenarioControl;
  /** The admin endpoint (plain HTTP on loopback) and its bearer token. */
  readonly admin: { readonly url: string; readonly token: string };
  /** The service root SDS holds for a practice: the Foundations/Appointments root or the Structured one. */
  serviceRoot(odsCode: string, kind?: RootKind): string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON and STU3 XML bodies are logged the same way: as redacted JSON. */
function loggableBody(body: Buffer, contentType: string | string[] | undefined): unknown {
  if (body.length === 0) return undefined;
  const json = bodyAsJson(contentType, body);
  return json === undefined ? `[${body.length} bytes, not readable JSON or FHIR XML]` : redactBody(json);
}

interface RouteResult {
  readonly reply: Reply;
  readonly service: RequestLogEntry['service'];
  readonly serviceRoot?: string;
  readonly interactionId?: string;
  /** The practice a provider call went to (scenarios apply per practice). */
  readonly odsCode?: string;
  /** The timeout scenario: send nothing. */
  readonly hang?: boolean;
}

function splitPathQuery(url: string): { path: string; query: string } {
  const q = url.indexOf('?');
  return q < 0 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

export async function startDemonstrator(options: DemonstratorOptions = {}): Promise<Demonstrator> {
  const now = options.now ?? (() => new Date());
  const sdsApiKey = options.sdsApiKey ?? randomBytes(16).toString('hex');
  // Certificates follow the wall clock, not the provider's: TLS peers check them against their own clocks.
  const pki = createThrowawayPki({ clientCommonName: CONSUMER_CERTIFICATE_CN, now: new Date() });
  const requestLog = new RequestLog();
  const seed = options.seed ?? DEFAULT_SEED;
  const providerState = new ProviderState(seed, now());
  // The TLS scenarios swap the server's certificate on the live server: new handshakes see the new one.
  const badIdentities: { expired?: PemPair; foreign?: PemPair } = {};
  const scenarios = new ScenarioControl((tls) => {
    let identity = pki.server;
    if (tls === 'expired-certificate') {
      const day = 24 * 60 * 60 * 1000;
      badIdentities.expired ??= issueServerCertificate(
        pki.ca,
        new Date(Date.now() - 30 * day),
        new Date(Date.now() - day),
      );
      identity = badIdentities.expired;
    } else if (tls === 'wrong-ca') {
      badIdentities.foreign ??= createThrowawayPki({ clientCommonName: CONSUMER_CERTIFICATE_CN }).server;
      identity = badIdentities.foreign;
    }
    server.setSecureContext(tlsFor(identity));
  });
  let baseUrl = '';
  // Filled in once the port is known: the service roots SDS hands out contain it.
  const state: { registry?: SdsRegistry } = {};

  function route(req: IncomingMessage, url: string, sds: SdsRegistry, body: Buffer): RouteResult {
    const method = req.method ?? 'GET';
    const nowSeconds = Math.floor(now().getTime() / 1000);
    const provider = (
      service: 'ssp' | 'provider',
      r: {
        practice: SdsRegistry['roots'][number]['practice'];
        rootKind: RootKind;
        serviceRoot: string;
        path: string;
        query: string;
      },
    ): RouteResult => {
      const facts = {
        odsCode: r.practice.odsCode,
        via: service,
        serviceRoot: r.serviceRoot,
        interactionId:
          typeof req.headers['ssp-interactionid'] === 'string' ? req.headers['ssp-interactionid'] : undefined,
        from: typeof req.headers['ssp-from'] === 'string' ? req.headers['ssp-from'] : '',
        to: typeof req.headers['ssp-to'] === 'string' ? req.headers['ssp-to'] : '',
        path: r.path,
        // The scenarios read bodies as JSON (slot taken between search and book): give them an XML body's JSON form.
        body: jsonBytesOf(req.headers['content-type'], body),
        state: providerState,
      };
      const injected = beforeProvider(scenarios, facts);
      if (injected?.kind === 'hang') {
        const e = gpcError('INTERNAL_SERVER_ERROR', 'no answer (timeout scenario)');
        return {
          reply: { status: 0, body: e.body, contentType: FHIR_JSON_STU3, errorCode: 'TIMEOUT' },
          service,
          serviceRoot: r.serviceRoot,
          odsCode: r.practice.odsCode,
          hang: true,
        };
      }
      if (injected?.kind === 'reply') {
        // Injected faults stand in for the practice: they answer in the format it would have.
        const format = errorFormat(formatRequestOf(r.query, req.headers), r.rootKind === 'html' ? 'dstu2' : 'stu3');
        const reply = inFormat(injected.reply, format);
        return { reply, service, serviceRoot: r.serviceRoot, odsCode: r.practice.odsCode };
      }
      const reply = callProvider({
        practice: r.practice,
        rootKind: r.rootKind,
        serviceRoot: r.serviceRoot,
        method,
        path: r.path,
        query: r.query,
        headers: req.headers,
        nowSeconds,
        softwareVersion: APP_VERSION,
        body,
        seed,
        state: providerState,
      });
      const routed = { reply, service, serviceRoot: r.serviceRoot, odsCode: r.practice.odsCode };
      return reply.interactionId === undefined ? routed : { ...routed, interactionId: reply.interactionId };
    };

    if (url.startsWith('/https://') || url.startsWith('/http://')) {
      const routed = routeThroughSsp(method, url.slice(1), req.headers, sds);
      if (!routed.ok) return { reply: routed.reply, service: 'ssp' };
      return provider('ssp', routed.route);
    }
    if (url === PDS_PATH || url.startsWith(`${PDS_PATH}/`)) {
      const { path, query } = splitPathQuery(url.slice(PDS_PATH.length));
      return {
        reply: callPds({ method, path, query, headers: req.headers, baseUrl: `${baseUrl}${PDS_PATH}` }),
        service: 'pds',
      };
    }
    if (url === SDS_PATH || url.startsWith(`${SDS_PATH}/`)) {
      const { path, query } = splitPathQuery(url.slice(SDS_PATH.length));
      const reply = callSds(
        { method, path, query, headers: req.headers, apiKey: sdsApiKey, baseUrl: `${baseUrl}${SDS_PATH}` },
        sds,
      );
      return { reply, service: 'sds' };
    }
    const direct = matchServiceRoot(`${baseUrl}${url}`, sds);
    if (direct) {
      return provider('provider', {
        practice: direct.root.practice,
        rootKind: direct.root.kind,
        serviceRoot: direct.root.root,
        path: direct.path,
        query: direct.query,
      });
    }
    const e = r4Error(404, 'not-found', 'NOT_FOUND', 'nothing is served at this path; see main/demonstrator/README.md');
    return {
      reply: { status: e.status, body: e.body, contentType: FHIR_JSON_STU3, errorCode: e.code },
      service: 'unknown',
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const body = await readBody(req);
    let result: ReturnType<typeof route>;
    if (!state.registry) {
      const e = gpcError('INTERNAL_SERVER_ERROR', 'the demonstrator is still starting');
      result = {
        reply: { status: 503, body: e.body, contentType: FHIR_JSON_STU3, errorCode: e.code },
        service: 'unknown',
      };
    } else if (body === 'too-large') {
      const e = gpcError('BAD_REQUEST', `request bodies are limited to ${MAX_BODY_BYTES} bytes`);
      result = {
        reply: { status: 413, body: e.body, contentType: FHIR_JSON_STU3, errorCode: e.code },
        service: 'unknown',
      };
    } else {
      result = route(req, url, state.registry, body);
    }
    // Serialised before logging: a reply that cannot be written as XML is logged as the 500 actually sent.
    const rendered = renderReply(result.reply);
    const { reply } = rendered;
    const logged: Omit<RequestLogEntry, 'seq'> = {
      time: now().toISOString(),
      service: result.service,
      method: req.method ?? '',
      url,
      headers: redactHeaders(req.headers),
      status: reply.status,
      ...(body !== 'too-large' && body.length > 0 ? { body: loggableBody(body, req.headers['content-type']) } : {}),
      ...(result.serviceRoot === undefined ? {} : { serviceRoot: result.serviceRoot }),
      ...(result.interactionId === undefined ? {} : { interactionId: result.interactionId }),
      ...(reply.errorCode === undefined ? {} : { errorCode: reply.errorCode }),
    };
    if (result.hang) {
      // The timeout scenario: say nothing; the client's own timeout (or close()) ends the connection.
      requestLog.add(logged);
      return;
    }
    const after =
      result.odsCode === undefined
        ? { delayMs: 0, drop: false }
        : afterProvider(scenarios, {
            odsCode: result.odsCode,
            interactionId: result.interactionId,
            status: reply.status,
          });
    if (after.drop) {
      requestLog.add({ ...logged, errorCode: 'CONNECTION_DROPPED' });
      res.socket?.destroy();
      return;
    }
    requestLog.add(logged);
    if (after.delayMs > 0) await delay(after.delayMs);
    if (!res.destroyed) sendReply(res, rendered, req.headers);
  }

  const tlsFor = (identity: PemPair) =>
    spineServerTlsOptions({
      caCertificate: pki.ca.certificate,
      serverCertificate: identity.certificate,
      serverKey: identity.privateKey,
    });
  const server = createServer(tlsFor(pki.server), (req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('demonstrator: request failed', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });
  // Handshake failures (no client certificate, wrong CA) are the point of mutual TLS, not errors worth a stack trace.
  server.on('tlsClientError', () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `https://127.0.0.1:${port}`;
  const sds = buildSdsRegistry(baseUrl);
  state.registry = sds;
  for (const scenario of options.scenarios ?? []) scenarios.activate(scenario);
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  const admin = await startAdminServer(scenarios, adminToken, options.adminPort ?? 0, {
    state: providerState,
    requestLog,
  });

  return {
    port,
    baseUrl,
    sspBaseUrl: baseUrl,
    pdsBaseUrl: `${baseUrl}${PDS_PATH}`,
    sdsBaseUrl: `${baseUrl}${SDS_PATH}`,
    sdsApiKey,
    pki,
    registry: sds,
    requestLog,
    state: providerState,
    scenarios,
    admin: { url: admin.url, token: adminToken },
    serviceRoot(odsCode, kind = 'foundations') {
      const found = sds.roots.find((r) => r.practice.odsCode === odsCode && r.kind === kind);
      if (!found) throw new Error(`no practice ${odsCode} in the demonstrator`);
      return found.root;
    },
    close: async () => {
      await admin.close();
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets (and calls held by the timeout scenario) would hold close() open.
        server.closeAllConnections();
      });
    },
  };
}
