import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import type { Needle } from '../fixtures/at-rest-scan';
import { nhsNumberForms, scanForNeedles, uniqueNeedles } from '../fixtures/at-rest-scan';
import { RECORD_FRAME, previewUrl, signInAsDemoGp } from './preview';

/**
 * The renderer's part of "no patient data at rest" (issue 12 item 4). Electron's main window uses the default
 * session, a persistent Chromium profile under userData; here the real renderer runs in a persistent Chromium profile
 * of its own (the closest this machine has) through a clinician's session: trace, HTML record, structured record, a
 * printout. Then every file of the profile is searched for what the screen showed of the patient.
 */
const NHS = '9434765919';

test('a clinical session in a persistent Chromium profile leaves nothing of the patient in it', async () => {
  test.setTimeout(120_000);
  const profile = mkdtempSync(path.join(tmpdir(), 'gpc-at-rest-profile-'));
  const shown: Needle[] = [];
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
      viewport: { width: 1280, height: 900 },
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(previewUrl());
      await signInAsDemoGp(page);
      await page.getByLabel('Find a patient by NHS number').fill('943 476 5919');
      await page.keyboard.press('Enter');
      const banner = page.getByRole('region', { name: 'Patient banner' });
      await expect(banner).toContainText('943 476 5919');
      const frame = page.frameLocator(RECORD_FRAME);
      await expect(frame.locator('h1')).toHaveText('Summary', { timeout: 20_000 });
      // What the clinician saw: the banner's name and the record's table cells.
      const name = (await banner.getByRole('heading', { level: 2 }).textContent()) ?? '';
      for (const part of name.split(/[\s,()]+/).filter((p) => p.length >= 4)) {
        shown.push({ label: 'name', text: part });
      }
      for (const cell of await frame.locator('td').allTextContents()) {
        const text = cell.replace(/\s+/g, ' ').trim();
        if (text.length >= 12 && /[a-z]{4}/i.test(text)) shown.push({ label: 'record text', text });
      }
      await page.getByRole('button', { name: 'Medications', exact: true }).click();
      await expect(frame.locator('h1')).toHaveText('Medications', { timeout: 20_000 });
      await page.getByRole('button', { name: /^Print this section/ }).click();
      await expect(page.getByTestId('print-frame')).toHaveCount(0, { timeout: 20_000 });
      await page.getByRole('tab', { name: 'Structured record' }).click();
      await expect(page.getByTestId('structured-source')).toContainText('A20047', { timeout: 20_000 });
    } finally {
      await context.close();
    }
    const needles = uniqueNeedles([
      ...nhsNumberForms(NHS).map((text) => ({ label: 'NHS number', text })),
      { label: 'name', text: 'Hartley' },
      { label: 'name', text: 'Amelia' },
      { label: 'postcode', text: 'HG1 4RT' },
      { label: 'address line', text: 'Willow Crescent' },
      ...shown,
    ]);
    expect(shown.filter((n) => n.label === 'record text').length).toBeGreaterThan(10);
    const report = await scanForNeedles([profile], needles);
    // Chromium did keep a profile (History, preferences, caches): the search had something to search.
    expect(report.files.length).toBeGreaterThan(10);
    test.info().annotations.push({
      type: 'at-rest',
      description: `${report.files.length} files, ${report.bytes} bytes, ${needles.length} needles`,
    });
    expect(report.hits.map((h) => `${path.relative(profile, h.file)}: ${h.needle.label} "${h.needle.text}"`)).toEqual(
      [],
    );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});
