// `npm run dist:dir [-- --electron-dist DIR] [--flavour clinical|demo]`: an unpacked app folder (electron-builder
// --dir), never a download. `--flavour demo` builds the offline demo flavour and packs it with
// electron-builder.demo.yml (its own app id and name).
// electron-builder would fetch Electron itself; our build machines cannot, so it is given a local Electron folder:
// --electron-dist DIR, else $ELECTRON_DIST, else node_modules/electron/dist when the binary was downloaded.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { electronBinary } from './electron-binary.mjs';

let values;
try {
  ({ values } = parseArgs({
    options: { 'electron-dist': { type: 'string' }, flavour: { type: 'string', default: 'clinical' } },
    strict: true,
  }));
  if (values.flavour !== 'clinical' && values.flavour !== 'demo') {
    throw new Error(`--flavour must be clinical or demo, not "${values.flavour}"`);
  }
} catch (err) {
  console.error(`dist:dir: ${err.message}\nusage: npm run dist:dir -- [--electron-dist DIR] [--flavour clinical|demo]`);
  process.exit(2);
}
const binary = electronBinary();
const electronDist = values['electron-dist'] ?? process.env.ELECTRON_DIST ?? (binary ? path.dirname(binary) : null);
if (!electronDist) {
  console.error('dist:dir: no local Electron folder. Give one with --electron-dist DIR (an unpacked Electron 40.8.5');
  console.error(
    'dist:dir: release for this platform), set ELECTRON_DIST, or install with the Electron download allowed.',
  );
  process.exit(2);
}
if (!existsSync(electronDist)) {
  console.error(`dist:dir: --electron-dist ${electronDist} does not exist`);
  process.exit(2);
}
const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
// The flavour is compiled in (GPC_FLAVOUR), so the build and the packaging configuration are chosen together here.
run(process.execPath, ['scripts/build-flavour.mjs', values.flavour]);
const config = values.flavour === 'demo' ? 'electron-builder.demo.yml' : 'electron-builder.yml';
run('npx', ['electron-builder', '--dir', '--config', config, `-c.electronDist=${path.resolve(electronDist)}`]);
