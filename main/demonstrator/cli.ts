import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeDemonstratorFiles } from './config-files';
import { PRACTICES } from './data/practices';
import { DEFAULT_SEED, startDemonstrator } from './demonstrator';
import type { ActiveScenario } from './scenarios';
import { SCENARIOS, parseScenario } from './scenarios';

/**
 * `npm run demonstrator -- --port N --out DIR`: the offline demonstrator on loopback. Prints its base URLs, writes
 * the run's CA, consumer certificate, key and config.json into DIR, and serves until interrupted.
 */
const USAGE = `usage: demonstrator [--port N] [--out DIR] [--seed N] [--scenario NAME[:NUMBER][@ODS]]...
scenarios: ${Object.entries(SCENARIOS)
  .map(([name, what]) => `\n  ${name.padEnd(20)} ${what}`)
  .join('')}`;

const describeScenario = (s: ActiveScenario): string =>
  `${s.name}${s.value === undefined ? '' : `:${s.value}`}${s.odsCode === undefined ? '' : `@${s.odsCode}`}`;

function fail(message: string): never {
  process.stderr.write(`demonstrator: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse(): { port: number; out: string; seed: number; scenarios: ActiveScenario[] } {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        out: { type: 'string' },
        seed: { type: 'string', default: String(DEFAULT_SEED) },
        scenario: { type: 'string', multiple: true, default: [] },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) fail(`--port must be a number from 0 to 65535, not "${values.port}"`);
  if (!/^\d{1,10}$/.test(values.seed)) fail(`--seed must be a whole number, not "${values.seed}"`);
  const scenarios = values.scenario.map((text) => {
    const parsed = parseScenario(text);
    return typeof parsed === 'string' ? fail(`--scenario: ${parsed}`) : parsed;
  });
  return {
    port,
    out: values.out ?? mkdtempSync(path.join(tmpdir(), 'gpc-demonstrator-')),
    seed: Number(values.seed),
    scenarios,
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const args = parse();
  let demo;
  try {
    demo = await startDemonstrator({ port: args.port, seed: args.seed, scenarios: args.scenarios });
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const files = await writeDemonstratorFiles(demo, args.out);
  const ms = Math.round(performance.now() - started);
  const lines = [
    `GP Connect demonstrator ready in ${ms} ms (synthetic data only)`,
    `SSP   ${demo.sspBaseUrl}`,
    `PDS   ${demo.pdsBaseUrl}`,
    `SDS   ${demo.sdsBaseUrl}   (apikey: ${demo.sdsApiKey})`,
    ...PRACTICES.flatMap((p) => [
      `      ${p.odsCode} ${demo.serviceRoot(p.odsCode)}   ${p.name}`,
      `             ${demo.serviceRoot(p.odsCode, 'structured')}   ${demo.serviceRoot(p.odsCode, 'html')}`,
    ]),
    `Files ${path.dirname(files.config)}: ca.pem client-cert.pem client-key.pem config.json`,
    `Seed  ${args.seed}`,
    `Admin ${demo.admin.url}/scenarios   (Authorization: Bearer ${demo.admin.token})`,
    `      active: ${demo.scenarios.list().map(describeScenario).join(', ') || 'none'}`,
    '',
    'Try:',
    `  curl --cacert ${files.ca} --cert ${files.clientCertificate} --key ${files.clientKey} \\`,
    `    -H "X-Request-ID: $(cat /proc/sys/kernel/random/uuid)" ${demo.pdsBaseUrl}/Patient/9658218873`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  const stop = (): void => void demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
