import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openWorkstation, seriousA11yViolations } from './preview';

/**
 * The structured record in Chromium through the preview host, against the in-process demonstrator (demo mode is the
 * live Spine path): trace, the Structured record tab, every area, and each absence the demonstrator has. What the
 * screen said for each case is written to test-results/structured-cases.json for the closing note.
 */
test.use({ viewport: { width: 1024, height: 768 } });

const AREAS = [
  'allergies',
  'medications',
  'problems',
  'consultations',
  'immunisations',
  'investigations',
  'uncategorised',
  'referrals',
  'diary',
] as const;

const said: Record<string, string> = {};
test.afterAll(() => {
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/structured-cases.json', `${JSON.stringify(said, null, 2)}\n`);
});

async function trace(page: Page, nhsNumber: string): Promise<void> {
  await page.getByLabel('Find a patient by NHS number').fill(nhsNumber);
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Patient banner' }).waitFor();
}

/** Traces a patient and opens the Structured record tab; resolves once the record (or its failure) is shown. */
async function openStructured(page: Page, nhsNumber: string): Promise<void> {
  await trace(page, nhsNumber);
  await page.getByRole('tab', { name: 'Structured record' }).click();
  await page.locator('[data-testid="structured-source"], [data-testid="structured-failure"]').first().waitFor();
}

const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

async function areaStatus(page: Page, area: (typeof AREAS)[number]): Promise<string> {
  await page.getByTestId(`area-nav-${area}`).click();
  return clean(await page.getByTestId(`area-notice-${area}`).getByTestId('area-status').textContent());
}

test.describe('the structured GP record', () => {
  test('rich patient: every area shows its items, in Chromium at 1024×768, with no console errors', async ({
    page,
  }) => {
    const problems = await openWorkstation(page);
    await openStructured(page, '965 821 8873');
    await expect(page.getByTestId('structured-source')).toContainText('Riverside Medical Practice (A20047)');
    await page.screenshot({ path: 'test-results/screenshots/structured-top.png' });
    for (const area of AREAS) {
      await page.getByTestId(`area-nav-${area}`).click();
      const panel = page.getByTestId(`panel-${area}`);
      await expect(panel).toBeVisible();
      await expect(page.getByTestId(`area-notice-${area}`)).toHaveAttribute('data-status', 'present');
      const firstRow = panel.locator('table.gpc-sr-table tbody tr:not([aria-hidden])').first();
      await expect(firstRow).toBeVisible();
      said[`rich 9658218873: ${area}`] =
        `${clean(await page.getByTestId(`area-nav-${area}`).textContent())} | first row: ${clean(await firstRow.textContent()).slice(0, 160)}`;
    }
    // Ended allergies are their own section, never mixed with current ones.
    await page.getByTestId('area-nav-allergies').click();
    await expect(page.getByTestId('allergies-ended-section')).toBeVisible();
    // Consultations of a large record are virtualised: the table says how many, the page holds a screenful.
    await page.getByTestId('area-nav-consultations').click();
    const consultations = page.getByTestId('consultations');
    const total = Number(await consultations.getAttribute('aria-rowcount')) - 1;
    expect(total).toBeGreaterThanOrEqual(30);
    // Dates as the NHS writes them.
    await expect(consultations.locator('time').first()).toHaveText(
      /^(\d{2}-[A-Z][a-z]{2}-\d{4}( \d{2}:\d{2})?|[A-Z][a-z]{2}-\d{4}|\d{4})$/,
    );
    await page.screenshot({ path: 'test-results/screenshots/structured-consultations.png' });
    await page.getByTestId('area-nav-investigations').click();
    await page.getByTestId('investigations').locator('summary').first().click();
    await expect(page.getByTestId('result-row').first()).toBeVisible();
    said['rich 9658218873: first investigation result'] = clean(
      await page.getByTestId('result-row').first().textContent(),
    );
    await page.screenshot({ path: 'test-results/screenshots/structured-investigations.png' });
    await page.getByTestId('area-nav-timeline').click();
    await expect(page.getByTestId('timeline-year-button').first()).toBeVisible();
    said['rich 9658218873: timeline'] = clean(await page.getByTestId('timeline-year-button').first().textContent());
    await page.getByTestId('timeline-year-button').first().click();
    await expect(page.getByTestId('timeline-year')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/structured-timeline-year.png' });
    await page.getByTestId('area-nav-trends').click();
    const trends = page.locator('[data-testid="trend-summary"], [data-testid="trends-none"]').first();
    await expect(trends).toBeVisible();
    said['rich 9658218873: trends'] = clean(await trends.textContent());
    await page.screenshot({ path: 'test-results/screenshots/structured-trends.png' });
    expect(problems).toEqual([]);
  });

  test('no medications or immunisations recorded: said as "None recorded", not left empty', async ({ page }) => {
    await openWorkstation(page);
    await openStructured(page, '9658218903');
    const meds = await areaStatus(page, 'medications');
    expect(meds).toContain('Medications: None recorded');
    const imms = await areaStatus(page, 'immunisations');
    expect(imms).toContain('Immunisations: None recorded');
    said['9658218903 none recorded: medications'] = meds;
    said['9658218903 none recorded: immunisations'] = imms;
  });

  test('"no known allergies": none recorded with the practice’s reason', async ({ page }) => {
    await openWorkstation(page);
    await openStructured(page, '9658218989');
    const allergies = await areaStatus(page, 'allergies');
    expect(allergies).toContain('Allergies: None recorded');
    said['9658218989 nil known: allergies'] = allergies;
  });

  test('older practice (1.5.0): areas it cannot send are "not supported", disabled problems say so, warnings shown', async ({
    page,
  }) => {
    await openWorkstation(page);
    await openStructured(page, '9990000018');
    // Main reads the practice's metadata first and does not ask for what it cannot send; either way the area says so.
    for (const area of ['investigations', 'referrals', 'diary'] as const) {
      const status = await areaStatus(page, area);
      expect(status).toContain('Not supported by this practice');
      expect(status).toContain('This does not mean nothing is recorded');
      said[`9990000018 B82617 1.5.0: ${area}`] = clean(await page.getByTestId(`area-notice-${area}`).textContent());
    }
    const problems = await areaStatus(page, 'problems');
    expect(problems).toContain('Problems: Disabled at this practice');
    const disabled = page.getByTestId('area-notice-problems').getByTestId('outcome-warning');
    await expect(disabled).toContainText('includeProblems has been disabled');
    said['9990000018 B82617: problems'] = clean(await page.getByTestId('area-notice-problems').textContent());
  });

  test('confidential items: immunisations excluded, and the warning above the areas that held items back', async ({
    page,
  }) => {
    await openWorkstation(page);
    await openStructured(page, '9658219705');
    const imms = await areaStatus(page, 'immunisations');
    expect(imms).toContain('Immunisations: Excluded as confidential');
    said['9658219705 confidential: immunisations'] = imms;
    for (const area of ['problems', 'consultations', 'investigations', 'uncategorised', 'referrals'] as const) {
      await page.getByTestId(`area-nav-${area}`).click();
      const warning = page.getByTestId(`area-notice-${area}`).locator('[data-code="confidential-items"]');
      await expect(warning).toBeVisible();
      said[`9658219705 confidential: ${area}`] = clean(await warning.textContent());
    }
  });

  test('record in transit: "may be incomplete" with the date, on every area', async ({ page }) => {
    await openWorkstation(page);
    await openStructured(page, '9658219691');
    for (const area of AREAS) {
      await page.getByTestId(`area-nav-${area}`).click();
      const warning = page.getByTestId(`area-notice-${area}`).locator('[data-code="data-in-transit"]');
      await expect(warning).toContainText('May be incomplete: record in transit');
      await expect(warning).toContainText('03-Nov-2025');
      if (area === 'allergies') said['9658219691 in transit: allergies'] = clean(await warning.textContent());
    }
  });

  test('data awaiting filing: investigations, uncategorised and consultations may be incomplete', async ({ page }) => {
    await openWorkstation(page);
    await openStructured(page, '9990002029');
    for (const area of ['investigations', 'uncategorised', 'consultations'] as const) {
      await page.getByTestId(`area-nav-${area}`).click();
      const warning = page.getByTestId(`area-notice-${area}`).locator('[data-code="data-awaiting-filing"]');
      await expect(warning).toContainText('May be incomplete: items awaiting filing');
      said[`9990002029 awaiting filing: ${area}`] = clean(await warning.textContent());
    }
  });

  test('practice demographics differ from PDS: each field with both values, above the record', async ({ page }) => {
    await openWorkstation(page);
    await openStructured(page, '9990002037');
    const warning = page.getByTestId('cross-check-warning');
    await expect(warning).toContainText('differ from PDS');
    await expect(warning.getByRole('row', { name: /Family name/ })).toContainText(/ASHDOWN|Ashdown/);
    await expect(warning.getByRole('row', { name: /Family name/ })).toContainText(/GARSIDE|Garside/);
    said['9990002037 cross-check'] = clean(await warning.locator('tbody').textContent());
  });

  test('failures in the clinician’s words: Structured switched off, dissent, not registered', async ({ page }) => {
    await openWorkstation(page);
    for (const [nhs, title] of [
      ['9990002061', 'GP Connect is switched off at this practice'],
      ['9450056234', 'The patient has not consented to share their GP record'],
      ['9324926233', 'The practice has no record for this patient'],
    ] as const) {
      await openStructured(page, nhs);
      const failure = page.getByTestId('structured-failure');
      await expect(failure).toContainText(title);
      said[`${nhs} failure`] = clean(await failure.textContent());
    }
  });

  test('axe: no serious or critical violations on the structured view, its timeline and its trends', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await openWorkstation(page);
    await openStructured(page, '9658218873');
    await page.getByTestId('area-nav-investigations').click();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('area-nav-timeline').click();
    await page.getByTestId('area-nav-trends').click();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  test('keyboard only: tabs, areas and the find box', async ({ page }) => {
    await openWorkstation(page);
    await page.getByLabel('Find a patient by NHS number').focus();
    await page.keyboard.type('9658218873');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Patient banner' }).waitFor();
    // Tab to the patient views, then the arrow key moves to the Structured record tab.
    const htmlTab = page.getByRole('tab', { name: 'GP record' });
    for (let i = 0; i < 40 && !(await htmlTab.evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(htmlTab).toBeFocused();
    await page.keyboard.press('ArrowRight');
    const structuredTab = page.getByRole('tab', { name: 'Structured record' });
    await expect(structuredTab).toBeFocused();
    await expect(structuredTab).toHaveAttribute('aria-selected', 'true');
    await page.getByTestId('structured-source').waitFor();
    const find = page.getByLabel('Find in record');
    for (let i = 0; i < 10 && !(await find.evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(find).toBeFocused();
    await page.keyboard.type('asthma');
    await expect(page.getByTestId('find-status')).toContainText(/\d+ match/);
    said['rich 9658218873: find "asthma"'] = clean(await page.getByTestId('find-status').textContent());
    await page.keyboard.press('Tab');
    const firstResult = page.getByTestId('find-results').getByRole('button').first();
    await expect(firstResult).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#gpc-sr-panel-title')).toBeFocused();
    await expect(page.locator('[data-found="true"]')).toBeVisible();
    // Then on through the areas' navigation by keyboard.
    const nav = page.getByTestId('area-nav-allergies');
    for (let i = 0; i < 80 && !(await nav.evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press('Shift+Tab');
    }
    await expect(nav).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('panel-allergies')).toBeVisible();
  });
});
