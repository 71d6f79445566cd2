import { defineConfig } from 'vite';

/** The preview host's `window.gpc` shim: one classic script, built from the same contract as the preload. */
export default defineConfig({
  build: {
    outDir: 'out/preview-shim',
    emptyOutDir: true,
    minify: false,
    lib: { entry: 'preload/preview-shim.ts', formats: ['iife'], name: 'gpcPreviewShim', fileName: () => 'gpc-shim.js' },
  },
});
