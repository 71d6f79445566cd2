import postman from 'postman-collection';
import type { CollectionDefinition, EventDefinition, ItemDefinition } from 'postman-collection';
import { INTERACTIONS } from '../../shared/gpconnect/interactions';
import type { LoggedExchange } from './exchange-log';

// postman-collection is CommonJS: its classes come through the default export under Node's ESM loader.
export const POSTMAN_SCHEMA_V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** Headers the HTTP client sets itself. */
const TRANSPORT_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);

/**
 * Replayed values: each request needs a new trace/request id (SPEC §2, §10.1), and secrets (removed at capture)
 * become variables supplied at replay, e.g. `newman run … --env-var sdsApiKey=…`.
 */
const REPLAY_VALUES: Readonly<Record<string, string>> = {
  'ssp-traceid': '{{$guid}}',
  'x-request-id': '{{$guid}}',
  'x-correlation-id': '{{$guid}}',
  apikey: '{{sdsApiKey}}',
};

/**
 * The collection's pre-request script. A GP Connect JWT is unsigned and expires 300 s after `iat` (SPEC §3.1, §3.2),
 * so a recorded token would be refused a few minutes later. The script re-issues the recorded token with `iat` = now
 * and `exp` = `iat` + 300, every other claim as recorded (same user, organisation, scope, audience): what is replayed
 * is what the workstation asserted, only re-dated. No secret is involved: the token has no signature.
 */
export const REISSUE_JWT_SCRIPT = [
  '// GP Connect JWTs are unsigned and valid for 300 s (SPEC 3.1, 3.2): re-date the recorded token for this replay.',
  "const auth = pm.request.headers.get('Authorization');",
  'const parts = auth && /^Bearer ([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.$/.exec(auth);',
  'if (parts) {',
  "  const pad = (s) => s + '==='.slice((s.length + 3) % 4);",
  "  const decode = (s) => JSON.parse(decodeURIComponent(escape(atob(pad(s.replace(/-/g, '+').replace(/_/g, '/'))))));",
  '  const encode = (o) =>',
  "    btoa(unescape(encodeURIComponent(JSON.stringify(o)))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');",
  '  const claims = decode(parts[2]);',
  '  claims.iat = Math.floor(Date.now() / 1000);',
  '  claims.exp = claims.iat + 300;',
  "  pm.request.headers.upsert({ key: 'Authorization', value: 'Bearer ' + parts[1] + '.' + encode(claims) + '.' });",
  '}',
];

function itemName(index: number, exchange: LoggedExchange): string {
  const interaction = Object.values(INTERACTIONS).find((i) => i.id === exchange.interactionId);
  const what =
    interaction?.name ?? (exchange.kind === 'pds' ? 'PDS' : exchange.kind === 'sds' ? 'SDS' : exchange.method);
  const path = new URL(exchange.url).pathname.split('/').slice(-2).join('/');
  return `${String(index + 1).padStart(3, '0')} ${what}: ${exchange.method} ${path}`;
}

/** Assertions newman evaluates: the status and the content type the workstation got when it made the request. */
function testScript(exchange: LoggedExchange): string[] {
  if (exchange.status === undefined) {
    return [`// Recorded without an answer (${JSON.stringify(exchange.error ?? 'no response')}): nothing to compare.`];
  }
  const lines = [
    `pm.test('status ${exchange.status} as recorded', function () {`,
    `  pm.response.to.have.status(${exchange.status});`,
    '});',
  ];
  const type = exchange.responseHeaders['content-type']?.split(';')[0]?.trim();
  if (type) {
    lines.push(
      `pm.test('Content-Type ${type} as recorded', function () {`,
      `  pm.expect(pm.response.headers.get('Content-Type') || '').to.include(${JSON.stringify(type)});`,
      '});',
    );
  }
  if (exchange.method !== 'GET') {
    lines.unshift('// A write: replaying it acts again (a second booking may rightly be refused with 409).');
  }
  return lines;
}

/** @types/postman-collection names the scripts `events`; the v2.1 format (and the library) read `event`. */
type ItemWithScripts = ItemDefinition & { event: EventDefinition[] };

function item(exchange: LoggedExchange, index: number): ItemWithScripts {
  const header = Object.entries(exchange.requestHeaders)
    .filter(([name]) => !TRANSPORT_HEADERS.has(name))
    .map(([key, value]) => ({ key, value: REPLAY_VALUES[key] ?? value }));
  return {
    name: itemName(index, exchange),
    request: {
      url: exchange.url,
      method: exchange.method,
      header,
      ...(exchange.requestBody === undefined ? {} : { body: { mode: 'raw', raw: exchange.requestBody } }),
    },
    event: [{ listen: 'test', script: { type: 'text/javascript', exec: testScript(exchange) } }],
  };
}

/**
 * The session as a Postman collection v2.1 built with `postman-collection` (so it loads back with
 * `new Collection(json)`), in the order the requests were made. Replaying it needs the endpoint certificate, key and
 * CA (newman `--ssl-client-cert`, `--ssl-client-key`, `--ssl-extra-ca-certs`) and the `sdsApiKey` variable.
 */
export function postmanCollection(
  exchanges: readonly LoggedExchange[],
  meta: { name: string; masked: boolean; exportedAt: Date },
): object {
  const definition: CollectionDefinition & { event: EventDefinition[] } = {
    info: { name: meta.name, schema: POSTMAN_SCHEMA_V21 } as CollectionDefinition['info'],
    description: [
      `Exported by GP Connect Workstation at ${meta.exportedAt.toISOString()}: ${exchanges.length} requests.`,
      meta.masked
        ? 'NHS numbers are masked (*** *** 1234): this copy is for reading, not replay. Unmask, then export, to replay.'
        : 'NHS numbers are in full (unmasked with a reason recorded in the audit trail).',
      'Replay: mutual TLS with the endpoint certificate and key, the Spine CA, and the sdsApiKey variable. The',
      'collection pre-request script re-dates each unsigned JWT (iat = now, exp = iat + 300); each request gets a new',
      'Ssp-TraceID / X-Request-ID.',
    ].join('\n'),
    item: exchanges.map(item),
    event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: REISSUE_JWT_SCRIPT } }],
    variable: [{ key: 'sdsApiKey', value: '', type: 'string' }],
  };
  return new postman.Collection(definition).toJSON();
}
