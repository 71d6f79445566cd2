// `npm start`: the app in demo mode. The Electron window where an Electron binary exists; otherwise the browser
// preview host (opened in Chromium when there is a display, else its URL printed), with one line saying why.
import { spawn } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

const env = { ...process.env, GPC_MODE: 'demo' };
const binary = electronBinary();
const child = binary
  ? spawn(binary, ['.'], { stdio: 'inherit', env })
  : (console.error(
      'start: no Electron binary on this machine (downloads are skipped here); opening the browser preview host instead.',
    ),
    spawn(process.execPath, ['out/main/preview.js'], { stdio: 'inherit', env }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
