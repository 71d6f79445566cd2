import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { RECORD_FRAME, openWorkstation, seriousA11yViolations } from './preview';

/**
 * The record screen in Chromium through the preview host, against the in-process demonstrator (demo mode is the
 * live Spine path): trace, banner, then the GP record as HTML in its sandboxed frame.
 */
test.use({ viewport: { width: 1024, height: 768 } });

/** Every channel the page asks main for, in order (the preview shim posts `{ channel, input }`). */
function recordChannels(page: Page): { channel: string; input: unknown }[] {
  const calls: { channel: string; input: unknown }[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().includes('/__gpc/invoke')) return;
    const body = request.postDataJSON() as { channel: string; input: unknown };
    calls.push(body);
  });
  return calls;
}

async function trace(page: Page, nhsNumber: string): Promise<void> {
  await page.getByLabel('Find a patient by NHS number').fill(nhsNumber);
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Patient banner' }).waitFor();
}

const FRAME = RECORD_FRAME;
const recordFrame = (page: Page) => page.frameLocator(FRAME);

test.describe('the GP record as HTML', () => {
  test('rich patient: banner, then the Summary with the provider’s sections and banners', async ({ page }) => {
    const problems = await openWorkstation(page);
    await trace(page, '965 821 8873');
    await expect(page.getByRole('region', { name: 'Patient banner' })).toContainText('965 821 8873');
    const frame = recordFrame(page);
    await expect(frame.locator('h1')).toHaveText('Summary', { timeout: 20_000 });
    await expect(frame.locator('h2')).toContainText([
      'Emergency Codes',
      'Last 3 Encounters',
      'Active Problems and Issues',
      'Major Inactive Problems and Issues',
    ]);
    await expect(frame.locator('.content-banner').first()).toContainText("No 'Emergency Codes' data is recorded");
    await expect(frame.locator('.date-banner').first()).toHaveText('Date filter not applied');
    await expect(frame.locator('#enc-tab tbody tr')).toHaveCount(3);
    await expect(page.getByTestId('record-source')).toContainText('Riverside Medical Practice (A20047)');
    // Our stylesheet reached the frame: the banner class is styled by it, not by the provider.
    const border = await frame
      .locator('.date-banner')
      .first()
      .evaluate((el) => getComputedStyle(el).borderLeftWidth);
    expect(border).toBe('8px');
    await page.screenshot({ path: 'test-results/screenshots/record-summary.png' });
    expect(problems).toEqual([]);
  });

  test('Medications with a date range shows the provider’s date banner', async ({ page }) => {
    const calls = recordChannels(page);
    await openWorkstation(page);
    await trace(page, '9658218873');
    await page.getByRole('button', { name: 'Medications', exact: true }).click();
    // NHS.UK date inputs: day, month and year boxes in a group named for the date.
    const from = page.getByRole('group', { name: 'From' });
    await from.getByLabel('Day').fill('1');
    await from.getByLabel('Month').fill('1');
    await from.getByLabel('Year').fill('2020');
    const to = page.getByRole('group', { name: 'To' });
    await to.getByLabel('Day').fill('31');
    await to.getByLabel('Month').fill('12');
    await to.getByLabel('Year').fill('2024');
    await page.getByRole('button', { name: 'Apply dates' }).click();
    // Acute and repeat medication are always sent whole; the filtered subsections carry the period banner.
    await expect(
      recordFrame(page).locator('.date-banner', { hasText: "For the period '01-Jan-2020' to '31-Dec-2024'" }).first(),
    ).toBeVisible();
    expect(calls.filter((c) => c.channel === 'record.html').map((c) => c.input)).toEqual([
      { nhsNumber: '9658218873', section: 'SUM' },
      { nhsNumber: '9658218873', section: 'MED' },
      { nhsNumber: '9658218873', section: 'MED', from: '2020-01-01', to: '2024-12-31' },
    ]);
  });

  test('record in transit shows the GP transfer banner', async ({ page }) => {
    await openWorkstation(page);
    await trace(page, '9658219691');
    await expect(recordFrame(page).locator('.gptransfer-banner')).toBeVisible();
  });

  test('practice demographics that differ from PDS are named above the record', async ({ page }) => {
    await openWorkstation(page);
    await trace(page, '9990002037');
    const warning = page.getByTestId('cross-check-warning');
    await expect(warning).toContainText('The practice’s details for this patient differ from PDS');
    await expect(warning.getByRole('row', { name: /Family name/ })).toContainText('ASHDOWN');
    await expect(warning.getByRole('row', { name: /Family name/ })).toContainText('GARSIDE');
    await expect(recordFrame(page).locator('h1')).toHaveText('Summary', { timeout: 20_000 });
  });

  test('dissent: the consent message and what to do next, no record', async ({ page }) => {
    await openWorkstation(page);
    await trace(page, '9450056234');
    const failure = page.getByTestId('record-failure');
    await expect(failure).toContainText('The patient has not consented to share their GP record');
    await expect(failure).toContainText('What to do next:');
    await expect(page.getByTestId('record-frame')).toHaveCount(0);
  });

  test('restricted (S-flag) patient: no record request leaves the page', async ({ page }) => {
    const calls = recordChannels(page);
    await openWorkstation(page);
    await trace(page, '9658220142');
    await expect(page.getByTestId('restricted-notice')).toContainText('will not be requested through GP Connect');
    await page.waitForTimeout(300);
    // Only the trace reached Spine (session, audit status and app info are local).
    expect(calls.map((c) => c.channel).filter((c) => /^(patient|record|slots|appointment)\./.test(c))).toEqual([
      'patient.lookup',
    ]);
    await expect(page.getByTestId('record-html')).toHaveCount(0);
  });

  test('keyboard only: from the search to another section and its content', async ({ page }) => {
    await openWorkstation(page);
    await page.getByLabel('Find a patient by NHS number').focus();
    await page.keyboard.type('9658218873');
    await page.keyboard.press('Enter');
    await expect(recordFrame(page).locator('h1')).toHaveText('Summary', { timeout: 20_000 });
    const allergies = page.getByRole('button', { name: 'Allergies and Adverse Reactions', exact: true });
    for (let i = 0; i < 12 && !(await allergies.evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(allergies).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(recordFrame(page).locator('h1')).toHaveText('Allergies and Adverse Reactions');
    await expect(allergies).toHaveAttribute('aria-current', 'true');
  });

  test('no serious or critical accessibility violations on the record screen', async ({ page }) => {
    await openWorkstation(page);
    await trace(page, '9990002037');
    await expect(recordFrame(page).locator('h1')).toHaveText('Summary', { timeout: 20_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Medications', exact: true }).click();
    await expect(recordFrame(page).locator('h1')).toHaveText('Medications');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await trace(page, '9450056234');
    await page.getByTestId('record-failure').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
