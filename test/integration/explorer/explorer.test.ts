import { readFileSync } from 'node:fs';
import postman from 'postman-collection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTMAN_SCHEMA_V21 } from '../../../main/explorer/postman-export';
import type {
  ExplorerExchangeDetail,
  ExplorerExport,
  ExplorerSendResult,
  ExplorerSession,
} from '../../../shared/ipc/features/explorer.contract';
import type { ExplorerDemo } from '../../fixtures/explorer-demo';
import { startExplorerDemo } from '../../fixtures/explorer-demo';

/** The interaction explorer against the demonstrator: what a developer sees, what never leaves main, exports. */
const RICH = '9658218873';
let env: ExplorerDemo;

beforeAll(async () => {
  env = await startExplorerDemo();
  await env.value('patient.trace', { nhsNumber: RICH });
  await env.value('record.html', { nhsNumber: RICH, section: 'SUM' });
  await env.value('record.structured', { nhsNumber: RICH });
});
afterAll(() => env.close());

/** Everything the explorer can hand out, as one string. */
async function everythingShown(): Promise<string> {
  const session = await env.value<ExplorerSession>('explorer.session');
  const details = await Promise.all(
    session.exchanges.map((e) => env.value<ExplorerExchangeDetail>('explorer.exchange', { id: e.id })),
  );
  const postmanExport = await env.value<ExplorerExport>('explorer.export', { format: 'postman' });
  const curl = await Promise.all(
    session.exchanges.map((e) => env.value<ExplorerExport>('explorer.export', { format: 'curl', id: e.id })),
  );
  return JSON.stringify({ session, details, postmanExport, curl });
}

describe('interaction explorer', () => {
  it('lists every request of the session (PDS, SDS, SSP) with status and timing', async () => {
    const session = await env.value<ExplorerSession>('explorer.session');
    expect(new Set(session.exchanges.map((e) => e.kind))).toEqual(new Set(['pds', 'sds', 'ssp']));
    const structured = session.exchanges.find((e) => e.interactionId?.endsWith('gpc.getstructuredrecord-1'));
    expect(structured).toMatchObject({ method: 'POST', status: 200 });
    expect(structured?.durationMs).toBeGreaterThan(0);
    expect(session.capacity).toBe(500);
  });

  it('shows the request in full: SSP URL, Spine headers, decoded JWT, body, response', async () => {
    const session = await env.value<ExplorerSession>('explorer.session');
    const id = session.exchanges.find((e) => e.interactionId?.endsWith('gpc.getstructuredrecord-1'))?.id ?? '';
    const d = await env.value<ExplorerExchangeDetail>('explorer.exchange', { id });
    expect(d.url).toMatch(
      /^https:\/\/127\.0\.0\.1:\d+\/https:\/\/127\.0\.0\.1:\d+\/A20047\/STU3\/1\/gpconnect\/structured\//,
    );
    expect(d.requestHeaders.map((h) => h.name)).toEqual(
      expect.arrayContaining(['ssp-traceid', 'ssp-from', 'ssp-to', 'ssp-interactionid', 'authorization']),
    );
    expect(JSON.parse(d.jwt?.header ?? '{}')).toEqual({ alg: 'none', typ: 'JWT' });
    expect(JSON.parse(d.jwt?.claims ?? '{}')).toMatchObject({
      requested_scope: 'patient/*.read',
      reason_for_request: 'directcare',
    });
    expect(d.requestBody).toContain('"resourceType": "Parameters"');
    expect(d.responseBody).toContain('"type": "collection"');
    expect(d.curl).toContain('--cert "$GPC_CLIENT_CERT" --key "$GPC_CLIENT_KEY"');
  });

  it('never hands out key material or the SDS API key, in any view or export', async () => {
    const shown = await everythingShown();
    const keyBody = readFileSync(env.files.clientKey, 'utf8').split('\n')[1] ?? '';
    const certBody = readFileSync(env.files.clientCertificate, 'utf8').split('\n')[1] ?? '';
    expect(keyBody.length).toBeGreaterThan(20);
    expect(shown).not.toContain(keyBody);
    expect(shown).not.toContain(certBody);
    expect(shown).not.toContain('PRIVATE KEY');
    expect(shown).not.toContain(env.config.spine.sdsApiKey);
    expect(shown).toContain('[redacted: SDS API key]');
  });

  it('masks NHS numbers everywhere until unmasked', async () => {
    const shown = await everythingShown();
    expect(shown).not.toContain(RICH);
    expect(shown).toContain('*** *** 8873');
  });

  it('unmasking needs a reason, and the reason is in the audit trail before anything is unmasked', async () => {
    const refused = await env.call('explorer.unmask', { reason: 'x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await env.value<ExplorerSession>('explorer.session')).masked).toBe(true);

    const reason = 'Supplier support call 4711: checking the NHS number sent';
    await env.value('explorer.unmask', { reason });
    const { records } = await env.audit.query({});
    expect(records.find((r) => r.action === 'unmask-nhs-number')).toMatchObject({
      outcome: 'success',
      note: reason,
      user: { sdsUserId: env.config.identity.sdsUserId },
    });
    expect(await everythingShown()).toContain(RICH);
    await env.value('explorer.mask');
    expect(await everythingShown()).not.toContain(RICH);
  });

  it('sends a hand-made interaction through the same client: real JWT, SSP headers and TLS', async () => {
    const before = (await env.value<ExplorerSession>('explorer.session')).exchanges.length;
    const sent = await env.value<ExplorerSendResult>('explorer.send', {
      interaction: 'readPractitioner',
      odsCode: 'A20047',
      path: 'Practitioner/1',
    });
    expect(sent.status).toBe(200);
    const last = await env.value<ExplorerExchangeDetail>('explorer.exchange', { id: sent.exchangeIds.at(-1) ?? '' });
    expect(last.interactionId).toBe('urn:nhs:names:services:gpconnect:fhir:rest:read:practitioner-1');
    expect(JSON.parse(last.responseBody ?? '{}')).toMatchObject({ resourceType: 'Practitioner', id: '1' });
    expect((await env.value<ExplorerSession>('explorer.session')).exchanges.length).toBeGreaterThan(before);

    const refused = await env.value<ExplorerSendResult>('explorer.send', {
      interaction: 'findPatient',
      odsCode: 'A20047',
      path: 'Patient?identifier=9658218873',
    });
    expect(refused).toMatchObject({ status: 422, errorCode: 'INVALID_PARAMETER' });
    const { records } = await env.audit.query({});
    expect(records.filter((r) => r.action === 'send-interaction').map((r) => r.outcome)).toEqual([
      'failure',
      'success',
    ]);
  });

  it('refuses a body that is not JSON and a path that is not relative to the service root', async () => {
    const badBody = await env.call('explorer.send', {
      interaction: 'getStructuredRecord',
      odsCode: 'A20047',
      path: 'Patient/$gpc.getstructuredrecord',
      body: '{not json',
    });
    expect(badBody).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const absolute = await env.call('explorer.send', {
      interaction: 'metadata',
      odsCode: 'A20047',
      path: 'https://elsewhere.example/metadata',
    });
    expect(absolute).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('exports the session as a Postman v2.1 collection that postman-collection loads back', async () => {
    const session = await env.value<ExplorerSession>('explorer.session');
    const exported = await env.value<ExplorerExport>('explorer.export', { format: 'postman' });
    const json = JSON.parse(exported.text) as postman.CollectionDefinition & { info: { schema: string } };
    expect(json.info.schema).toBe(POSTMAN_SCHEMA_V21);
    const collection = new postman.Collection(json);
    const items = collection.items.all();
    expect(items).toHaveLength(session.exchanges.length);
    expect(items.every((i) => postman.Item.isItem(i))).toBe(true);
    const first = items[0] as postman.Item;
    expect(first.request.method).toBe('GET');
    expect(first.events.listeners('test')[0]?.script.exec?.join('\n')).toContain('pm.response.to.have.status(200)');
    expect(collection.events.listeners('prerequest')[0]?.script.exec?.join('\n')).toContain(
      'claims.exp = claims.iat + 300',
    );
    expect(exported.filename).toMatch(/\.postman_collection\.json$/);
  });
});

describe('explorer switched off by policy', () => {
  let off: ExplorerDemo;
  beforeAll(async () => {
    off = await startExplorerDemo({ explorerEnabled: false });
  });
  afterAll(() => off.close());

  it('refuses every explorer channel', async () => {
    for (const [channel, input] of [
      ['explorer.session', {}],
      ['explorer.exchange', { id: 'x1' }],
      ['explorer.unmask', { reason: 'a good long reason' }],
      ['explorer.send', { interaction: 'metadata', odsCode: 'A20047', path: 'metadata' }],
      ['explorer.export', { format: 'postman' }],
    ] as const) {
      expect(await off.call(channel, input)).toMatchObject({ ok: false, error: { code: 'EXPLORER_DISABLED' } });
    }
    expect(await off.value('app.info')).toMatchObject({ explorer: false });
  });
});
