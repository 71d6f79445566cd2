import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-binary.mjs';

/**
 * The real Electron shell. Where no Electron binary exists (our build machines cannot download it) this suite
 * reports itself skipped, not passed; the e2e suite covers the same UI through the preview host.
 */
const binary = electronBinary();
test.skip(
  binary === null,
  'No Electron binary on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD=1): shell not tested here',
);

test('the window is hardened and traces a demo patient', async () => {
  const app = await electron.launch({
    executablePath: binary ?? '',
    args: ['.', '--no-sandbox'],
    env: { ...process.env, GPC_MODE: 'demo', NODE_ENV: 'production' },
  });
  try {
    const page = await app.firstWindow();
    expect(page.url()).toBe('app://workstation/index.html');
    // Isolated and sandboxed: no Node in the page world, only the generated contract API.
    const surface = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      gpc: Object.keys((globalThis as unknown as { gpc: object }).gpc).sort(),
    }));
    expect(surface).toEqual({
      require: 'undefined',
      process: 'undefined',
      gpc: ['app', 'appointment', 'patient', 'record', 'slots'],
    });
    await page.getByLabel('Find a patient by NHS number').fill('943 476 5919');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Patient banner' })).toContainText('HARTLEY');
    // New windows are denied.
    expect(await page.evaluate(() => window.open('https://example.org') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  } finally {
    await app.close();
  }
});
