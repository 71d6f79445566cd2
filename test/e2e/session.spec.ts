import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { GpcApi } from '../../shared/ipc/api';
import { RECORD_FRAME, seriousA11yViolations } from './preview';
import type { PreviewHostProcess } from './preview-host-process';
import { HOST_START_TIMEOUT_MS, startPreviewHostProcess } from './preview-host-process';

/** `window.gpc` inside page.evaluate (the test project has no renderer globals). */
interface PageWindow {
  readonly gpc: GpcApi;
}

/**
 * The clinician's session in Chromium. These tests lock, unlock and sign out, which changes main's one session, so
 * they run against their own preview host (started here exactly as the global setup does), never the shared one.
 * Card insertion and removal are emulated through the demo-only `session.demoCard` channel, which drives the same
 * session-service transitions as a reader poll.
 */
test.use({ viewport: { width: 1024, height: 768 } });
test.describe.configure({ mode: 'serial' });

let host: PreviewHostProcess | undefined;
let url = '';

test.beforeAll(async () => {
  test.setTimeout(HOST_START_TIMEOUT_MS + 30_000);
  host = await startPreviewHostProcess();
  url = host.url;
});

test.afterAll(() => {
  host?.stop();
});

async function demoCard(page: Page, action: 'insert' | 'remove', clinicianId?: string): Promise<void> {
  const ok = await page.evaluate(
    async ([a, id]) => {
      const result = await (window as unknown as PageWindow).gpc.session.demoCard(
        id ? { action: a, clinicianId: id } : { action: a },
      );
      return result.ok;
    },
    [action, clinicianId] as const,
  );
  expect(ok).toBe(true);
}

async function openSignedOut(page: Page): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

test('demo sign-in by keyboard alone: nurse chooses a role; header names user and role; DEMO in title', async ({
  page,
}) => {
  await openSignedOut(page);
  await expect(page).toHaveTitle(/^DEMO/);
  // The workstation shows nothing before sign-in.
  await expect(page.getByLabel('Find a patient by NHS number')).toHaveCount(0);
  expect(await seriousA11yViolations(page)).toEqual([]);

  await page.getByLabel('Dr Claire Jones, GP').focus();
  await page.keyboard.press('ArrowDown'); // the nurse
  await expect(page.getByLabel('Sam Okoro, practice nurse')).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  await page.getByRole('heading', { name: 'Choose your role' }).waitFor();
  await expect(page.getByTestId('role-picker')).toContainText(
    'Staff Nurse, Demo Extended Access Hub (synthetic) (Y90002)',
  );
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByLabel(/^Staff Nurse/).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  await page.getByLabel('Find a patient by NHS number').waitFor();
  await expect(page.getByTestId('session-user')).toHaveText('Sam Okoro');
  await expect(page.getByTestId('session-role')).toHaveText(
    'Staff Nurse, Demo Extended Access Hub (synthetic) (Y90002)',
  );
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
});

test('card removal while a record is open locks the window: the record is gone from the DOM and from main', async ({
  page,
}) => {
  await openSignedOut(page);
  await page.getByLabel('Dr Claire Jones, GP').check();
  await page.getByRole('button', { name: 'Sign in as demo clinician' }).click();
  await page.getByLabel('Find a patient by NHS number').fill('965 821 8873');
  await page.keyboard.press('Enter');
  const banner = page.getByRole('region', { name: 'Patient banner' });
  await expect(banner).toContainText('965 821 8873');
  await expect(page.frameLocator(RECORD_FRAME).locator('h1')).toHaveText('Summary', { timeout: 20_000 });

  await demoCard(page, 'remove');

  await page.getByTestId('lock-screen').waitFor({ timeout: 5000 });
  await expect(page.getByTestId('lock-reason')).toHaveText('The smartcard was removed, so the workstation locked.');
  // Unmounted, not covered: no banner, no record frame, no NHS number anywhere in the document.
  await expect(banner).toHaveCount(0);
  await expect(page.locator(RECORD_FRAME)).toHaveCount(0);
  expect(await page.content()).not.toMatch(/965 821 8873|9658218873/);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Main refuses record requests while locked.
  const whileLocked = await page.evaluate(async () => {
    const r = await (window as unknown as PageWindow).gpc.record.html({ nhsNumber: '9658218873', section: 'SUM' });
    return r.ok ? 'ok' : r.error.code;
  });
  expect(whileLocked).toBe('SESSION_LOCKED');

  // Same card back, unlock: the patient context is gone from the window and from main's trace register.
  await page.getByRole('button', { name: 'Reinsert demo card' }).click();
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByLabel('Find a patient by NHS number').waitFor();
  await expect(banner).toHaveCount(0);
  const afterUnlock = await page.evaluate(async () => {
    const r = await (window as unknown as PageWindow).gpc.record.html({ nhsNumber: '9658218873', section: 'SUM' });
    return r.ok ? 'ok' : r.error.code;
  });
  expect(afterUnlock).toBe('TRACE_REQUIRED');
});

test("another user's card ends the locked session", async ({ page }) => {
  await page.goto(url);
  // Signed in from the previous test (serial): lock by removing the GP's card, then the receptionist's goes in.
  await page.getByLabel('Find a patient by NHS number').waitFor();
  await demoCard(page, 'remove');
  await page.getByTestId('lock-screen').waitFor({ timeout: 5000 });
  await demoCard(page, 'insert', 'receptionist');
  await page.getByTestId('sign-in').waitFor({ timeout: 5000 });
  await expect(page.getByTestId('session-notice')).toContainText("Another user's smartcard was inserted");
});
