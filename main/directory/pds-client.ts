import { interpretFailedResponse } from '../../shared/gpconnect/spine-failure';
import type { SpineFailure } from '../../shared/gpconnect/spine-failure';
import { messageFor } from '../../shared/gpconnect/spine-failure';
import type { SpineContext } from '../spine/spine-context';
import { joinUrl } from '../spine/spine-context';
import { SpineError } from '../spine/spine-error';
import { spineHttp } from '../spine/spine-http';

export interface PdsRead {
  /** The PDS Patient resource as returned (R4). */
  readonly resource: unknown;
  /** Set when PDS answered with a different record: the number asked for was superseded by `resource.id`. */
  readonly supersededFrom?: string;
  readonly requestId: string;
}

function pdsFailure(code: string, httpStatus: number, requestId: string, detail?: string): SpineFailure {
  return {
    code,
    httpStatus,
    traceId: requestId,
    message: messageFor(code, httpStatus),
    retryable: false,
    ...(detail ? { detail } : {}),
  };
}

/**
 * PDS FHIR R4 read (SPEC §10.1): `GET /Patient/{nhsNumber}` with a fresh `X-Request-ID` that PDS must echo.
 * Null when PDS has no such patient. Superseded numbers come back under the current id and are reported as such.
 */
export async function readPdsPatient(ctx: SpineContext, nhsNumber: string): Promise<PdsRead | null> {
  const requestId = ctx.newId();
  const response = await spineHttp(ctx.agent, {
    method: 'GET',
    url: joinUrl(ctx.config.spine.pdsBaseUrl, `Patient/${encodeURIComponent(nhsNumber)}`),
    headers: {
      accept: 'application/fhir+json',
      'x-request-id': requestId,
      'nhsd-end-user-organisation-ods': ctx.config.consumer.odsCode,
      'nhsd-session-urid': ctx.config.identity.roleProfileId,
    },
    timeoutMs: ctx.timeoutMs,
    traceId: requestId,
  });
  if (response.status === 404) {
    const failure = interpretFailedResponse({ httpStatus: 404, body: response.json, traceId: requestId });
    if (failure.code === 'INVALIDATED_RESOURCE') throw new SpineError(pdsFailure('PDS_INVALIDATED', 404, requestId));
    return null;
  }
  if (response.status === 429) throw new SpineError(pdsFailure('PDS_TOO_MANY_REQUESTS', 429, requestId));
  if (response.status >= 400) {
    throw new SpineError(
      interpretFailedResponse({ httpStatus: response.status, body: response.json, traceId: requestId }),
    );
  }
  if (response.headers['x-request-id'] !== requestId) {
    throw new SpineError(
      pdsFailure(
        'INVALID_RESPONSE',
        response.status,
        requestId,
        'PDS did not echo X-Request-ID: the answer may not be for this request',
      ),
    );
  }
  const id = (response.json as { id?: unknown } | null)?.id;
  if (typeof id !== 'string')
    throw new SpineError(pdsFailure('INVALID_RESPONSE', response.status, requestId, 'PDS returned no Patient'));
  return { resource: response.json, requestId, ...(id !== nhsNumber ? { supersededFrom: nhsNumber } : {}) };
}

export interface PdsSearchHit {
  readonly resource: unknown;
  /** PDS's `search.score`, 0–1 (1 when it gives none). */
  readonly score: number;
}

/** PDS's answer to a search: the hits, or that more people match than it will list (`TOO_MANY_MATCHES`). */
export type PdsSearch =
  { readonly kind: 'hits'; readonly hits: readonly PdsSearchHit[] } | { readonly kind: 'too-many' };

function isTooManyMatches(body: unknown): boolean {
  const issues = (body as { resourceType?: unknown; issue?: unknown } | null)?.issue;
  return (
    (body as { resourceType?: unknown } | null)?.resourceType === 'OperationOutcome' &&
    Array.isArray(issues) &&
    JSON.stringify(issues).includes('TOO_MANY_MATCHES')
  );
}

/**
 * PDS FHIR R4 search (SPEC §10.1): `GET /Patient?family=…&birthdate=eq…` with the fields given, fuzzy matching (so
 * a misspelt name still finds the person) and at most `maxResults`. Results are scored; the caller sorts.
 */
export async function searchPdsPatients(
  ctx: SpineContext,
  query: {
    readonly family: string;
    readonly given?: string;
    readonly gender?: string;
    readonly birthDate: string;
    readonly postcode?: string;
  },
  maxResults: number,
): Promise<PdsSearch> {
  const requestId = ctx.newId();
  const params = new URLSearchParams({ family: query.family, birthdate: `eq${query.birthDate}` });
  if (query.given) params.append('given', query.given);
  if (query.gender) params.set('gender', query.gender);
  if (query.postcode) params.set('address-postalcode', query.postcode);
  params.set('_fuzzy-match', 'true');
  params.set('_max-results', String(maxResults));
  const response = await spineHttp(ctx.agent, {
    method: 'GET',
    url: `${joinUrl(ctx.config.spine.pdsBaseUrl, 'Patient')}?${params.toString()}`,
    headers: {
      accept: 'application/fhir+json',
      'x-request-id': requestId,
      'nhsd-end-user-organisation-ods': ctx.config.consumer.odsCode,
      'nhsd-session-urid': ctx.config.identity.roleProfileId,
    },
    timeoutMs: ctx.timeoutMs,
    traceId: requestId,
  });
  if (response.status === 429) throw new SpineError(pdsFailure('PDS_TOO_MANY_REQUESTS', 429, requestId));
  if (response.status >= 400) {
    throw new SpineError(
      interpretFailedResponse({ httpStatus: response.status, body: response.json, traceId: requestId }),
    );
  }
  if (response.headers['x-request-id'] !== requestId) {
    throw new SpineError(pdsFailure('INVALID_RESPONSE', response.status, requestId, 'PDS did not echo X-Request-ID'));
  }
  if (isTooManyMatches(response.json)) return { kind: 'too-many' };
  const bundle = response.json as { resourceType?: unknown; entry?: unknown } | null;
  if (bundle?.resourceType !== 'Bundle') {
    throw new SpineError(pdsFailure('INVALID_RESPONSE', response.status, requestId, 'PDS returned no search Bundle'));
  }
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];
  return {
    kind: 'hits',
    hits: entries.map((entry) => {
      const e = entry as { resource?: unknown; search?: { score?: unknown } };
      const score = typeof e.search?.score === 'number' ? Math.min(1, Math.max(0, e.search.score)) : 1;
      return { resource: e.resource, score };
    }),
  };
}
