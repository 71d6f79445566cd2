import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { RECORD_FRAME, openWorkstation, previewUrl, seriousA11yViolations, signInAsDemoGp } from './preview';
import type { PreviewHostProcess } from './preview-host-process';
import { HOST_START_TIMEOUT_MS, startPreviewHostProcess } from './preview-host-process';

/**
 * Record failures in the clinician's words, in Chromium against the demonstrator. The failures a practice or Spine
 * causes come from demonstrator scenarios, switched on in a preview host of this file's own
 * (`--scenario NAME[:N]@ODS`), so the shared host stays healthy for the other suites:
 * GP Connect off at Moorland (B82617), no sharing agreement with Castle Street (C84123), Riverside (A20047)
 * unreachable for its next four calls (reads are retried once by the workstation itself: two for the practice-name
 * look-up of the trace, two for the Summary; the clinician's retry then works).
 */
test.use({ viewport: { width: 1024, height: 768 } });

let faultyHost: PreviewHostProcess | undefined;
let faultyUrl = '';

test.beforeAll(async () => {
  // Starting a host (demonstrator PKI and data included) takes 20 s and more on a loaded CI machine.
  test.setTimeout(HOST_START_TIMEOUT_MS + 30_000);
  faultyHost = await startPreviewHostProcess({
    args: [
      '--scenario',
      'gp-connect-disabled@B82617',
      '--scenario',
      'no-sharing-agreement@C84123',
      '--scenario',
      'http-502:4@A20047',
    ],
  });
  faultyUrl = faultyHost.url;
});

test.afterAll(() => {
  faultyHost?.stop();
});

async function openFaulty(page: Page): Promise<void> {
  await page.goto(faultyUrl);
  await signInAsDemoGp(page);
}

async function trace(page: Page, nhsNumber: string): Promise<void> {
  await page.getByLabel('Find a patient by NHS number').fill(nhsNumber);
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Patient banner' }).waitFor();
}

const failure = (page: Page) => page.getByTestId('record-failure');

test.describe('record failures in the clinician’s words', () => {
  test('GP Connect switched off at the practice (ACCESS DENIED)', async ({ page }) => {
    await openFaulty(page);
    await trace(page, '9990000018');
    await expect(failure(page)).toContainText('GP Connect is switched off at this practice', { timeout: 20_000 });
    await expect(failure(page)).toContainText('GP Connect, or this part of it, is switched off at the practice.');
    await expect(failure(page)).toContainText(
      'What to do next: Contact the practice by phone or email for the information you need.',
    );
    await expect(failure(page).getByRole('button', { name: 'Try again' })).toHaveCount(0);
    await expect(page.getByTestId('record-frame')).toHaveCount(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  test('no data sharing agreement with the practice (SSP 403)', async ({ page }) => {
    await openFaulty(page);
    await trace(page, '9990002061');
    await expect(failure(page)).toContainText('Your organisation has no data sharing agreement with this practice', {
      timeout: 20_000,
    });
    await expect(failure(page)).toContainText(
      'There is no data sharing agreement between your organisation and the practice.',
    );
    await expect(failure(page)).toContainText('Your IT service desk can tell you how to set up an agreement.');
    await failure(page).getByText('Details for the service desk').click();
    await expect(failure(page)).toContainText('Code SSP_NO_SHARING_AGREEMENT, HTTP 403');
  });

  test('practice unreachable, then a retry that works', async ({ page }) => {
    await openFaulty(page);
    await trace(page, '9434765919');
    await expect(failure(page)).toContainText('The practice could not be reached', { timeout: 20_000 });
    await expect(failure(page)).toContainText('Spine could not reach the practice system. Try again in a moment.');
    // Keyboard: the retry is a real button.
    const retry = failure(page).getByRole('button', { name: 'Try again' });
    await retry.focus();
    await page.keyboard.press('Enter');
    await expect(page.frameLocator(RECORD_FRAME).locator('h1')).toHaveText('Summary', { timeout: 20_000 });
    await expect(failure(page)).toHaveCount(0);
  });

  test('patient not found at the practice', async ({ page }) => {
    await openWorkstation(page);
    await trace(page, '9324926233');
    await expect(failure(page)).toContainText('The practice has no record for this patient', { timeout: 20_000 });
    await expect(failure(page)).toContainText(
      'The practice has no active record for this patient (not registered there, deceased, restricted or unverified).',
    );
    await expect(failure(page)).toContainText('Check the registered practice with the patient');
  });

  test('invalid NHS number: refused before anything is asked of Spine', async ({ page }) => {
    const invokes: string[] = [];
    page.on('request', (r) => {
      if (
        r.method() === 'POST' &&
        r.url().startsWith(new URL(previewUrl()).origin) &&
        r.url().includes('/__gpc/invoke')
      ) {
        invokes.push((r.postDataJSON() as { channel: string }).channel);
      }
    });
    await openWorkstation(page);
    await page.getByLabel('Find a patient by NHS number').fill('943 476 5918');
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert');
    await expect(summary).toContainText('There is a problem');
    await expect(summary).toContainText('check digit');
    await expect(page.getByRole('region', { name: 'Patient banner' })).toHaveCount(0);
    // Nothing that reaches Spine (session, audit status and app info are local).
    expect(invokes.filter((c) => /^(patient|record|slots|appointment)\./.test(c))).toEqual([]);
  });
});
