import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openWorkstation, seriousA11yViolations } from './preview';

/**
 * The interaction explorer in Chromium through the preview host (demo mode: explorer.enabled defaults on), driven by
 * the keyboard: the session's requests, one in full with NHS numbers masked, unmask with a reason, a hand-made
 * request, a Postman export. axe: no serious or critical violations.
 */
test.use({ viewport: { width: 1024, height: 768 } });

async function press(page: Page, locator: ReturnType<Page['locator']>, key = 'Enter'): Promise<void> {
  await locator.focus();
  await page.keyboard.press(key);
}

test('explorer: requests in full, masked until unmasked with a reason, send by hand, export', async ({ page }) => {
  // One long journey and an axe scan of a large page: sized for a loaded 2-core runner.
  test.setTimeout(180_000);
  const problems = await openWorkstation(page);
  await page.getByLabel('Find a patient by NHS number').fill('9434765919');
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Patient banner' }).waitFor();

  await press(page, page.getByTestId('nav-explorer'));
  await expect(page.getByRole('heading', { level: 1, name: 'Interaction explorer' })).toBeVisible();
  const requests = page.getByTestId('explorer-requests');
  await expect(requests).toContainText('PDS', { timeout: 20_000 });
  await expect(requests).toContainText('Find an organisation');
  await expect(requests).toContainText('*** *** 5919');
  await expect(page.locator('main')).not.toContainText('9434765919');

  // The trace's Find an organisation request, opened from the keyboard.
  await press(page, requests.getByRole('button', { name: /Find an organisation/ }).first());
  const detail = page.getByTestId('explorer-detail');
  await expect(detail).toBeFocused();
  await expect(detail.getByRole('heading', { name: 'JWT claims (decoded)' })).toBeVisible();
  await expect(detail).toContainText('"reason_for_request": "directcare"');
  await expect(detail).toContainText('ssp-traceid');
  await expect(detail).toContainText('--cert "$GPC_CLIENT_CERT"');

  // The PDS request names the patient: masked, until a reason is given.
  await press(page, requests.getByRole('button', { name: /GET \/personal-demographics/ }).first());
  await expect(page.getByTestId('explorer-url')).toContainText('*** *** 5919');
  const reason = page.getByLabel('Reason to show NHS numbers in full (recorded in the audit trail)');
  await reason.fill('short');
  await page.keyboard.press('Enter');
  await expect(page.locator('.nhsuk-error-message')).toContainText('at least 10 characters');
  await reason.fill('Checking what PDS was sent for a support call');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('explorer-unmasked')).toContainText('NHS numbers are shown in full');
  await expect(page.getByTestId('explorer-url')).toContainText('9434765919');

  // A hand-made request through the same client.
  await page.getByLabel('Interaction', { exact: true }).selectOption('readPractitioner');
  await expect(page.getByLabel(/GET path/)).toHaveValue('Practitioner/1');
  await press(page, page.getByRole('button', { name: 'Send', exact: true }));
  await expect(page.getByTestId('explorer-send-outcome')).toHaveText('Read a practitioner: HTTP 200');
  await expect(page.getByTestId('explorer-detail')).toContainText('"resourceType": "Practitioner"');

  await press(page, page.getByRole('button', { name: 'Mask NHS numbers again' }));
  await expect(page.locator('main')).not.toContainText('9434765919');

  await press(page, page.getByRole('button', { name: 'Export as Postman collection' }));
  const exported = page.getByLabel('Postman collection (JSON)');
  await expect(exported).toHaveValue(
    /"schema": "https:\/\/schema\.getpostman\.com\/json\/collection\/v2\.1\.0\/collection\.json"/,
  );
  await expect(exported).not.toHaveValue(/9434765919/);

  // Everything on screen at once (list, detail with JWT and curl, forms, export) for one axe scan.
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/explorer.png' });
  expect(problems).toEqual([]);
});
