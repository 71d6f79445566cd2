import { readFileSync } from 'node:fs';
import { expect as baseExpect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { RECORD_FRAME, openWorkstation, seriousA11yViolations } from './preview';

/**
 * The audit viewer and the diagnostics screen in Chromium through the preview host (demo mode: the demo user is the
 * audit admin). Records come from what the test itself does on the patient screen.
 */
// Each screen's first answer crosses the preview host and the demonstrator; on a loaded 2-core runner 5 s is short.
const expect = baseExpect.configure({ timeout: 20_000 });
// Two axe scans and two traces in one test took 47 s on such a runner.
test.describe.configure({ timeout: 120_000 });

async function trace(page: Page, nhsNumber: string): Promise<void> {
  await page.getByTestId('nav-patient').click();
  await page.getByLabel('Find a patient by NHS number').fill(nhsNumber);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('region', { name: 'Patient banner' }).waitFor();
  // The record's first section is fetched (and audited) after the banner: leaving before it arrives would race it.
  await expect(page.frameLocator(RECORD_FRAME).locator('h1')).toHaveText('Summary');
}

test.describe('audit trail viewer', () => {
  test('shows this session’s traces with the chain status; a bad NHS number filter is explained; no a11y violations', async ({
    page,
  }) => {
    const problems = await openWorkstation(page);
    await trace(page, '943 476 5919');
    await page.getByTestId('nav-audit').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
    await expect(page.getByTestId('audit-chain-status')).toContainText('Chain verified');
    // The trace, the record section the patient screen opened with, and the GP Connect interaction behind it.
    const table = page.getByTestId('audit-table');
    await expect(table).toContainText('Trace patient (PDS)');
    await expect(table).toContainText('View record section (HTML)');
    await expect(table).toContainText('Get the care record (HTML)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Patient NHS number').fill('943 476 5918');
    await page.getByTestId('audit-apply').click();
    await expect(page.getByTestId('audit-filter-error')).toContainText('check digit');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('filters by patient and outcome and exports what is shown as CSV, itself audited', async ({ page }) => {
    await openWorkstation(page);
    await trace(page, '943 476 5919');
    await trace(page, '965 821 8873');
    await page.getByTestId('nav-audit').click();
    await page.getByLabel('Patient NHS number').fill('943 476 5919');
    await page.getByLabel('Outcome').selectOption('success');
    await page.getByTestId('audit-apply').click();
    const rows = page.getByTestId('audit-row');
    await expect(page.getByTestId('audit-count')).toBeVisible();
    await expect(rows.first()).toContainText('943 476 5919');
    const texts = await rows.allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    for (const row of texts) {
      expect(row).toContain('943 476 5919');
      expect(row).toContain('Success');
      expect(row).not.toContain('965 821 8873');
    }
    await page.screenshot({ path: 'test-results/screenshots/audit-viewer.png', fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^gpc-audit-\d{8}-\d{4}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toContain('"NHS number"');
    expect(lines.length).toBe(texts.length + 1);
    await expect(page.getByTestId('audit-exported')).toContainText(`${texts.length} record`);
    await page.getByLabel('Patient NHS number').fill('');
    await page.getByLabel('Outcome').selectOption('');
    await page.getByTestId('audit-apply').click();
    await expect(rows.first()).toContainText('Export audit trail (CSV)');
  });

  test('works with the keyboard alone', async ({ page }) => {
    await openWorkstation(page);
    const nav = page.getByTestId('nav-audit');
    for (let i = 0; i < 10 && !(await nav.evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(nav).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
    const user = page.getByLabel('User', { exact: true });
    for (let i = 0; i < 10 && !(await user.evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(user).toBeFocused();
    await page.keyboard.type('nobody at all');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('audit-count')).toHaveText('0 records');
  });
});

test.describe('Diagnostics', () => {
  test('runs the connection checks, shows each verdict and copies a report for the service desk', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-write']);
    // The app's policy forbids reading the clipboard (Permissions-Policy), so the test records what is written.
    await page.addInitScript(() => {
      const clipboard = navigator.clipboard;
      const write = clipboard.writeText.bind(clipboard);
      clipboard.writeText = async (text: string) => {
        (window as unknown as { __copied?: string }).__copied = text;
        return write(text);
      };
    });
    const problems = await openWorkstation(page);
    await page.getByTestId('nav-diagnostics').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Diagnostics' })).toBeVisible();
    await expect(page.getByTestId('diagnostics-summary')).toHaveText('All checks passed.', { timeout: 30_000 });
    const table = page.getByTestId('diagnostics-table');
    for (const check of [
      'certificate',
      'private key',
      'certificate chain',
      'SSP TLS',
      'PDS TLS',
      'SDS TLS',
      'clock skew',
    ]) {
      await expect(table.getByRole('row', { name: new RegExp(`^${check} Pass`) })).toBeVisible();
    }
    const report = await page.getByTestId('diagnostics-report').inputValue();
    expect(report).toContain('doctor: all checks passed');
    expect(report).not.toMatch(/PRIVATE KEY|\b\d{10}\b/);
    await page.getByTestId('diagnostics-copy').click();
    await expect(page.getByTestId('diagnostics-copied')).toContainText('Report copied');
    expect(await page.evaluate(() => (window as unknown as { __copied?: string }).__copied)).toBe(report);
    await page.screenshot({ path: 'test-results/screenshots/diagnostics.png', fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('keyboard: reach Diagnostics from the header and copy the report', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-write']);
    await openWorkstation(page);
    const nav = page.getByTestId('nav-diagnostics');
    for (let i = 0; i < 10 && !(await nav.evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('diagnostics-summary')).toBeVisible({ timeout: 30_000 });
    const copy = page.getByTestId('diagnostics-copy');
    for (let i = 0; i < 10 && !(await copy.evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(copy).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('diagnostics-copied')).toContainText('Report copied');
  });
});
