import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { isValidNhsNumber } from '../../../shared/nhs/nhs-number';
import { DEMO_PDS_PATIENTS, pdsRecordFor } from '../data/pds-patients';
import { FHIR_JSON_R4 } from '../http-reply';
import type { Reply } from '../http-reply';
import { r4Error } from '../operation-outcome';

/**
 * The Personal Demographics Service FHIR R4 API (SPEC §10.1), as its sandbox behaves plus the header rules of the
 * live service: `X-Request-ID` (a UUID) is required and echoed, as is `X-Correlation-ID`. Read follows superseded
 * numbers to the current record (which comes back under its own id); a simple demographic search is offered.
 */
export interface PdsCall {
  readonly method: string;
  /** Path after the PDS base, e.g. `/Patient/9658218873`. */
  readonly path: string;
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  readonly baseUrl: string;
}

const error = (
  status: number,
  issue: string,
  code: string,
  diagnostics: string,
  echo: Record<string, string>,
): Reply => {
  const e = r4Error(status, issue, code, diagnostics);
  return { status: e.status, body: e.body, contentType: FHIR_JSON_R4, errorCode: e.code, headers: echo };
};

function echoHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const echo: Record<string, string> = {};
  const requestId = headers['x-request-id'];
  const correlationId = headers['x-correlation-id'];
  if (typeof requestId === 'string') echo['x-request-id'] = requestId;
  if (typeof correlationId === 'string') echo['x-correlation-id'] = correlationId;
  return echo;
}

function etagOf(resource: Record<string, unknown>): string {
  const meta = resource['meta'] as { versionId?: string } | undefined;
  return `W/"${meta?.versionId ?? '1'}"`;
}

const DATE_PARAM = /^(eq|ge|le)?(\d{4}-\d{2}-\d{2})$/;

interface SearchPerson {
  family: string;
  given: string[];
  gender: string;
  birthDate: string;
  postalCode: string;
}

function person(resource: Record<string, unknown>): SearchPerson {
  const name = (resource['name'] as { family?: string; given?: string[] }[] | undefined)?.[0];
  const address = (resource['address'] as { postalCode?: string }[] | undefined)?.[0];
  return {
    family: name?.family ?? '',
    given: name?.given ?? [],
    gender: String(resource['gender'] ?? ''),
    birthDate: String(resource['birthDate'] ?? ''),
    postalCode: address?.postalCode ?? '',
  };
}

/** PDS wildcards: `*` allowed at the end, never in the first two characters. */
function textMatches(pattern: string, value: string): boolean {
  const p = pattern.toLowerCase();
  const v = value.toLowerCase();
  return p.endsWith('*') ? v.startsWith(p.slice(0, -1)) : v === p;
}

function search(call: PdsCall, echo: Record<string, string>): Reply {
  const params = new URLSearchParams(call.query);
  const family = params.get('family');
  const birthdates = params.getAll('birthdate');
  if (family === null || family === '' || birthdates.length === 0) {
    return error(400, 'required', 'MISSING_VALUE', 'search needs at least family and birthdate', echo);
  }
  for (const value of [family, ...params.getAll('given')]) {
    if (value.slice(0, 2).includes('*')) {
      return error(400, 'value', 'INVALID_SEARCH_DATA', 'a wildcard may not be in the first two characters', echo);
    }
  }
  const dates = birthdates.map((b) => DATE_PARAM.exec(b));
  if (dates.some((d) => d === null)) {
    return error(400, 'value', 'INVALID_VALUE', 'birthdate must be [eq|ge|le]yyyy-mm-dd', echo);
  }
  const maxRaw = params.get('_max-results') ?? '1';
  const max = Number(maxRaw);
  if (!/^\d+$/.test(maxRaw) || max < 1 || max > 50) {
    return error(400, 'value', 'INVALID_VALUE', '_max-results must be 1 to 50', echo);
  }
  const given = params.getAll('given');
  const gender = params.get('gender');
  const postcode = params.get('address-postalcode');
  const matches = DEMO_PDS_PATIENTS.filter((resource) => {
    const p = person(resource);
    if (!textMatches(family, p.family)) return false;
    if (given.some((g, i) => !textMatches(g, p.given[i] ?? ''))) return false;
    if (gender !== null && gender !== p.gender) return false;
    if (
      postcode !== null &&
      postcode.replace(/\s/g, '').toUpperCase() !== p.postalCode.replace(/\s/g, '').toUpperCase()
    )
      return false;
    return dates.every((d) => {
      const [, op = 'eq', date = ''] = d ?? [];
      return op === 'eq' ? p.birthDate === date : op === 'ge' ? p.birthDate >= date : p.birthDate <= date;
    });
  });
  if (matches.length > max) {
    return error(200, 'multiple-matches', 'TOO_MANY_MATCHES', 'too many matches: refine the search', echo);
  }
  return {
    status: 200,
    contentType: FHIR_JSON_R4,
    headers: echo,
    body: {
      resourceType: 'Bundle',
      type: 'searchset',
      timestamp: new Date().toISOString(),
      total: matches.length,
      entry: matches.map((resource) => ({
        fullUrl: `${call.baseUrl}/Patient/${String(resource['id'])}`,
        search: { score: 1 },
        resource,
      })),
    },
  };
}

export function callPds(call: PdsCall): Reply {
  const echo = echoHeaders(call.headers);
  const requestId = call.headers['x-request-id'];
  if (requestId === undefined || requestId === '') {
    return error(
      400,
      'required',
      'MISSING_VALUE',
      'Invalid request with error - X-Request-ID header must be supplied to access this resource',
      echo,
    );
  }
  if (typeof requestId !== 'string' || !z.uuid().safeParse(requestId).success) {
    return error(400, 'value', 'INVALID_VALUE', 'Invalid value - X-Request-ID must be a UUID', echo);
  }
  if (call.method !== 'GET') return error(405, 'not-supported', 'METHOD_NOT_ALLOWED', 'only GET is offered', echo);

  if (call.path === '/Patient') return search(call, echo);
  const read = /^\/Patient\/([^/]+)$/.exec(call.path);
  if (!read?.[1]) return error(404, 'not-found', 'RESOURCE_NOT_FOUND', 'no such resource', echo);
  const nhsNumber = read[1];
  if (!/^[0-9]{10}$/.test(nhsNumber) || !isValidNhsNumber(nhsNumber)) {
    return error(400, 'value', 'INVALID_RESOURCE_ID', `Resource Id is invalid: ${nhsNumber.slice(0, 20)}`, echo);
  }
  const resource = pdsRecordFor(nhsNumber);
  if (!resource) return error(404, 'not-found', 'RESOURCE_NOT_FOUND', 'Patient not found', echo);
  return { status: 200, contentType: FHIR_JSON_R4, headers: { ...echo, etag: etagOf(resource) }, body: resource };
}
