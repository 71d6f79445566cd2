import { startPreviewHostProcess } from './preview-host-process';

/**
 * Starts the browser preview host shared by the suites and hands its printed URL, token included, to the tests.
 * `npm test` builds before running Playwright.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const host = await startPreviewHostProcess();
  process.env['GPC_PREVIEW_URL'] = host.url;
  return async () => host.stop();
}
