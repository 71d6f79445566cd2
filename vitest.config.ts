import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Three kinds of Vitest suite: unit (pure, Node), integration (real services on loopback, Node), renderer (jsdom). */
export default defineConfig({
  test: {
    // Vitest leaves one of two cores idle by default; most of these suites wait on sockets and child processes.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // `npm run bench` (full) and `npm run bench:quick` (CI): figures, not assertions on speed.
          name: 'bench',
          include: ['test/bench/**/*.bench.ts'],
          globalSetup: ['test/bench/global-setup.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/renderer/setup.ts'],
          css: false,
        },
      },
    ],
  },
});
