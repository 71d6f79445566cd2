// `npm run build:demo` (= `node scripts/build-flavour.mjs demo`): `npm run build` with GPC_FLAVOUR set, on any OS
// (no `VAR=value cmd` shell syntax, which Windows' cmd does not understand).
import { spawnSync } from 'node:child_process';

const flavour = process.argv[2];
if (flavour !== 'clinical' && flavour !== 'demo') {
  console.error('usage: node scripts/build-flavour.mjs clinical|demo');
  process.exit(2);
}
const r = spawnSync('npm', ['run', 'build'], {
  stdio: 'inherit',
  env: { ...process.env, GPC_FLAVOUR: flavour },
  shell: process.platform === 'win32',
});
process.exit(r.status ?? 1);
