import newman from 'newman';
import type { NewmanRunSummary } from 'newman';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExplorerExport, ExplorerSession } from '../../../shared/ipc/features/explorer.contract';
import type { ExplorerDemo } from '../../fixtures/explorer-demo';
import { startExplorerDemo } from '../../fixtures/explorer-demo';

/**
 * A session exported from the explorer replays with newman against the demonstrator: mutual TLS with the endpoint
 * certificate, the SDS API key as a variable, the assertions in the collection evaluated by newman. The session is
 * recorded 10 minutes in the past (consumer and provider clocks both set back), so by the replay every recorded JWT
 * (valid 300 s) has expired: it passes only because the collection's pre-request script re-dates each token (the
 * control run without the script is refused).
 */
const RICH = '9658218873';
let offsetMs = -10 * 60_000;
const shifted = () => new Date(Date.now() + offsetMs);
let env: ExplorerDemo;
let collection: { event?: unknown[]; item: unknown[] };
let sessionSize = 0;

beforeAll(async () => {
  env = await startExplorerDemo({ demonstrator: { now: shifted }, consumerNow: shifted });
  await env.value('patient.trace', { nhsNumber: RICH });
  await env.value('record.html', { nhsNumber: RICH, section: 'SUM' });
  await env.value('record.structured', { nhsNumber: RICH });
  await env.value('explorer.send', { interaction: 'metadata', odsCode: 'A20047', path: 'metadata' });
  // A replayable export carries the real NHS numbers: unmask (audited) first.
  await env.value('explorer.unmask', { reason: 'Replay test: export a replayable collection' });
  sessionSize = (await env.value<ExplorerSession>('explorer.session')).exchanges.length;
  const exported = await env.value<ExplorerExport>('explorer.export', { format: 'postman' });
  collection = JSON.parse(exported.text) as typeof collection;
  offsetMs = 0;
}, 60_000);
afterAll(() => env.close());

function replay(json: object): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection: json,
        envVar: [{ key: 'sdsApiKey', value: env.config.spine.sdsApiKey }],
        sslClientCert: env.files.clientCertificate,
        sslClientKey: env.files.clientKey,
        sslExtraCaCerts: env.files.ca,
        timeoutRequest: 20_000,
        reporters: [],
      },
      (err, summary) => (err ? reject(err) : resolve(summary)),
    );
  });
}

describe('newman replay of an exported session', () => {
  it('passes against the demonstrator: every request answers with the recorded status and content type', async () => {
    const summary = await replay(collection);
    const failures = summary.run.failures.map((f) => `${f.source?.name ?? ''}: ${f.error.message}`);
    expect(failures).toEqual([]);
    expect(summary.run.stats.requests.total).toBe(sessionSize);
    // Two assertions per answered request (status, content type): newman really evaluated them.
    expect(summary.run.stats.assertions.total).toBeGreaterThanOrEqual(2 * sessionSize);
    expect(summary.run.stats.assertions.failed).toBe(0);
    const structured = summary.run.executions.find((e) => e.item.name.includes('Get the structured record'));
    expect(structured?.response?.code).toBe(200);
  }, 120_000);

  it('control: without the JWT re-dating script the expired tokens are refused', async () => {
    const { event: _script, ...withoutScript } = collection;
    const summary = await replay(withoutScript);
    const gpConnect = summary.run.executions.filter((e) => /Get the structured record|Read metadata/.test(e.item.name));
    expect(gpConnect.length).toBeGreaterThan(0);
    expect(gpConnect.map((e) => e.response?.code)).toEqual(gpConnect.map(() => 400));
    expect(summary.run.stats.assertions.failed).toBeGreaterThan(0);
  }, 120_000);
});
