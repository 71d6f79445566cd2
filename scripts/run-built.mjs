// Runs one built Node entry of the app (`out/main/<entry>.js`): preview, demonstrator or gpc. Builds first when the
// build is missing or older than the sources, so `npm run <entry>` always runs the code in the working tree.
// usage: node scripts/run-built.mjs <entry> [args...]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const [entry, ...args] = process.argv.slice(2);
if (!entry || !/^[a-z-]+$/.test(entry)) {
  console.error('usage: node scripts/run-built.mjs <entry> [args...]');
  process.exit(2);
}
const built = `out/main/${entry}.js`;

function newestSource(dir) {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = ['main', 'shared', 'renderer', 'preload'].filter((d) => existsSync(d));
const stale =
  !existsSync(built) ||
  !existsSync('out/renderer/index.html') ||
  Math.max(...sources.map(newestSource)) > statSync(built).mtimeMs;
if (stale) {
  // Quiet unless it fails: the entry's own output is what the caller reads.
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout}${build.stderr}`);
    process.exit(build.status ?? 1);
  }
}
const env = entry === 'preview' ? { ...process.env, GPC_MODE: process.env.GPC_MODE ?? 'demo' } : process.env;
const child = spawn(process.execPath, [built, ...args], { stdio: 'inherit', env });
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
