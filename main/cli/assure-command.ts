import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_NAME, APP_VERSION } from '../app-identity';
import { runAssure } from '../assure/run-assure';
import { SCENARIOS } from '../assure/scenarios';
import { ConfigError } from '../config/config-error';

/**
 * `gpc [--config FILE] assure --out DIR [--no-screenshots] [--only ID]...`: the consumer assurance run and its
 * evidence pack. Exit 0 when every scenario passed, 1 when any failed, 2 when it could not run.
 */
export async function runAssureCommand(options: {
  outDir: string;
  configFile: string | undefined;
  screenshots: boolean;
  only: readonly string[] | undefined;
}): Promise<number> {
  const unknown = (options.only ?? []).filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown.length > 0) {
    process.stderr.write(`gpc assure: unknown scenario ${unknown.join(', ')}\n`);
    return 2;
  }
  // The built renderer and shim sit beside this bundle (out/main/gpc.js → out/renderer, out/preview-shim).
  const outRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const screenshots = options.screenshots
    ? {
        rendererDir: path.join(outRoot, 'renderer'),
        shimFile: path.join(outRoot, 'preview-shim', 'gpc-shim.js'),
        chromiumPath:
          process.env['CHROMIUM_PATH'] ??
          ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((b) => existsSync(b)) ??
          '/usr/bin/chromium',
      }
    : undefined;
  try {
    const report = await runAssure({
      outDir: path.resolve(options.outDir),
      ...(options.configFile ? { configFile: options.configFile } : {}),
      ...(screenshots ? { screenshots } : {}),
      ...(options.only ? { only: options.only } : {}),
      product: { name: APP_NAME, version: APP_VERSION },
      progress: (line) => process.stderr.write(`${line}\n`),
    });
    const failed = report.runs.filter((r) => !r.pass).length;
    process.stdout.write(
      `${report.runs.length - failed} of ${report.runs.length} scenarios passed in ${(report.durationMs / 1000).toFixed(1)} s; evidence: ${path.join(path.resolve(options.outDir), 'summary.html')}\n`,
    );
    return failed === 0 ? 0 : 1;
  } catch (err) {
    process.stderr.write(
      `gpc assure: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`,
    );
    return 2;
  }
}
