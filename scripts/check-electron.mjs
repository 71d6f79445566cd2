// postinstall: say plainly whether this machine has an Electron binary, and fail if a download silently did not
// happen. Build machines without a route to Electron's downloads set ELECTRON_SKIP_BINARY_DOWNLOAD=1 (see README).
import { createRequire } from 'node:module';
import { electronBinary } from './electron-binary.mjs';

const skipped = ['1', 'true'].includes(String(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '').toLowerCase());
try {
  createRequire(import.meta.url).resolve('electron/package.json');
} catch {
  // electron not installed (e.g. npm ci --omit=dev): nothing to check.
  process.exit(0);
}
const binary = electronBinary();
if (binary) {
  console.log(`electron: binary present (${binary})`);
} else if (skipped) {
  console.log(
    'electron: binary download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD=1); `npm start` will use the browser preview host.',
  );
} else {
  console.error('electron: the Electron binary is missing although its download was not skipped.');
  console.error(
    'electron: set ELECTRON_SKIP_BINARY_DOWNLOAD=1 on machines with no route to the download, or fix the download.',
  );
  process.exit(1);
}
