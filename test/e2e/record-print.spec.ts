import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { RecordPrintout } from '../../shared/ipc/features/record-print.contract';
import type { Result } from '../../shared/ipc/errors';
import { pdfPageTexts } from './pdf-text';
import { RECORD_FRAME, openWorkstation, previewUrl, seriousA11yViolations } from './preview';

/**
 * Printing the GP record in Chromium through the preview host: the app asks main for the print document (composed
 * from the sanitised sections it sent) and prints it from a script-less frame. The PDF here is Chromium's own
 * (`page.pdf()`) of exactly that document, read back with pdf.js.
 */
test.use({ viewport: { width: 1024, height: 768 } });

const WATERMARK = 'Retrieved from GP Connect — not the master record';

async function trace(page: Page, nhsNumber: string): Promise<void> {
  await page.getByLabel('Find a patient by NHS number').fill(nhsNumber);
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Patient banner' }).waitFor();
}

/** The `record.print` answer the page received when the button was pressed: the very document it printed. */
async function printVia(page: Page, button: RegExp): Promise<RecordPrintout> {
  const answer = page.waitForResponse((r) => {
    if (!r.url().includes('/__gpc/invoke')) return false;
    return (r.request().postDataJSON() as { channel?: string }).channel === 'record.print';
  });
  await page.getByRole('button', { name: button }).click();
  const body = (await (await answer).json()) as Result<RecordPrintout>;
  if (!body.ok) throw new Error(`record.print failed: ${body.error.message}`);
  return body.value;
}

/**
 * Chromium's PDF of the print document, loaded as a page of the preview origin so its relative stylesheet link
 * resolves as it does in the app's print frame. Console errors (a CSP violation, say) are returned too.
 */
async function pdfOf(page: Page, printout: RecordPrintout): Promise<{ pdf: Buffer; problems: string[] }> {
  const pdfPage = await page.context().newPage();
  const problems: string[] = [];
  pdfPage.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  const url = `${new URL(previewUrl()).origin}/__printout-under-test.html`;
  await pdfPage.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: printout.document }),
  );
  await pdfPage.goto(url);
  // Our stylesheet reached it (the banner's border is ours).
  await expect(pdfPage.locator('.gpc-print__banner')).toHaveCSS('border-top-width', '2px');
  const pdf = await pdfPage.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await pdfPage.close();
  return { pdf, problems };
}

function expectBannerAndWatermarkOnEveryPage(pages: readonly string[]): void {
  pages.forEach((text, index) => {
    const page = `page ${index + 1} of ${pages.length}`;
    expect(text, page).toContain('HARTLEY, Amelia Grace (Mrs)');
    expect(text, page).toContain('943 476 5919');
    expect(text, page).toContain('12-Mar-1968');
    expect(text, page).toContain(WATERMARK);
    expect(text, page).toContain('Source practice: Riverside Medical Practice (A20047)');
  });
}

test.describe('printing the GP record', () => {
  test('a PDF of the Summary holds the banner and the watermark on every page', async ({ page }) => {
    const problems = await openWorkstation(page);
    await trace(page, '943 476 5919');
    await expect(page.frameLocator(RECORD_FRAME).locator('h1')).toHaveText('Summary', { timeout: 20_000 });
    const printout = await printVia(page, /^Print this section/);
    expect(printout.document).not.toMatch(/<script/i);
    // Printed, then removed: no copy of the record lingers in a hidden frame.
    await expect(page.getByTestId('print-frame')).toHaveCount(0);

    const { pdf, problems: pdfProblems } = await pdfOf(page, printout);
    const pages = await pdfPageTexts(pdf);
    test.info().annotations.push({ type: 'pages', description: `Summary PDF: ${pages.length} pages` });
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expectBannerAndWatermarkOnEveryPage(pages);
    const all = pages.join(' ');
    expect(all).toContain('Printed by');
    expect(all).toContain('Last 3 Encounters');
    expect(pdfProblems).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('the whole record loads the other sections first and repeats the banner on every page', async ({ page }) => {
    const calls: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/__gpc/invoke')) {
        const body = r.postDataJSON() as { channel: string; input?: { section?: string } };
        if (body.channel === 'record.html') calls.push(body.input?.section ?? '');
      }
    });
    await openWorkstation(page);
    await trace(page, '9434765919');
    await expect(page.frameLocator(RECORD_FRAME).locator('h1')).toHaveText('Summary', { timeout: 20_000 });
    const printout = await printVia(page, /^Print whole record/);
    // Summary once (already on screen), then every other section once.
    expect([...calls].sort()).toEqual(['ADM', 'ALL', 'CLI', 'ENC', 'IMM', 'MED', 'OBS', 'PRB', 'REF', 'SUM']);
    const { pdf } = await pdfOf(page, printout);
    const pages = await pdfPageTexts(pdf);
    test.info().annotations.push({ type: 'pages', description: `whole record PDF: ${pages.length} pages` });
    expect(pages.length).toBeGreaterThan(3);
    expectBannerAndWatermarkOnEveryPage(pages);
    const all = pages.join(' ');
    for (const title of ['Summary', 'Medications', 'Referrals', 'Allergies and Adverse Reactions']) {
      expect(all).toContain(title);
    }
  });

  test('keyboard only, at 1024×768, and no serious accessibility problems', async ({ page }) => {
    await openWorkstation(page);
    await trace(page, '9434765919');
    await expect(page.frameLocator(RECORD_FRAME).locator('h1')).toHaveText('Summary', { timeout: 20_000 });
    const printButton = page.getByRole('button', { name: /^Print this section/ });
    await page.getByLabel('Find a patient by NHS number').focus();
    for (let i = 0; i < 15 && !(await printButton.evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(printButton).toBeFocused();
    const answer = page.waitForResponse(
      (r) => r.url().includes('/__gpc/invoke') && r.request().postData()?.includes('record.print') === true,
    );
    await page.keyboard.press('Enter');
    expect((await answer).ok()).toBe(true);
    const box = await page.getByTestId('print-controls').boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(1024);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
