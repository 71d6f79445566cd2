import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * What the installers would carry: electron-builder packs the app folder (`--dir`) with electron-builder.yml, using a
 * stand-in Electron folder (our build machines cannot download Electron). The stand-in binary carries a fuse wire
 * laid out as Electron's (sentinel, version, length, one byte per fuse, in Electron's default states), so
 * electron-builder's own fuse step runs on it and the flipped wire is read back with @electron/fuses.
 */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, ASAR integrity off,
// only-from-ASAR off, browser V8 snapshot off, file:// extra privileges on.
const ELECTRON_DEFAULT_WIRE = '10110001';

let files: string[] = [];
let buildLog = '';
let asarFile = '';
let binary = '';

function fakeElectron(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gpc-fake-electron-'));
  const wire = Buffer.concat([
    Buffer.from('#!/bin/sh\nexit 0\n# '),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]),
    Buffer.from(ELECTRON_DEFAULT_WIRE),
    Buffer.from('\n'),
  ]);
  writeFileSync(path.join(dir, 'electron'), wire);
  chmodSync(path.join(dir, 'electron'), 0o755);
  writeFileSync(path.join(dir, 'version'), '40.8.5');
  mkdirSync(path.join(dir, 'resources'));
  return dir;
}

beforeAll(() => {
  if (!existsSync('out/main/index.js')) throw new Error('out/ is missing: run `npm run build` first');
  const output = mkdtempSync(path.join(tmpdir(), 'gpc-dist-'));
  const r = spawnSync(
    'npx',
    [
      '--no-install',
      'electron-builder',
      '--dir',
      '--linux',
      `-c.electronDist=${fakeElectron()}`,
      `-c.directories.output=${output}`,
    ],
    { encoding: 'utf8', timeout: 240_000 },
  );
  buildLog = `${r.stdout}${r.stderr}`;
  asarFile = path.join(output, 'linux-unpacked', 'resources', 'app.asar');
  binary = path.join(output, 'linux-unpacked', 'gp-connect-workstation');
  if (!existsSync(asarFile)) throw new Error(`electron-builder packed nothing:\n${buildLog.slice(-2000)}`);
  files = listPackage(asarFile, { isPack: false });
  console.log(`packaging: app.asar ${statSync(asarFile).size} bytes, ${files.length} entries`);
}, 300_000);

describe('packed application archive (asar)', () => {
  it('was packed without an error, fuses included', () => {
    expect(buildLog.split('\n').filter((l) => l.includes('⨯'))).toEqual([]);
  });

  it('holds the built app: main, the CommonJS preload, the renderer, licences and the demonstrator’s payloads', () => {
    for (const needed of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/out/THIRD_PARTY_NOTICES.txt',
      '/out/licences.json',
      '/assets/gpconnect/examples/structured/demonstrator-Problems_ConsumerData_v0_2.json',
      '/node_modules/zod/package.json',
    ]) {
      expect(files, needed).toContain(needed);
    }
  });

  it('holds no sources, tests, source maps, TypeScript, developer hosts or development dependencies', () => {
    const devDependencies = Object.keys(
      (JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> }).devDependencies,
    );
    const forbidden = files.filter(
      (f) =>
        /^\/(main|renderer|preload|shared|test|scripts|bench|docs|dist)\//.test(f) ||
        /\.(map|ts|mts|cts|tsx)$/.test(f) ||
        /\/(test|tests|__tests__)\//.test(f) ||
        /^\/out\/main\/(preview|gpc|demonstrator)\.js$/.test(f) ||
        /^\/out\/(preview-shim|tsc)\//.test(f) ||
        /^\/(electron-builder.*\.yml|tsconfig.*\.json|vitest\.config\.ts|CHANGELOG\.md|README\.md)$/.test(f) ||
        devDependencies.some((d) => f.startsWith(`/node_modules/${d}/`)),
    );
    expect(forbidden).toEqual([]);
  });
});

/** A configuration as electron-builder itself reads it (`extends` resolved) and validated against its schema. */
async function builderConfig(file: string): Promise<Configuration> {
  const config = await getConfig(process.cwd(), file, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('installer configuration', () => {
  it('builds NSIS (per machine) and MSI for Windows, deb, rpm and AppImage for Linux, dmg for macOS', async () => {
    const config = await builderConfig('electron-builder.yml');
    expect(config).toMatchObject({
      appId: 'uk.nhs.gpconnect.workstation',
      productName: 'GP Connect Workstation',
      asar: true,
      fileAssociations: [],
      publish: null,
      win: { target: ['nsis', 'msi'] },
      nsis: { oneClick: false, perMachine: true },
      msi: { perMachine: true },
      linux: { target: ['deb', 'rpm', 'AppImage'] },
      mac: { target: 'dmg' },
    });
  });

  it('gives the demo build its own identity and the same hardening', async () => {
    const [clinical, demo] = await Promise.all([
      builderConfig('electron-builder.yml'),
      builderConfig('electron-builder.demo.yml'),
    ]);
    expect(demo).toMatchObject({
      appId: 'uk.nhs.gpconnect.workstation.demo',
      productName: 'GP Connect Workstation Demo',
      extraMetadata: { name: 'gp-connect-workstation-demo', productName: 'GP Connect Workstation Demo' },
    });
    expect(demo.msi?.upgradeCode).not.toBe(clinical.msi?.upgradeCode);
    expect(demo.electronFuses).toEqual(clinical.electronFuses);
    expect(demo.files).toEqual(clinical.files);
    expect(demo.nsis).toEqual(clinical.nsis);
  });
});

describe('Electron fuses', () => {
  it('are declared in electron-builder.yml as the hardening checklist asks', async () => {
    const config = await builderConfig('electron-builder.yml');
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('are flipped in the packed executable (read back with @electron/fuses)', async () => {
    const wire = await getCurrentFuseWire(binary);
    const state = (fuse: FuseV1Options) => wire[fuse];
    expect(state(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
    // Left as Electron ships it.
    expect(state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe(FuseState.DISABLE);
  });
});
