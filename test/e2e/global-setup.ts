import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * Starts the browser preview host exactly as a script would (`out/main/preview.js --port 0 --no-open`) and hands
 * its printed URL, token included, to the tests. `npm test` builds before running Playwright.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync('out/main/preview.js')) throw new Error('out/main/preview.js is missing: run `npm run build` first');
  const child = spawn(process.execPath, ['out/main/preview.js', '--port', '0', '--no-open'], {
    env: { ...process.env, GPC_MODE: 'demo' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('preview host did not print its URL within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`preview host exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
  });
  process.env['GPC_PREVIEW_URL'] = url;
  return async () => {
    child.kill('SIGTERM');
  };
}
