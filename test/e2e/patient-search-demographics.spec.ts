import { expect, test } from '@playwright/test';
import { RECORD_FRAME, openWorkstation, seriousA11yViolations } from './preview';

/**
 * Finding a patient by name and date of birth in Chromium against the demonstrator's PDS: keyboard only, at
 * 1024×768, best match first, and choosing one traces that NHS number (then the record opens as usual).
 */
test.use({ viewport: { width: 1024, height: 768 } });

test('keyboard only: search by details, choose the best match, and the record opens', async ({ page }) => {
  // Two PDS calls, an axe scan and the record: close to a minute on a loaded 2-core machine.
  test.setTimeout(120_000);
  const problems = await openWorkstation(page);
  // Tab from the NHS number box to the disclosure, open it with Enter, then fill the form with the keyboard.
  await page.getByLabel('Find a patient by NHS number').focus();
  const disclosure = page.getByText('Search by name and date of birth instead');
  for (
    let i = 0;
    i < 6 && !(await disclosure.evaluate((el) => el.closest('summary') === document.activeElement));
    i += 1
  ) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Family name')).toBeFocused();
  await page.keyboard.type('hartley');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('group', { name: 'Date of birth' }).getByLabel('Day')).toBeFocused();
  await page.keyboard.type('12');
  await page.keyboard.press('Tab');
  await page.keyboard.type('3');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1968');
  await page.keyboard.press('Enter');

  const results = page.getByTestId('demographic-results');
  await expect(results.getByRole('heading')).toHaveText('2 people match, best match first', { timeout: 20_000 });
  await expect(results.getByRole('heading')).toBeFocused();
  const rows = page.getByTestId('demographic-candidate');
  await expect(rows.nth(0)).toContainText('HARTLEY, Amelia Grace (Mrs)');
  await expect(rows.nth(0)).toContainText('943 476 5919');
  await expect(rows.nth(0)).toContainText('100%');
  await expect(rows.nth(1)).toContainText('HARTLEY, Amy (Miss)');
  await expect(rows.nth(1)).toContainText('21-Mar-1968');
  const box = await page.getByTestId('demographic-results').boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(1024);
  expect(await seriousA11yViolations(page)).toEqual([]);

  await page.keyboard.press('Tab');
  await expect(rows.nth(0).getByRole('button', { name: /^Select/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Patient banner' })).toContainText('943 476 5919');
  await expect(page.frameLocator(RECORD_FRAME).locator('h1')).toHaveText('Summary', { timeout: 20_000 });
  await expect(page.getByTestId('demographic-candidate')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a date of birth in the future and a malformed postcode are named, and nothing is sent', async ({ page }) => {
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/__gpc/invoke'))
      sent.push((r.postDataJSON() as { channel: string }).channel);
  });
  await openWorkstation(page);
  await page.getByText('Search by name and date of birth instead').click();
  await page.getByLabel('Family name').fill('Hartley');
  const born = page.getByRole('group', { name: 'Date of birth' });
  await born.getByLabel('Day').fill('1');
  await born.getByLabel('Month').fill('1');
  await born.getByLabel('Year').fill('2999');
  await page.getByLabel('Postcode (optional)').fill('HG1');
  await page.getByRole('button', { name: 'Search PDS' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Date of birth must be today or in the past' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Enter a real UK postcode, like HG1 4RT' })).toBeVisible();
  await summary.getByRole('link', { name: 'Date of birth must be today or in the past' }).click();
  await expect(born.getByLabel('Day')).toBeFocused();
  expect(sent.filter((c) => c === 'patient.search')).toEqual([]);
  expect(await seriousA11yViolations(page)).toEqual([]);
});
