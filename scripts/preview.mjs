// `npm run preview -- --port N --no-open`: the browser preview host on the built renderer (build first if needed).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (
  !existsSync('out/main/preview.js') ||
  !existsSync('out/renderer/index.html') ||
  !existsSync('out/preview-shim/gpc-shim.js')
) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const child = spawn(process.execPath, ['out/main/preview.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, GPC_MODE: process.env.GPC_MODE ?? 'demo' },
});
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
