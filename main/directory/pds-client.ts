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
