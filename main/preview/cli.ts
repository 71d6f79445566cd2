import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error';
import { loadStartupConfig } from '../config/startup-config';
import { createDispatcher } from '../ipc/dispatcher';
import { createAppLog } from '../logging/app-log';
import { buildServices } from '../services';
import { APP_FLAVOUR, APP_NAME, APP_VERSION } from '../app-identity';
import type { ActiveScenario } from '../demonstrator/scenarios';
import { parseScenario } from '../demonstrator/scenarios';
import { startPreviewHost } from './preview-host';

/**
 * `npm run preview -- --port N --no-open`: the browser preview host. Prints the full URL (with the per-launch token)
 * as the only line on stdout, so scripts can read it; everything else goes to stderr.
 */
const USAGE = 'usage: preview [--port N] [--no-open] [--scenario NAME[:NUMBER][@ODS]]...';

function fail(message: string): never {
  process.stderr.write(`preview: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse(): { port: number; open: boolean; scenarios: ActiveScenario[] } {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        'no-open': { type: 'boolean', default: false },
        // Demonstrator scenarios from the start, as `npm run demonstrator -- --scenario` takes them (tests of failures).
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
  const scenarios = values.scenario.map((text) => {
    const parsed = parseScenario(text);
    if (typeof parsed === 'string') fail(`--scenario: ${parsed}`);
    return parsed;
  });
  return { port, open: !values['no-open'], scenarios };
}

function openInChromium(url: string): void {
  const browser = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((b) =>
    existsSync(b),
  );
  if (!browser || (!process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'])) {
    process.stderr.write(
      'preview: no browser window could be opened here (no Chromium or no display); open the URL above.\n',
    );
    return;
  }
  const profile = mkdtempSync(path.join(tmpdir(), 'gpc-preview-'));
  // A throwaway profile, no background calls home (the machine may have no route), software rendering (works under
  // Xvfb and remote desktops).
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-gpu',
  ];
  // Chromium refuses to start as root with its sandbox (containers, CI); desktops never run it as root.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const child = spawn(browser, args, { stdio: 'ignore', detached: true });
  child.unref();
}

async function main(): Promise<void> {
  const args = parse();
  const here = path.dirname(fileURLToPath(import.meta.url));
  const outDir = path.resolve(here, '..');
  const rendererDir = path.join(outDir, 'renderer');
  const shimFile = path.join(outDir, 'preview-shim', 'gpc-shim.js');
  if (!existsSync(path.join(rendererDir, 'index.html')) || !existsSync(shimFile)) {
    fail('the renderer is not built: run `npm run build` first');
  }
  let config;
  let settings;
  try {
    // A development and test host: GPC_POLICY_FILE may move the policy file (the e2e tests lock settings with it).
    ({ config, settings } = loadStartupConfig(process.env, { flavour: APP_FLAVOUR, policyOverride: true }));
  } catch (err) {
    fail(err instanceof ConfigError ? err.message : String(err));
  }
  if (config.mode !== 'demo') fail('the preview host runs in demo mode only; it refuses a live Spine configuration');
  const services = await buildServices(
    config,
    { name: APP_NAME, version: APP_VERSION },
    { settings, ...(args.scenarios.length > 0 ? { demoScenarios: args.scenarios } : {}) },
  );
  const log = createAppLog({ fd: 2 }, 'preview');
  const dispatch = createDispatcher(services.handlers, { error: (message, fields) => log.error(message, fields) });
  let host;
  try {
    host = await startPreviewHost({ port: args.port, rendererDir, shimFile, config, dispatch });
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  process.stdout.write(`${host.url}\n`);
  if (args.open) openInChromium(host.url);
  const stop = (): void => void Promise.all([host.close(), services.close()]).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
