import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { gunzipSync } from 'node:zlib';
import { UnsecuredJWT, base64url } from 'jose';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { WORKSTATION_CONSUMER, practiceByOds } from '../../../main/demonstrator/data/practices';
import { INTERACTION_PREFIX, interactionById } from '../../../main/demonstrator/interactions';

/** Real HTTPS calls to the demonstrator with the run's client certificate, and valid GP Connect requests to bend. */
export interface Response {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
  readonly raw: Buffer;
}

export interface CallOptions {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
  /** Client identity: the run's consumer certificate (default), none, or another PEM pair. */
  readonly clientCert?: 'consumer' | 'none' | { readonly cert: string; readonly key: string };
  readonly tls?: Pick<https.RequestOptions, 'minVersion' | 'maxVersion' | 'ciphers' | 'servername'>;
  /** Decompress instead of reading plain JSON. */
  readonly gunzip?: boolean;
}

export function call(demo: Demonstrator, url: string, options: CallOptions = {}): Promise<Response> {
  const target = url.startsWith('https://') ? url : `${demo.baseUrl}${url}`;
  const identity =
    options.clientCert === 'none'
      ? {}
      : options.clientCert === undefined || options.clientCert === 'consumer'
        ? { cert: demo.pki.client.certificate, key: demo.pki.client.privateKey }
        : options.clientCert;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.headers ?? {})) if (v !== undefined) headers[k] = v;
  return new Promise((resolve, reject) => {
    const parsed = new URL(target);
    const req = https.request(
      {
        hostname: parsed.hostname,
        port: parsed.port,
        // The request line carries the proxied URL verbatim: SSP paths contain "https://".
        path: target.slice(parsed.origin.length),
        method: options.method ?? 'GET',
        headers,
        ca: demo.pki.ca.certificate,
        agent: false,
        ...identity,
        ...options.tls,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
          let body: Record<string, unknown> = {};
          try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            body = { text };
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, raw });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The Spine error code of an OperationOutcome (GP Connect, SSP or R4 shape). */
export function errorCode(body: Record<string, unknown>): string | undefined {
  const issue = (body['issue'] as { details?: { coding?: { code?: string; display?: string }[] } }[] | undefined)?.[0];
  const coding = issue?.details?.coding?.[0];
  // SSP puts the HTTP status in code and the reason in display.
  return coding?.code !== undefined && /^\d{3}$/.test(coding.code) ? coding.display : coding?.code;
}

export const CONSUMER_ISS = 'https://gpc-workstation.demonstrator.invalid';
export const PRACTITIONER_ID = '5f0c1e7a-2b1d-4c55-9a57-0c2f6d1e9b10';

export function jwtClaims(aud: string, scope: string, nowSeconds = Math.floor(Date.now() / 1000)) {
  return {
    iss: CONSUMER_ISS,
    sub: PRACTITIONER_ID,
    aud,
    iat: nowSeconds,
    exp: nowSeconds + 300,
    reason_for_request: 'directcare',
    requested_scope: scope,
    requesting_device: {
      resourceType: 'Device',
      identifier: [{ system: 'https://gpc-workstation.demonstrator.invalid/Id/device', value: 'WS-0001' }],
      model: 'GP Connect Workstation',
      version: '0.1.0',
    },
    requesting_organization: {
      resourceType: 'Organization',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: WORKSTATION_CONSUMER.odsCode }],
      name: WORKSTATION_CONSUMER.name,
    },
    requesting_practitioner: {
      resourceType: 'Practitioner',
      id: PRACTITIONER_ID,
      identifier: [
        { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: '555021935107' },
        { system: 'https://fhir.nhs.uk/Id/sds-role-profile-id', value: '555021936108' },
        { system: 'https://gpc-workstation.demonstrator.invalid/Id/user', value: PRACTITIONER_ID },
      ],
      name: [{ family: 'Jones', given: ['Claire'], prefix: ['Dr'] }],
    },
  };
}

const GPC_JWT_HEADER = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));

/**
 * An unsigned JWT from jose's UnsecuredJWT. jose writes the header as {"alg":"none"} without the `typ` GP Connect
 * requires, so the header segment is replaced by the spec's {"alg":"none","typ":"JWT"} (still jose's base64url).
 */
export function encodeJwt(claims: Record<string, unknown>, header: string = GPC_JWT_HEADER): string {
  const token = new UnsecuredJWT(claims).encode();
  return `${header}.${token.split('.')[1] ?? ''}.`;
}

export function encodeHeader(header: Record<string, unknown>): string {
  return base64url.encode(JSON.stringify(header));
}

export interface GpcRequestOptions {
  readonly ods?: string;
  /** Interaction ID suffix after `urn:nhs:names:services:gpconnect:`. */
  readonly interaction: string;
  /** The FHIR request after the service root, e.g. `/metadata`. */
  readonly request: string;
  /** Claims to overwrite (undefined deletes) in an otherwise valid JWT. */
  readonly claims?: Readonly<Record<string, unknown>>;
  readonly jwt?: string;
  /** Headers to overwrite (undefined deletes). */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly via?: 'ssp' | 'direct';
  readonly method?: string;
  readonly body?: string;
}

/** A valid Foundations/Structured request through SSP (or straight to the provider), with parts to bend. */
export function gpcRequest(demo: Demonstrator, options: GpcRequestOptions): { url: string; call: CallOptions } {
  const ods = options.ods ?? 'A20047';
  const interactionId = `${INTERACTION_PREFIX}${options.interaction}`;
  const kind = interactionById(interactionId)?.root ?? 'foundations';
  const root = demo.serviceRoot(ods, kind);
  const scope = interactionById(interactionId)?.scope ?? 'organization/*.read';
  const claims: Record<string, unknown> = { ...jwtClaims(root, scope) };
  for (const [k, v] of Object.entries(options.claims ?? {})) {
    if (v === undefined) delete claims[k];
    else claims[k] = v;
  }
  const headers: Record<string, string | undefined> = {
    'Ssp-TraceID': randomUUID(),
    'Ssp-From': WORKSTATION_CONSUMER.asid,
    'Ssp-To': practiceByOds(ods)?.asid ?? '',
    'Ssp-InteractionID': interactionId,
    Authorization: `Bearer ${options.jwt ?? encodeJwt(claims)}`,
    Accept: 'application/fhir+json',
    ...options.headers,
  };
  const url = options.via === 'direct' ? `${root}${options.request}` : `${demo.sspBaseUrl}/${root}${options.request}`;
  const callOptions: CallOptions = { headers, method: options.method ?? 'GET' };
  return { url, call: options.body === undefined ? callOptions : { ...callOptions, body: options.body } };
}

export function send(demo: Demonstrator, options: GpcRequestOptions): Promise<Response> {
  const { url, call: callOptions } = gpcRequest(demo, options);
  return call(demo, url, callOptions);
}
