import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { APP_VERSION } from '../app-identity';
import type { RootKind } from './interactions';
import { FHIR_JSON_STU3, sendReply } from './http-reply';
import type { Reply } from './http-reply';
import { gpcError, r4Error } from './operation-outcome';
import { callProvider } from './provider/provider';
import { ProviderState } from './provider/provider-state';
import { RequestLog, redactBody, redactHeaders } from './request-log';
import type { RequestLogEntry } from './request-log';
import { callPds } from './spine/pds-api';
import { callSds } from './spine/sds-api';
import type { SdsRegistry } from './spine/sds-registry';
import { buildSdsRegistry } from './spine/sds-registry';
import { matchServiceRoot, routeThroughSsp } from './spine/ssp-front';
import type { ThrowawayPki } from './tls/throwaway-pki';
import { createThrowawayPki } from './tls/throwaway-pki';
import { spineServerTlsOptions } from './tls/spine-tls';

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

function loggableBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return redactBody(JSON.parse(body.toString('utf8')));
  } catch {
    return `[${body.length} bytes, not JSON]`;
  }
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
  let baseUrl = '';
  // Filled in once the port is known: the service roots SDS hands out contain it.
  const state: { registry?: SdsRegistry } = {};

  function route(
    req: IncomingMessage,
    url: string,
    sds: SdsRegistry,
    body: Buffer,
  ): { reply: Reply; service: RequestLogEntry['service']; serviceRoot?: string; interactionId?: string } {
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
    ) => {
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
      return reply.interactionId === undefined
        ? { reply, service, serviceRoot: r.serviceRoot }
        : { reply, service, serviceRoot: r.serviceRoot, interactionId: reply.interactionId };
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
    const { reply } = result;
    const logged: Omit<RequestLogEntry, 'seq'> = {
      time: now().toISOString(),
      service: result.service,
      method: req.method ?? '',
      url,
      headers: redactHeaders(req.headers),
      status: reply.status,
      ...(body !== 'too-large' && loggableBody(body) !== undefined ? { body: loggableBody(body) } : {}),
      ...(result.serviceRoot === undefined ? {} : { serviceRoot: result.serviceRoot }),
      ...(result.interactionId === undefined ? {} : { interactionId: result.interactionId }),
      ...(reply.errorCode === undefined ? {} : { errorCode: reply.errorCode }),
    };
    requestLog.add(logged);
    sendReply(res, reply, req.headers);
  }

  const server = createServer(
    spineServerTlsOptions({
      caCertificate: pki.ca.certificate,
      serverCertificate: pki.server.certificate,
      serverKey: pki.server.privateKey,
    }),
    (req, res) => {
      handle(req, res).catch((err: unknown) => {
        console.error('demonstrator: request failed', err);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end();
      });
    },
  );
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
    serviceRoot(odsCode, kind = 'foundations') {
      const found = sds.roots.find((r) => r.practice.odsCode === odsCode && r.kind === kind);
      if (!found) throw new Error(`no practice ${odsCode} in the demonstrator`);
      return found.root;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}
