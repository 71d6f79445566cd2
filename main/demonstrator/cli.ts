import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeDemonstratorFiles } from './config-files';
import { PRACTICES } from './data/practices';
import { startDemonstrator } from './demonstrator';

/**
 * `npm run demonstrator -- --port N --out DIR`: the offline demonstrator on loopback. Prints its base URLs, writes
 * the run's CA, consumer certificate, key and config.json into DIR, and serves until interrupted.
 */
const USAGE = 'usage: demonstrator [--port N] [--out DIR]';

function fail(message: string): never {
  process.stderr.write(`demonstrator: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse(): { port: number; out: string } {
  let values;
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string', default: '0' }, out: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) fail(`--port must be a number from 0 to 65535, not "${values.port}"`);
  return { port, out: values.out ?? mkdtempSync(path.join(tmpdir(), 'gpc-demonstrator-')) };
}

async function main(): Promise<void> {
  const started = performance.now();
  const args = parse();
  let demo;
  try {
    demo = await startDemonstrator({ port: args.port });
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
    ...PRACTICES.map((p) => `      ${p.odsCode} ${demo.serviceRoot(p.odsCode)}   ${p.name}`),
    `Files ${path.dirname(files.config)}: ca.pem client-cert.pem client-key.pem config.json`,
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
