import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { seriousA11yViolations, signInAsDemoGp } from './preview';
import type { PreviewHostProcess } from './preview-host-process';
import { HOST_START_TIMEOUT_MS, startPreviewHostProcess } from './preview-host-process';

/**
 * The Settings and about screen in Chromium, served by a preview host of its own that reads a machine policy file
 * (GPC_POLICY_FILE: honoured by the development hosts only) and an empty user settings folder.
 */
let host: PreviewHostProcess | undefined;
let url = '';

test.beforeAll(async () => {
  // The host generates its demonstrator's keys at start: slow on a loaded CI machine.
  test.setTimeout(HOST_START_TIMEOUT_MS + 30_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'gpc-e2e-policy-'));
  const policyFile = path.join(dir, 'policy.json');
  writeFileSync(
    policyFile,
    JSON.stringify({ mode: 'demo', session: { inactivityMinutes: 5 }, appointments: { favourites: ['A20047'] } }),
  );
  host = await startPreviewHostProcess({ env: { GPC_POLICY_FILE: policyFile, XDG_CONFIG_HOME: dir } });
  url = host.url;
});

test.afterAll(() => {
  host?.stop();
});

test('Settings and about: policy locks, About box, accessible', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  await signInAsDemoGp(page);
  await page.getByRole('button', { name: 'Settings and about' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings and about');

  const row = (key: string) => page.getByTestId(`setting-${key}`);
  await expect(page.getByTestId('policy-summary')).toContainText('3 setting(s) are locked');
  await expect(row('session.inactivityMinutes')).toContainText('5');
  await expect(row('session.inactivityMinutes')).toContainText('Locked by your organisation');
  await expect(row('appointments.favourites')).toContainText('A20047');
  await expect(row('appointments.favourites')).toContainText('Locked by your organisation');
  await expect(row('mode')).toContainText('Locked by your organisation');
  await expect(row('explorer.enabled')).toContainText('Off');
  await expect(row('explorer.enabled')).toContainText('Default');
  await expect(row('explorer.enabled').getByTestId('setting-locked')).toHaveCount(0);

  const about = page.getByTestId('about-box');
  await expect(about.getByTestId('about-build')).toHaveText('Clinical build');
  await expect(about.getByTestId('about-commit')).toHaveText(/^[0-9a-f]{12}(-modified)?$/);
  await expect(about.getByTestId('about-electron')).toContainText('Not running in Electron');
  await expect(about.getByRole('region', { name: /^Release / }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/settings-about.png', fullPage: true });

  expect(await seriousA11yViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
});
