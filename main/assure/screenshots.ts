import { existsSync } from 'node:fs';
import type { Browser, BrowserType } from 'playwright-core';
import type { Dispatch } from '../ipc/dispatcher';
import { startPreviewHost } from '../preview/preview-host';
import type { ScreenshotSpec } from './scenarios';

export interface ScreenshotSetup {
  readonly rendererDir: string;
  readonly shimFile: string;
  readonly chromiumPath: string;
}

/** Why screenshots cannot be taken here, or undefined when they can. */
export function screenshotBlocker(setup: ScreenshotSetup): string | undefined {
  if (!existsSync(setup.chromiumPath)) {
    return `no Chromium at ${setup.chromiumPath} (set CHROMIUM_PATH): screenshots skipped`;
  }
  if (!existsSync(`${setup.rendererDir}/index.html`) || !existsSync(setup.shimFile)) {
    return 'the renderer is not built (npm run build): screenshots skipped';
  }
  return undefined;
}

const WAIT_FOR: Readonly<Record<ScreenshotSpec['waitFor'], string>> = {
  banner: '[aria-label="Patient banner"]',
  record: '[data-testid="record-frame"]',
  failure: '[data-testid="record-failure"]',
  'search-error': '[role="alert"], [data-testid="trace-failure"]',
};

export interface ScreenshotCamera {
  /** Photographs the screen a spec describes, served by `dispatch`, into `file` (PNG). */
  take(dispatch: Dispatch, spec: ScreenshotSpec, file: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Photographs what a clinician sees: the real renderer in Chromium through the preview host, served by the very
 * dispatch the scenario used (so its requests land in the scenario's evidence), at the SPEC §7.4 minimum 1024×768.
 * One browser for the run, started on first use. playwright-core is loaded only here, at run time, never bundled:
 * a developer tool the packaged app does not ship.
 */
export function screenshotCamera(setup: ScreenshotSetup): ScreenshotCamera {
  let browser: Promise<Browser> | undefined;
  const launch = async (): Promise<Browser> => {
    const playwright = 'playwright-core';
    const { chromium } = (await import(/* @vite-ignore */ playwright)) as { chromium: BrowserType };
    // Chromium refuses its sandbox as root (containers, CI).
    return chromium.launch({
      executablePath: setup.chromiumPath,
      args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
    });
  };
  return {
    take: async (dispatch, spec, file) => {
      browser ??= launch();
      const host = await startPreviewHost({
        port: 0,
        rendererDir: setup.rendererDir,
        shimFile: setup.shimFile,
        config: { mode: 'demo' },
        dispatch,
      });
      const page = await (await browser).newPage({ viewport: { width: 1024, height: 768 } });
      try {
        await page.goto(host.url);
        // The session gate: sign in as the demo GP first (the preview host is demo mode only).
        const search = page.getByLabel('Find a patient by NHS number');
        const signIn = page.getByRole('button', { name: 'Sign in as demo clinician' });
        await search.or(signIn).first().waitFor();
        if (await signIn.isVisible()) {
          await page.getByLabel('Dr Claire Jones, GP').check();
          await signIn.click();
        }
        await search.fill(spec.nhsNumber);
        await page.keyboard.press('Enter');
        await page.locator(WAIT_FOR[spec.waitFor]).first().waitFor({ timeout: 20_000 });
        if (spec.waitFor === 'record') {
          await page.frameLocator(WAIT_FOR.record).locator('h1').first().waitFor({ timeout: 20_000 });
        }
        await page.screenshot({ path: file, fullPage: true });
      } finally {
        await page.close();
        await host.close();
      }
    },
    close: async () => {
      if (browser) await (await browser).close();
    },
  };
}
