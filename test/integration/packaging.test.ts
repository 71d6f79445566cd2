import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listPackage } from '@electron/asar';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * What the installers would carry: electron-builder packs the app folder (`--dir`) with electron-builder.yml, using a
 * stand-in Electron folder (our build machines cannot download Electron). Flipping the fuses needs the real binary,
 * so that last step fails here by design; the archive it packed before that is what is checked.
 */
let files: string[] = [];
let buildLog = '';

beforeAll(() => {
  if (!existsSync('out/main/index.js')) throw new Error('out/ is missing: run `npm run build` first');
  const fakeElectron = mkdtempSync(path.join(tmpdir(), 'gpc-fake-electron-'));
  writeFileSync(path.join(fakeElectron, 'electron'), '#!/bin/sh\nexit 0\n');
  chmodSync(path.join(fakeElectron, 'electron'), 0o755);
  writeFileSync(path.join(fakeElectron, 'version'), '40.8.5');
  mkdirSync(path.join(fakeElectron, 'resources'));
  const output = mkdtempSync(path.join(tmpdir(), 'gpc-dist-'));
  const r = spawnSync(
    'npx',
    [
      '--no-install',
      'electron-builder',
      '--dir',
      '--linux',
      `-c.electronDist=${fakeElectron}`,
      `-c.directories.output=${output}`,
    ],
    { encoding: 'utf8', timeout: 240_000 },
  );
  buildLog = `${r.stdout}${r.stderr}`;
  const asarFile = path.join(output, 'linux-unpacked', 'resources', 'app.asar');
  if (!existsSync(asarFile)) throw new Error(`electron-builder packed nothing:\n${buildLog.slice(-2000)}`);
  files = listPackage(asarFile, { isPack: false });
}, 300_000);

describe('packed application archive (asar)', () => {
  it('only failed, if at all, where a real Electron binary is needed (the fuses)', () => {
    const errors = buildLog.split('\n').filter((l) => l.includes('⨯'));
    expect(errors.every((l) => l.includes('Could not find sentinel'))).toBe(true);
  });

  it('holds the built app: main, the CommonJS preload, the renderer, and the demonstrator’s example payloads', () => {
    for (const needed of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/assets/gpconnect/examples/structured/demonstrator-Problems_ConsumerData_v0_2.json',
    ]) {
      expect(files, needed).toContain(needed);
    }
  });

  it('holds no sources, tests, source maps, developer hosts or development dependencies', () => {
    const forbidden = files.filter(
      (f) =>
        /^\/(main|renderer|preload|shared|test|scripts|bench)\//.test(f) ||
        /\.map$/.test(f) ||
        /^\/out\/main\/(preview|gpc|demonstrator)\.js$/.test(f) ||
        /^\/out\/(preview-shim|tsc)\//.test(f) ||
        /^\/node_modules\/(electron|vitest|@vitest|playwright|playwright-core|@playwright|typescript|eslint|prettier|vite|react|react-dom|nhsuk-frontend|electron-builder|@testing-library|fast-check)\//.test(
          f,
        ),
    );
    expect(forbidden).toEqual([]);
  });
});
