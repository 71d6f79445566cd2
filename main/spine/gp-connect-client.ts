import { FHIR_XML_MIME, FhirXmlError, fhirJsonToXml, fhirXmlToJson } from '../../shared/fhir/xml';
import type { Interaction } from '../../shared/gpconnect/interactions';
import { interpretFailedResponse, transportFailure } from '../../shared/gpconnect/spine-failure';
import type { ProviderEndpoint, SdsClient } from '../directory/sds-client';
import type { Requester } from './gpc-jwt';
import { buildGpcJwt } from './gpc-jwt';
import { buildHtmlJwt } from './html-jwt';
import type { SpineContext } from './spine-context';
import { joinUrl } from './spine-context';
import { SpineError } from './spine-error';
import type { SpineHttpResponse } from './spine-http';
import { spineHttp } from './spine-http';

export const FHIR_JSON = 'application/fhir+json';
/** Access Record HTML 0.7.x is DSTU2, with the older MIME type (SPEC §2). */
export const DSTU2_JSON = 'application/json+fhir';

export interface GpcRequest {
  readonly interaction: Interaction;
  readonly odsCode: string;
  readonly method: 'GET' | 'POST' | 'PUT';
  /** The FHIR request relative to the service root, query values already percent-encoded: `Patient?identifier=…`. */
  readonly path: string;
  readonly body?: unknown;
  /** `If-Match`, `Prefer`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** 0.7.x only: the NHS number the JWT's `requested_record` names (must equal the body's). */
  readonly recordNhsNumber?: string;
  /** Send the body chunked (no Content-Length), as the GP Connect consumer tests do. */
  readonly chunked?: boolean;
}

export interface GpcResponse {
  readonly status: number;
  readonly json: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly traceId: string;
  readonly provider: ProviderEndpoint;
}

/** One record per exchange with a provider, successful or not, for the audit trail (no clinical content). */
export interface ExchangeRecord {
  readonly interactionId: string;
  readonly traceId: string;
  readonly from: string;
  readonly to: string;
  readonly odsCode: string;
  readonly httpStatus?: number;
  readonly errorCode?: string;
  readonly at: string;
  /** The bearer token sent (GP Connect JWTs are unsigned: claims only, no secret); the audit decodes who/what/when. */
  readonly jwt: string;
}

const XML_RESPONSE_TYPES = new Set([FHIR_XML_MIME, 'application/xml', 'text/xml']);

/**
 * The body as JSON whatever format it came in: an STU3 XML answer (asked for, or sent regardless of our Accept) goes
 * through the shared codec, so callers always see the same objects. DSTU2 XML is not decoded (STU3 codec only).
 */
function decodeBody(response: SpineHttpResponse, dstu2: boolean, traceId: string): unknown {
  const type = (response.headers['content-type']?.split(';')[0] ?? '').trim().toLowerCase();
  if (dstu2 || !XML_RESPONSE_TYPES.has(type)) return response.json;
  try {
    return fhirXmlToJson(response.text);
  } catch (err) {
    if (!(err instanceof FhirXmlError)) throw err;
    throw new SpineError(
      transportFailure(
        'INVALID_RESPONSE',
        `HTTP ${response.status}: the FHIR XML answer cannot be read: ${err.message}`,
        traceId,
      ),
    );
  }
}

/**
 * Calls a GP Connect provider through the Spine Secure Proxy (SPEC §1.1, §2): SDS for the root and ASID, the SSP URL
 * `sspBase/serviceRoot/request` with the root exactly as SDS holds it, fresh `Ssp-TraceID`, the Spine headers and a
 * new JWT per request. HTTP errors become SpineError with the provider's code. Reads are retried once (new trace id)
 * on a transport failure or 502; writes never are. JSON by default; STU3 FHIR XML for the practices listed in
 * `gpconnect.xmlPractices` (SPEC §2: XML is optional for providers, so only where a practice is known to serve it).
 */
export class GpConnectClient {
  constructor(
    private readonly ctx: SpineContext,
    private readonly sds: SdsClient,
    private readonly requester: () => Requester,
    private readonly onExchange: (record: ExchangeRecord) => void = () => undefined,
  ) {}

  async call(req: GpcRequest): Promise<GpcResponse> {
    const provider = await this.sds.resolve(req.odsCode, req.interaction.id);
    try {
      return await this.once(req, provider);
    } catch (err) {
      if (req.interaction.read && err instanceof SpineError && err.failure.retryable) return this.once(req, provider);
      throw err;
    }
  }

  private async once(req: GpcRequest, provider: ProviderEndpoint): Promise<GpcResponse> {
    const traceId = this.ctx.newId();
    const { consumer, spine } = this.ctx.config;
    const now = this.ctx.now();
    const dstu2 = req.interaction.root === 'html';
    const xml = !dstu2 && (this.ctx.config.gpconnect?.xmlPractices ?? []).includes(req.odsCode);
    const mime = dstu2 ? DSTU2_JSON : xml ? FHIR_XML_MIME : FHIR_JSON;
    const jwt = dstu2
      ? buildHtmlJwt(
          this.requester(),
          req.recordNhsNumber ? { now, nhsNumber: req.recordNhsNumber } : { now, odsCode: req.odsCode },
        )
      : buildGpcJwt(this.requester(), { audience: provider.serviceRoot, scope: req.interaction.scope, now });
    const record = (fields: Partial<ExchangeRecord>) =>
      this.onExchange({
        interactionId: req.interaction.id,
        traceId,
        from: consumer.asid,
        to: provider.asid,
        odsCode: req.odsCode,
        at: this.ctx.now().toISOString(),
        jwt,
        ...fields,
      });
    const headers: Record<string, string> = {
      'ssp-traceid': traceId,
      'ssp-from': consumer.asid,
      'ssp-to': provider.asid,
      'ssp-interactionid': req.interaction.id,
      authorization: `Bearer ${jwt}`,
      accept: mime,
      ...(req.body === undefined ? {} : { 'content-type': `${mime};charset=utf-8` }),
      ...req.headers,
    };
    // Encoded before anything is sent: a body the codec refuses (FhirXmlError) never leaves the machine.
    const body = req.body === undefined ? undefined : xml ? fhirJsonToXml(req.body) : JSON.stringify(req.body);
    let response: SpineHttpResponse;
    try {
      response = await spineHttp(this.ctx.agent, {
        method: req.method,
        url: joinUrl(joinUrl(spine.sspBaseUrl, provider.serviceRoot), req.path),
        headers,
        ...(body === undefined ? {} : { body }),
        ...(req.chunked ? { chunked: true } : {}),
        timeoutMs: this.ctx.timeoutMs,
        traceId,
      });
    } catch (err) {
      record({ errorCode: err instanceof SpineError ? err.failure.code : 'CONNECTION_FAILED' });
      throw err;
    }
    let json: unknown;
    try {
      json = decodeBody(response, dstu2, traceId);
    } catch (err) {
      record({
        httpStatus: response.status,
        errorCode: err instanceof SpineError ? err.failure.code : 'INVALID_RESPONSE',
      });
      throw err;
    }
    if (response.status >= 400) {
      const failure = interpretFailedResponse({ httpStatus: response.status, body: json, traceId });
      record({ httpStatus: response.status, errorCode: failure.code });
      throw new SpineError(failure);
    }
    record({ httpStatus: response.status });
    return { status: response.status, json, headers: response.headers, traceId, provider };
  }
}
