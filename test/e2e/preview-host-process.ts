import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * A preview host of its own, started exactly as a script would (`out/main/preview.js --port 0 --no-open [args]`):
 * for the global setup, and for suites that change main's one session or need faults or a policy from the start.
 */
export interface PreviewHostProcess {
  /** The printed URL, token included. */
  readonly url: string;
  stop(): void;
}

/** The demonstrator's throwaway PKI takes well over 15 s on a loaded 2-core CI machine: 90 s before giving up. */
export const HOST_START_TIMEOUT_MS = 90_000;

export async function startPreviewHostProcess(
  options: { readonly args?: readonly string[]; readonly env?: Readonly<Record<string, string>> } = {},
): Promise<PreviewHostProcess> {
  if (!existsSync('out/main/preview.js')) throw new Error('out/main/preview.js is missing: run `npm run build` first');
  const child = spawn(process.execPath, ['out/main/preview.js', '--port', '0', '--no-open', ...(options.args ?? [])], {
    env: { ...process.env, GPC_MODE: 'demo', ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const seconds = HOST_START_TIMEOUT_MS / 1000;
    const timer = setTimeout(
      () => reject(new Error(`preview host did not print its URL within ${seconds} s`)),
      HOST_START_TIMEOUT_MS,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`preview host exited with ${String(code)}`));
    });
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
  });
  return { url, stop: () => void child.kill('SIGTERM') };
}
