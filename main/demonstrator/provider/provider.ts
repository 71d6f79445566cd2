import type { IncomingHttpHeaders } from 'node:http';
import type { PracticeRecord } from '../data/practices';
import type { RootKind } from '../interactions';
import { INTERACTION_PREFIX, interactionsFor } from '../interactions';
import type { ErrorResponse } from '../operation-outcome';
import { gpcError } from '../operation-outcome';
import type { Reply } from '../http-reply';
import { FHIR_JSON_STU3 } from '../http-reply';
import { checkResponseFormat } from '../validation/content-negotiation';
import { checkJwt } from '../validation/jwt-claims';
import { checkSspHeaders } from '../validation/ssp-headers';
import { handleFoundations } from './foundations';
import { getStructuredRecord } from './structured/structured-record';
import { ukDate } from '../uk-time';
import { structuredCapability } from './foundations-resources';

/**
 * One GP practice's GP Connect provider: every request is checked (route, Spine headers, JWT, format) before it
 * is served, and every failure is the status and OperationOutcome SPEC §8 names.
 */
export interface ProviderCall {
  readonly practice: PracticeRecord;
  readonly rootKind: RootKind;
  readonly serviceRoot: string;
  readonly method: string;
  /** The FHIR request path after the service root, e.g. `/Patient/2`. */
  readonly path: string;
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  readonly nowSeconds: number;
  readonly softwareVersion: string;
  readonly body: Buffer;
  /** The run's data seed (generated records, appointment books). */
  readonly seed: number;
}

export interface ProviderReply extends Reply {
  readonly interactionId?: string;
}

function errorReply(error: ErrorResponse, interactionId?: string): ProviderReply {
  const reply = { status: error.status, body: error.body, contentType: FHIR_JSON_STU3, errorCode: error.code };
  return interactionId === undefined ? reply : { ...reply, interactionId };
}

const single = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export function callProvider(call: ProviderCall): ProviderReply {
  const candidates = interactionsFor(call.rootKind, call.method, call.path);
  if (candidates.length === 0) {
    return errorReply(
      gpcError(
        'BAD_REQUEST',
        `${call.method} ${call.path || '/'} is not a GP Connect interaction on this service root`,
      ),
    );
  }
  const headers = checkSspHeaders(call.headers, {
    providerAsid: call.practice.asid,
    candidates: candidates.map((c) => c.route),
  });
  if (!headers.ok) return errorReply(headers.error);
  const interaction = headers.value.interaction;
  const id = candidates.find((c) => c.route.id === interaction.id)?.id;

  const jwt = checkJwt(call.headers['authorization'], {
    audience: call.serviceRoot,
    scope: interaction.scope,
    allowConfidentialityScope: call.rootKind === 'structured',
    nowSeconds: call.nowSeconds,
  });
  if (!jwt.ok) return errorReply(jwt.error, interaction.id);

  const format = checkResponseFormat(new URLSearchParams(call.query).get('_format'), call.headers['accept']);
  if (!format.ok) return errorReply(format.error, interaction.id);

  if (call.rootKind === 'structured') {
    if (!call.practice.structured.enabled) {
      return errorReply(
        gpcError('ACCESS DENIED', `Access Record Structured is not enabled at ${call.practice.name}`),
        interaction.id,
      );
    }
    if (interaction.id === `${INTERACTION_PREFIX}structured:fhir:rest:read:metadata-1`) {
      return {
        status: 200,
        body: structuredCapability(call.practice, call.softwareVersion),
        contentType: FHIR_JSON_STU3,
        interactionId: interaction.id,
      };
    }
    const record = getStructuredRecord({
      practice: call.practice,
      contentType: single(call.headers['content-type']),
      body: call.body,
      traceId: headers.value.traceId,
      today: ukDate(new Date(call.nowSeconds * 1000)),
      seed: call.seed,
    });
    if (!record.ok) return errorReply(record.error, interaction.id);
    return { status: 200, body: record.value, contentType: FHIR_JSON_STU3, interactionId: interaction.id };
  }

  const result = handleFoundations({
    practice: call.practice,
    interaction,
    query: call.query,
    softwareVersion: call.softwareVersion,
    ...(id === undefined ? {} : { id }),
  });
  if (!result.ok) return errorReply(result.error, interaction.id);
  return {
    status: result.status,
    body: result.body,
    contentType: FHIR_JSON_STU3,
    interactionId: interaction.id,
    ...(result.etag === undefined ? {} : { headers: { etag: result.etag } }),
  };
}
