import type { IncomingHttpHeaders } from 'node:http';
import type { PracticeRecord } from '../data/practices';
import type { RootKind } from '../interactions';
import { INTERACTION_PREFIX, interactionsFor } from '../interactions';
import type { ErrorResponse } from '../operation-outcome';
import { gpcError, toDstu2 } from '../operation-outcome';
import type { Reply } from '../http-reply';
import { stu3ContentType } from '../http-reply';
import type { FormatRequest } from '../validation/content-negotiation';
import { checkResponseFormat, errorFormat } from '../validation/content-negotiation';
import { checkJwt } from '../validation/jwt-claims';
import { checkJwtDstu2 } from '../validation/jwt-claims-dstu2';
import { getCareRecord, htmlConformance } from './html/care-record';
import { checkSspHeaders } from '../validation/ssp-headers';
import { handleAppointments } from './appointments/appointment-routes';
import { handleFoundations } from './foundations';
import type { ProviderState } from './provider-state';
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
  /** Appointment books and registrations of this run. */
  readonly state: ProviderState;
}

export interface ProviderReply extends Reply {
  readonly interactionId?: string;
}

/** 0.7.x answers in DSTU2: its own MIME type and OperationOutcome shape (SPEC §2, §8.3). */
export const FHIR_JSON_DSTU2 = 'application/json+fhir;charset=utf-8';

function shapedError(
  error: ErrorResponse,
  interactionId: string | undefined,
  rootKind: RootKind,
  stu3Type: string,
): ProviderReply {
  const shaped = rootKind === 'html' ? toDstu2(error) : error;
  const reply = {
    status: shaped.status,
    body: shaped.body,
    contentType: rootKind === 'html' ? FHIR_JSON_DSTU2 : stu3Type,
    errorCode: shaped.code,
  };
  return interactionId === undefined ? reply : { ...reply, interactionId };
}

const single = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** What the response format is negotiated from (SPEC §2). */
export function formatRequestOf(query: string, headers: IncomingHttpHeaders): FormatRequest {
  return {
    format: new URLSearchParams(query).get('_format'),
    accept: headers['accept'],
    contentType: headers['content-type'],
  };
}

export function callProvider(call: ProviderCall): ProviderReply {
  const formatRequest = formatRequestOf(call.query, call.headers);
  // Every STU3 answer, errors included, goes in the format the client asked for; until the format itself is
  // checked (after the JWT, as a provider does) an unusable request falls back to JSON.
  const contentType = stu3ContentType(errorFormat(formatRequest, 'stu3'));
  const errorReply = (error: ErrorResponse, interactionId?: string) =>
    shapedError(error, interactionId, call.rootKind, contentType);
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

  const now = new Date(call.nowSeconds * 1000);
  if (call.rootKind === 'html') {
    const isRecord = interaction.id === `${INTERACTION_PREFIX}fhir:operation:gpc.getcarerecord`;
    const jwt = checkJwtDstu2(call.headers['authorization'], {
      scope: interaction.scope,
      nowSeconds: call.nowSeconds,
      requestedRecord: isRecord ? 'patient' : 'organization',
    });
    if (!jwt.ok) return errorReply(jwt.error, interaction.id);
    const format = checkResponseFormat(formatRequest, 'dstu2');
    if (!format.ok) return errorReply(format.error, interaction.id);
    if (!isRecord) {
      return {
        status: 200,
        body: htmlConformance(call.practice, call.softwareVersion),
        contentType: FHIR_JSON_DSTU2,
        interactionId: interaction.id,
      };
    }
    const record = getCareRecord({
      practice: call.practice,
      contentType: single(call.headers['content-type']),
      body: call.body,
      jwtNhsNumber: jwt.value.requestedRecord,
      traceId: headers.value.traceId,
      now,
      today: ukDate(now),
      seed: call.seed,
    });
    if (!record.ok) return errorReply(record.error, interaction.id);
    return { status: 200, body: record.value, contentType: FHIR_JSON_DSTU2, interactionId: interaction.id };
  }

  const jwt = checkJwt(call.headers['authorization'], {
    audience: call.serviceRoot,
    scope: interaction.scope,
    allowConfidentialityScope: call.rootKind === 'structured',
    nowSeconds: call.nowSeconds,
  });
  if (!jwt.ok) return errorReply(jwt.error, interaction.id);

  const format = checkResponseFormat(formatRequest, 'stu3');
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
        contentType,
        interactionId: interaction.id,
      };
    }
    const record = getStructuredRecord({
      practice: call.practice,
      contentType: single(call.headers['content-type']),
      body: call.body,
      traceId: headers.value.traceId,
      today: ukDate(now),
      seed: call.seed,
    });
    if (!record.ok) return errorReply(record.error, interaction.id);
    return { status: 200, body: record.value, contentType, interactionId: interaction.id };
  }

  const appointment = handleAppointments({
    state: call.state,
    odsCode: call.practice.odsCode,
    interaction,
    ...(id === undefined ? {} : { id }),
    query: call.query,
    body: call.body,
    contentType: single(call.headers['content-type']),
    ifMatch: single(call.headers['if-match']),
    now,
    serviceRoot: call.serviceRoot,
  });
  if (appointment !== undefined) {
    if (!appointment.ok) return errorReply(appointment.error, interaction.id);
    const { status, body, etag, location } = appointment.value;
    return {
      status,
      body,
      contentType,
      interactionId: interaction.id,
      headers: { ...(etag === undefined ? {} : { etag }), ...(location === undefined ? {} : { location }) },
    };
  }

  const result = handleFoundations({
    patients: call.state.patientsAt(call.practice.odsCode),
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
    contentType,
    interactionId: interaction.id,
    ...(result.etag === undefined ? {} : { headers: { etag: result.etag } }),
  };
}
