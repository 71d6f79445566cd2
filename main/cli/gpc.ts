import { mkdtempSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isChannelName } from '../../shared/ipc/channels';
import { APP_FLAVOUR, APP_NAME, APP_VERSION } from '../app-identity';
import { createEndpointCsr } from '../certs/endpoint-csr';
import { ConfigError } from '../config/config-error';
import { loadWorkstationConfig } from '../config/load-config';
import { writeDemonstratorFiles } from '../demonstrator/config-files';
import { startDemonstrator } from '../demonstrator/demonstrator';
import type { Result } from '../../shared/ipc/errors';
import type { Dispatch } from '../ipc/dispatcher';
import { createDispatcher } from '../ipc/dispatcher';
import { createAppLog } from '../logging/app-log';
import { buildServices } from '../services';
import { formatDoctor, runDoctor } from './doctor';
import { runAssureCommand } from './assure-command';
import { checkPolicyFile } from './policy-check';

/**
 * `gpc`: the third host of the handler table, for IT and developers.
 *   gpc [--config FILE] doctor                 can this workstation reach Spine?
 *   gpc [--config FILE] <channel> '<json>'     call any contract channel, print its result as JSON
 * Without --config it runs against the built-in demonstrator (started in-process, mutual TLS on loopback).
 */
const USAGE = `usage: gpc [--config FILE] doctor
       gpc csr --fqdn FQDN --out DIR [--organisation NAME]   new endpoint key + CSR for the NHS issuing team
       gpc [--config FILE] assure --out DIR [--no-screenshots] [--only ID]...   consumer assurance evidence pack
       gpc policy check FILE                               validate a machine policy file, print what it locks
       gpc [--config FILE] <channel> ['<json input>']     e.g. gpc patient.trace '{"nhsNumber":"9658218873"}'`;

/** Ends the command early with an exit code and a message for stderr. */
class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function exit(code: number, message: string): never {
  throw new CliExit(code, message);
}

/** Exits once stdout and stderr are flushed: a record of several MB must not be cut off by process.exit. */
function finish(code: number, message?: string): void {
  if (message) process.stderr.write(`${message}\n`);
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        fqdn: { type: 'string' },
        out: { type: 'string' },
        organisation: { type: 'string' },
        'no-screenshots': { type: 'boolean' },
        only: { type: 'string', multiple: true },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    exit(2, `gpc: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  const [command, inputText, ...extra] = parsed.positionals;
  if (parsed.values.help || !command) exit(command ? 0 : 2, USAGE);
  if (command === 'policy') return policy(inputText, extra);
  if (extra.length > 0) exit(2, `gpc: unexpected arguments: ${extra.join(' ')}\n${USAGE}`);

  if (command === 'csr') return writeCsr(parsed.values);
  if (command === 'assure') {
    if (!parsed.values.out) exit(2, `gpc assure: needs --out DIR\n${USAGE}`);
    return runAssureCommand({
      outDir: parsed.values.out,
      configFile: parsed.values.config,
      screenshots: !parsed.values['no-screenshots'],
      only: parsed.values.only,
    });
  }

  // Check what can be checked before starting anything.
  if (command !== 'doctor' && !isChannelName(command))
    exit(2, `gpc: unknown command or channel "${command}"\n${USAGE}`);
  let input: unknown = {};
  if (inputText !== undefined) {
    try {
      input = JSON.parse(inputText);
    } catch {
      exit(2, `gpc: the input is not valid JSON: ${inputText}`);
    }
  }

  let configFile = parsed.values.config;
  let closeDemo = async (): Promise<void> => undefined;
  // The demo build runs its in-process demonstrator through demo mode: a "live" file, even one pointing at the
  // loopback demonstrator, is refused there.
  if (!configFile && APP_FLAVOUR !== 'demo') {
    const demo = await startDemonstrator({ port: 0 });
    const files = await writeDemonstratorFiles(demo, mkdtempSync(path.join(tmpdir(), 'gpc-demonstrator-')));
    configFile = files.config;
    closeDemo = () => demo.close();
    process.stderr.write(`gpc: no --config: using the built-in demonstrator (${demo.baseUrl})\n`);
  }
  let code = 0;
  try {
    code = await run(command, input, configFile);
  } finally {
    await closeDemo();
  }
  return code;
}

/** `gpc policy check FILE`: exit 0 valid, 1 not a valid policy (key at fault named), 2 usage or unreadable. */
function policy(subcommand: string | undefined, args: string[]): number {
  if (subcommand !== 'check' || args.length > 1) exit(2, `gpc policy: usage: gpc policy check FILE\n${USAGE}`);
  const result = checkPolicyFile(args[0], APP_FLAVOUR);
  if (result.stdout) process.stdout.write(`${result.stdout}\n`);
  if (result.stderr) process.stderr.write(`${result.stderr}\n`);
  return result.code;
}

/** `gpc csr`: the key stays on this machine (mode 600); the CSR goes to the issuing team. */
async function writeCsr(options: {
  fqdn?: string | undefined;
  out?: string | undefined;
  organisation?: string | undefined;
}): Promise<number> {
  if (!options.fqdn || !options.out) exit(2, `gpc csr: needs --fqdn and --out\n${USAGE}`);
  let csr;
  try {
    csr = createEndpointCsr(options.fqdn, options.organisation);
  } catch (err) {
    exit(2, `gpc csr: ${err instanceof Error ? err.message : String(err)}`);
  }
  await mkdir(options.out, { recursive: true });
  const keyFile = path.join(options.out, 'endpoint-key.pem');
  const csrFile = path.join(options.out, 'endpoint.csr');
  // Never overwrite a key: it may belong to a certificate in use.
  await writeFile(keyFile, csr.privateKeyPem, { mode: 0o600, flag: 'wx' }).catch((err: NodeJS.ErrnoException) =>
    exit(
      2,
      `gpc csr: ${keyFile} ${err.code === 'EEXIST' ? 'already exists; choose another --out' : `cannot be written (${err.code})`}`,
    ),
  );
  await writeFile(csrFile, csr.csrPem, { flag: 'wx' }).catch((err: NodeJS.ErrnoException) =>
    exit(2, `gpc csr: ${csrFile} cannot be written (${err.code})`),
  );
  process.stdout.write(`${csrFile}\n${keyFile}\n`);
  return 0;
}

async function run(command: string, input: unknown, configFile: string | undefined): Promise<number> {
  let config;
  try {
    config = loadWorkstationConfig({ file: configFile }, {}, { flavour: APP_FLAVOUR });
    if (!configFile) process.stderr.write('gpc: no --config: demo mode with the built-in demonstrator\n');
  } catch (err) {
    process.stderr.write(`gpc: ${err instanceof ConfigError ? err.message : String(err)}\n`);
    return 2;
  }
  if (command === 'doctor') {
    if (config.mode !== 'live') {
      process.stdout.write('configuration  PASS  demo mode: no Spine connectivity is used\n');
      return 0;
    }
    const lines = await runDoctor(config, configFile ?? '(no file)', () => new Date());
    process.stdout.write(`${formatDoctor(lines)}\n`);
    return lines.some((l) => l.verdict === 'fail') ? 1 : 0;
  }
  let services;
  try {
    services = await buildServices(config, { name: APP_NAME, version: APP_VERSION }, { actAsConfiguredUser: true });
  } catch (err) {
    process.stderr.write(`gpc: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const log = createAppLog({ fd: 2 }, 'gpc');
  const dispatch = createDispatcher(services.handlers, { error: (message, fields) => log.error(message, fields) });
  const result = await callWithTrace(dispatch, command, input).finally(() => services.close());
  if (result.ok) {
    process.stdout.write(`${JSON.stringify(result.value, null, 2)}\n`);
    return 0;
  }
  process.stderr.write(`${JSON.stringify(result.error, null, 2)}\n`);
  return 1;
}

/**
 * A gpc run is one session, and a GP record needs a PDS trace in the session (the gate in main): record channels
 * are preceded by a trace of the same NHS number, as a clinician's screen would do. A failed trace is the answer.
 */
async function callWithTrace(dispatch: Dispatch, command: string, input: unknown): Promise<Result<unknown>> {
  const nhsNumber =
    (command === 'record.html' || command === 'record.structured') &&
    typeof input === 'object' &&
    input !== null &&
    'nhsNumber' in input
      ? input.nhsNumber
      : undefined;
  if (nhsNumber !== undefined) {
    const trace = await dispatch('patient.trace', { nhsNumber }, { host: 'cli' });
    if (!trace.ok) return trace;
  }
  return dispatch(command, input, { host: 'cli' });
}

main().then(
  (code) => finish(code),
  (err: unknown) => (err instanceof CliExit ? finish(err.code, err.message) : finish(1, `gpc: ${String(err)}`)),
);
