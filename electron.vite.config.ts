import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { RENDERER_CSP } from './main/app-protocol/csp';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** The build flavour (`GPC_FLAVOUR=demo npm run build`, or `npm run build:demo`): clinical unless asked. */
const flavour = process.env['GPC_FLAVOUR'] ?? 'clinical';
if (flavour !== 'clinical' && flavour !== 'demo') {
  throw new Error(`GPC_FLAVOUR must be "clinical" or "demo", not "${flavour}"`);
}

/** The commit for the About box: GPC_COMMIT (CI may set it), else git, else "unknown" (a source tarball). */
function commitHash(): string {
  if (process.env['GPC_COMMIT']) return process.env['GPC_COMMIT'];
  try {
    const hash = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8', stdio: 'pipe' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    return dirty ? `${hash}-modified` : hash;
  } catch {
    return 'unknown';
  }
}

const changelogFile = new URL('./CHANGELOG.md', import.meta.url);
const changelog = existsSync(changelogFile) ? readFileSync(changelogFile, 'utf8') : '';

// frame-ancestors is ignored (with a console warning) in a <meta> CSP; the headers carry it.
const META_CSP = RENDERER_CSP.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');

/** Writes the CSP into the built page too (defence in depth beside the header both hosts send). Build only: the dev server needs inline scripts. */
function cspMeta(): Plugin {
  return {
    name: 'gpc-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="utf-8" />',
        `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${META_CSP}" />`,
      ),
  };
}

export default defineConfig({
  main: {
    define: {
      __APP_VERSION__: JSON.stringify(pkg.version),
      __GPC_FLAVOUR__: JSON.stringify(flavour),
      __GPC_COMMIT__: JSON.stringify(commitHash()),
      __GPC_CHANGELOG__: JSON.stringify(changelog),
    },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: 'main/electron/index.ts',
          preview: 'main/preview/cli.ts',
          demonstrator: 'main/demonstrator/cli.ts',
          gpc: 'main/cli/gpc.ts',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() anything but a few Electron modules: bundle everything, emit CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: 'preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react(), cspMeta()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      emptyOutDir: true,
      rollupOptions: { input: 'renderer/index.html' },
    },
  },
});
