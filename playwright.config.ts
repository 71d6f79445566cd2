import { defineConfig } from '@playwright/test';

/**
 * End-to-end suites. `e2e`: Debian's Chromium against the browser preview host (never a downloaded browser).
 * `electron`: the real app through Playwright's `_electron`, which skips itself where no Electron binary exists.
 */
export default defineConfig({
  testDir: 'test',
  // axe scans of a full screen take several seconds each on a loaded 2-core CI machine.
  timeout: 60_000,
  workers: 2,
  reporter: [['list']],
  globalSetup: './test/e2e/global-setup.ts',
  use: {
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'off',
  },
  projects: [
    { name: 'e2e', testDir: 'test/e2e', testMatch: /.*\.spec\.ts/ },
    { name: 'electron', testDir: 'test/electron', testMatch: /.*\.spec\.ts/ },
  ],
});
