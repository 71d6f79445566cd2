import { expect, test } from '@playwright/test';
import { openWorkstation, seriousA11yViolations } from './preview';

test.describe('find a patient in Chromium through the preview host', () => {
  test('943 476 5919 shows the demo patient’s banner', async ({ page }) => {
    const problems = await openWorkstation(page);
    await expect(page.getByTestId('demo-badge')).toContainText('Demo mode');
    await page.screenshot({ path: 'test-results/screenshots/search.png', fullPage: true });
    await page.getByLabel('Find a patient by NHS number').fill('943 476 5919');
    await page.getByRole('button', { name: 'Search' }).click();
    const banner = page.getByRole('region', { name: 'Patient banner' });
    await expect(banner.getByRole('heading')).toHaveText('HARTLEY, Amelia Grace (Mrs)');
    await expect(banner).toContainText('12-Mar-1968');
    await expect(banner).toContainText('943 476 5919');
    await expect(banner).toContainText('Female');
    await expect(banner).toContainText('Source: PDS (demonstrator: synthetic data)');
    await expect(page.getByTestId('patient-details')).toContainText('Riverside Medical Practice (A20047)');
    // The token is taken out of the address bar once read.
    expect(page.url()).not.toContain('token=');
    await page.screenshot({ path: 'test-results/screenshots/patient-banner.png', fullPage: true });
    expect(problems).toEqual([]);
  });

  test('943 476 5918 shows the check-digit message and no banner', async ({ page }) => {
    await openWorkstation(page);
    await page.getByLabel('Find a patient by NHS number').fill('943 476 5918');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('alert')).toContainText('the check digit does not match');
    await expect(page.locator('.nhsuk-error-message')).toContainText('the check digit does not match');
    await expect(page.getByRole('region', { name: 'Patient banner' })).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screenshots/check-digit-error.png', fullPage: true });
  });

  test('a restricted demo patient never shows address details', async ({ page }) => {
    await openWorkstation(page);
    await page.getByLabel('Find a patient by NHS number').fill('9990000387');
    await page.keyboard.press('Enter');
    const banner = page.getByRole('region', { name: 'Patient banner' });
    await expect(banner).toContainText('MARSDEN, Leah (Ms)');
    await expect(banner).toContainText('Restricted record');
    await expect(page.getByTestId('restricted-notice')).toBeVisible();
    await expect(page.getByTestId('patient-details')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText('Address');
  });

  test('a deceased patient is marked in the banner', async ({ page }) => {
    await openWorkstation(page);
    await page.getByLabel('Find a patient by NHS number').fill('999 000 0751');
    await page.keyboard.press('Enter');
    const banner = page.getByRole('region', { name: 'Patient banner' });
    await expect(banner).toContainText('Deceased');
    await expect(banner).toContainText('01-Dec-2025');
  });

  test('works with the keyboard alone', async ({ page }) => {
    await openWorkstation(page);
    // From the top of the page: the skip link first, then into the search field.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
    const field = page.getByLabel('Find a patient by NHS number');
    // The skip link jumps over the header (screens, session actions) to the main content.
    await page.keyboard.press('Enter');
    for (let i = 0; i < 5 && !(await field.evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(field).toBeFocused();
    await page.keyboard.type('94347');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(field).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('9434765919');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Patient banner' })).toContainText('HARTLEY');
  });

  test('no serious or critical accessibility violations on the search, error and banner screens', async ({ page }) => {
    await openWorkstation(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Find a patient by NHS number').fill('123');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Find a patient by NHS number').fill('9434765919');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Patient banner' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  test('the page refuses inline script (CSP) and exposes only the contract on window.gpc', async ({ page }) => {
    await openWorkstation(page);
    const surface = await page.evaluate(() => {
      const gpc = (window as unknown as { gpc: Record<string, Record<string, unknown>> }).gpc;
      return Object.fromEntries(Object.entries(gpc).map(([group, methods]) => [group, Object.keys(methods).sort()]));
    });
    expect(surface).toMatchObject({
      admin: ['diagnostics'],
      app: ['about', 'info', 'settings'],
      audit: ['export', 'search', 'status', 'verify'],
      patient: ['lookup', 'search', 'trace'],
      record: ['html', 'pdf', 'print', 'structured'],
      session: [
        'activity',
        'chooseRole',
        'demoCard',
        'lock',
        'signInDemo',
        'signInWithCard',
        'signOut',
        'status',
        'switchRole',
        'unlock',
      ],
      appointment: ['amend', 'book', 'cancel', 'list', 'read'],
      slots: ['search', 'searchPoll', 'searchStart'],
    });
    const inlineRan = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = true';
      document.head.appendChild(script);
      await new Promise((r) => setTimeout(r, 50));
      return (window as unknown as { __inline?: boolean }).__inline === true;
    });
    expect(inlineRan).toBe(false);
  });
});
