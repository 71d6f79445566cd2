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

/** Edit distance, for fuzzy family names (small strings only). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
const postcodeKey = (s: string) => s.replace(/\s/g, '').toUpperCase();

/**
 * `_fuzzy-match=true`, as PDS describes it in spirit: similar family names (a couple of letters apart) and birth
 * dates in the same month count, and the score says how close each candidate is (1 = every field given matches).
 * Our weighting: family and birth date 0.35 each, given name, gender and postcode 0.1 each.
 */
function fuzzyScore(
  p: SearchPerson,
  q: { family: string; given: string[]; gender: string | null; postcode: string | null; birthDate: string },
): number | null {
  const family =
    squash(q.family) === squash(p.family) ? 1 : distance(squash(q.family), squash(p.family)) <= 2 ? 0.6 : 0;
  const birth = q.birthDate === p.birthDate ? 1 : q.birthDate.slice(0, 7) === p.birthDate.slice(0, 7) ? 0.5 : 0;
  if (family === 0 || birth === 0) return null;
  const first = q.given[0]?.toLowerCase();
  const theirs = p.given[0]?.toLowerCase() ?? '';
  const given = first === undefined || first === theirs ? 1 : first[0] === theirs[0] ? 0.5 : 0;
  const gender = q.gender === null || q.gender === p.gender ? 1 : 0;
  const postcode = q.postcode === null || postcodeKey(q.postcode) === postcodeKey(p.postalCode) ? 1 : 0;
  return Math.round((0.35 * family + 0.35 * birth + 0.1 * given + 0.1 * gender + 0.1 * postcode) * 100) / 100;
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
  if (params.get('_fuzzy-match') === 'true') {
    if ([family, ...given].some((v) => v.includes('*'))) {
      return error(400, 'value', 'INVALID_SEARCH_DATA', 'wildcards cannot be used with fuzzy matching', echo);
    }
    const [only] = dates;
    if (dates.length !== 1 || !only || (only[1] ?? 'eq') !== 'eq' || !only[2]) {
      return error(400, 'value', 'INVALID_SEARCH_DATA', 'fuzzy matching needs one exact birthdate', echo);
    }
    const query = { family, given, gender, postcode, birthDate: only[2] };
    const scored = DEMO_PDS_PATIENTS.flatMap((resource) => {
      const score = fuzzyScore(person(resource), query);
      return score === null ? [] : [{ resource, score }];
    }).sort((a, b) => b.score - a.score);
    return searchset(call, echo, scored, max);
  }
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
  return searchset(
    call,
    echo,
    matches.map((resource) => ({ resource, score: 1 })),
    max,
  );
}

function searchset(
  call: PdsCall,
  echo: Record<string, string>,
  matches: readonly { resource: Record<string, unknown>; score: number }[],
  max: number,
): Reply {
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
      entry: matches.map(({ resource, score }) => ({
        fullUrl: `${call.baseUrl}/Patient/${String(resource['id'])}`,
        search: { score },
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
