import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { seriousA11yViolations, signInAsDemoGp } from './preview';
import type { PreviewHostProcess } from './preview-host-process';
import { HOST_START_TIMEOUT_MS, startPreviewHostProcess } from './preview-host-process';

/**
 * Appointments in Chromium through a preview host of its own (demo mode: the in-process demonstrator over mutual
 * TLS), whose demonstrator admin endpoint this spec drives: fault scenarios on, and what the practice holds read back
 * to verify each journey. Its own host, so the scenarios never reach other specs' screens.
 */
test.use({ viewport: { width: 1024, height: 768 } });
test.describe.configure({ mode: 'serial' });
// Several axe scans of long slot tables on a loaded 2-core machine.
test.setTimeout(120_000);

let host: PreviewHostProcess | undefined;
let url = '';
let admin = '';
const token = randomBytes(24).toString('base64url');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test.beforeAll(async () => {
  test.setTimeout(HOST_START_TIMEOUT_MS + 30_000);
  const adminPort = await freePort();
  admin = `http://127.0.0.1:${adminPort}`;
  host = await startPreviewHostProcess({
    env: { GPC_DEMO_ADMIN_PORT: String(adminPort), GPC_DEMO_ADMIN_TOKEN: token },
  });
  url = host.url;
});
test.afterAll(() => {
  host?.stop();
});

async function adminCall(method: string, path: string): Promise<unknown> {
  const r = await fetch(`${admin}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  if (!r.ok) throw new Error(`admin ${method} ${path}: ${r.status}`);
  return r.json();
}
interface HeldAppointment {
  odsCode: string;
  id: string;
  status: string;
  description: string;
  comment?: string;
  cancellationReason?: string;
}
const held = async (ods: string): Promise<HeldAppointment[]> =>
  ((await adminCall('GET', `/appointments?ods=${ods}`)) as { appointments: HeldAppointment[] }).appointments;

async function openAppointments(page: Page, nhsNumber: string): Promise<void> {
  await page.goto(url);
  await signInAsDemoGp(page);
  await page.getByLabel('Find a patient by NHS number').fill(nhsNumber);
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Patient banner' }).waitFor();
  await page.getByRole('tab', { name: 'Appointments' }).click();
  await page.getByRole('heading', { name: 'Appointments', level: 2 }).waitFor();
}

test.afterEach(async () => {
  await adminCall('DELETE', '/scenarios');
});

test('three practices, one slow and one failing: the fast one first, the failure named', async ({ page }) => {
  await adminCall('PUT', '/scenarios/slow-practice?value=4000&ods=B82617');
  await adminCall('PUT', '/scenarios/http-500?ods=C84123');
  await openAppointments(page, '965 821 8873');
  await page.getByLabel('Other practices or hubs (ODS codes)').fill('B82617 C84123');
  await page.getByRole('button', { name: 'Search for slots' }).click();
  const fast = page.getByTestId('practice-A20047');
  const slow = page.getByTestId('practice-B82617');
  await expect(fast).toHaveAttribute('data-state', 'done');
  // Riverside's slots are on screen while Moorland is still being waited for.
  await expect(slow).toHaveAttribute('data-state', 'pending');
  await expect(fast.getByTestId('slot-row').first()).toBeVisible();
  await expect(fast.getByRole('heading', { name: 'Riverside Medical Practice (A20047)' })).toBeVisible();
  await expect(page.getByTestId('practice-failed-C84123')).toContainText('No slots from C84123');
  await expect(page.getByTestId('practice-failed-C84123')).toContainText('INTERNAL_SERVER_ERROR');
  await expect(page.getByTestId('search-status')).toContainText('Waiting for 1 of 3 practices');
  await expect(slow).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  await expect(slow.getByTestId('slot-row').first()).toBeVisible();
  await expect(page.getByTestId('search-status')).toContainText('All 3 practices have answered');
  // UK dates and times in the table.
  await expect(fast.getByTestId('slot-row').first()).toContainText(/\d{2}-[A-Z][a-z]{2}-\d{4}/);
  await expect(fast.getByTestId('slot-row').first()).toContainText(/\d{2}:\d{2}–\d{2}:\d{2} (GMT|BST)/);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('book, read back; amend; cancel with a reason: each as the practice holds it', async ({ page }) => {
  await openAppointments(page, '965 821 8873');
  const before = (await held('A20047')).length;
  await page.getByRole('button', { name: 'Search for slots' }).click();
  const fast = page.getByTestId('practice-A20047');
  await fast
    .getByRole('button', { name: /^Choose/ })
    .first()
    .click();
  const form = page.getByTestId('booking-form');
  await form.getByLabel('Description').fill('Follow-up of chest pain');
  await expect(form.getByTestId('description-count')).toHaveText('23 of 100 characters');
  await form.getByLabel('Comment (optional)').fill('Booked by NHS 111');
  await expect(form.getByLabel('Description')).toHaveAttribute('maxlength', '100');
  await expect(form.getByLabel('Comment (optional)')).toHaveAttribute('maxlength', '500');
  expect(await seriousA11yViolations(page)).toEqual([]);
  // A double click is one booking.
  await form.getByTestId('book-button').dblclick();
  const confirmation = page.getByTestId('confirmation');
  await expect(confirmation).toContainText('Appointment booked: the practice now holds');
  await expect(confirmation.getByTestId('confirmation-description')).toHaveText('Follow-up of chest pain');
  await expect(confirmation.getByTestId('confirmation-status')).toHaveText('Booked');
  await expect(confirmation).toContainText('NHS number 965 821 8873');
  await expect(confirmation.getByTestId('confirmation-when')).toContainText(/\d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2}/);
  await expect(confirmation).toContainText('Riverside');
  const afterBooking = await held('A20047');
  expect(afterBooking.length).toBe(before + 1);
  const booked = afterBooking.at(-1);
  expect(booked).toMatchObject({
    status: 'booked',
    description: 'Follow-up of chest pain',
    comment: 'Booked by NHS 111',
  });
  await expect(confirmation.getByTestId('confirmation-reference')).toContainText(booked?.id ?? 'missing');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Amend: from the patient's appointments, opened (read) first.
  const list = page.getByTestId('appointment-list');
  await list
    .getByTestId('appointment-row')
    .filter({ hasText: 'Follow-up of chest pain' })
    .getByRole('button', { name: /^Open/ })
    .click();
  const detail = page.getByTestId('appointment-detail');
  await expect(detail.getByTestId('detail-description')).toHaveText('Follow-up of chest pain');
  const amend = detail.getByTestId('amend-form');
  await amend.getByLabel('Description').fill('Chest pain follow-up (amended)');
  await amend.getByRole('button', { name: 'Save changes' }).click();
  await expect(detail.getByTestId('confirmation')).toContainText('Appointment changed: the practice now holds');
  await expect(detail.getByTestId('confirmation-description')).toHaveText('Chest pain follow-up (amended)');
  expect((await held('A20047')).find((a) => a.id === booked?.id)?.description).toBe('Chest pain follow-up (amended)');

  // Cancel: a reason is required.
  const cancel = detail.getByTestId('cancel-form');
  await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(detail.getByTestId('change-problem')).toContainText('Enter the reason for cancelling');
  expect((await held('A20047')).find((a) => a.id === booked?.id)?.status).toBe('booked');
  await cancel.getByLabel('Reason for cancelling').fill('Patient feels better');
  await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(detail.getByTestId('confirmation-status')).toHaveText('Cancelled');
  await expect(detail.getByTestId('confirmation-reason')).toHaveText('Patient feels better');
  const cancelled = (await held('A20047')).find((a) => a.id === booked?.id);
  expect(cancelled).toMatchObject({ status: 'cancelled', cancellationReason: 'Patient feels better' });
  await expect(
    list.getByTestId('appointment-row').filter({ hasText: 'Chest pain follow-up (amended)' }),
  ).toHaveAttribute('data-cancelled', 'true');
});

test('slot taken meanwhile: the search is refreshed, the form text kept, nothing booked', async ({ page }) => {
  await openAppointments(page, '965 821 8873');
  await page.getByRole('button', { name: 'Search for slots' }).click();
  await page
    .getByTestId('practice-A20047')
    .getByRole('button', { name: /^Choose/ })
    .first()
    .click();
  const form = page.getByTestId('booking-form');
  await form.getByLabel('Description').fill('Asthma review');
  const before = (await held('A20047')).length;
  await adminCall('PUT', '/scenarios/slot-taken?ods=A20047');
  await form.getByTestId('book-button').click();
  await expect(page.getByTestId('slot-taken')).toContainText('This slot has just been taken');
  expect((await held('A20047')).length).toBe(before);
  await expect(page.getByTestId('search-status')).toContainText('All 1 practices have answered');
  await page
    .getByTestId('practice-A20047')
    .getByRole('button', { name: /^Choose/ })
    .first()
    .click();
  await expect(page.getByTestId('booking-form').getByLabel('Description')).toHaveValue('Asthma review');
});

async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the keyboard never reached the element');
}

test('keyboard only: trace, open the tab, search, choose, describe and book', async ({ page }) => {
  await page.goto(url);
  await signInAsDemoGp(page);
  const search = page.getByLabel('Find a patient by NHS number');
  await tabTo(page, search);
  await page.keyboard.type('9658218873');
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Patient banner' }).waitFor();
  await tabTo(page, page.getByRole('tab', { name: 'GP record' }));
  // Arrow keys move along the patient's views (GP record, Structured record, Appointments).
  const tab = page.getByRole('tab', { name: 'Appointments' });
  for (let i = 0; i < 3 && !(await tab.evaluate((el) => el === document.activeElement)); i += 1) {
    await page.keyboard.press('ArrowRight');
  }
  await expect(tab).toBeFocused();
  await page.keyboard.press('Enter');
  const before = (await held('A20047')).length;
  await tabTo(page, page.getByRole('button', { name: 'Search for slots' }));
  await page.keyboard.press('Enter');
  const choose = page
    .getByTestId('practice-A20047')
    .getByRole('button', { name: /^Choose/ })
    .first();
  await choose.waitFor();
  await tabTo(page, choose, 120);
  await page.keyboard.press('Enter');
  const form = page.getByTestId('booking-form');
  await tabTo(page, form.getByLabel('Description'));
  await page.keyboard.type('Keyboard booking');
  await tabTo(page, form.getByTestId('book-button'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('confirmation')).toContainText('Appointment booked');
  await expect(page.getByTestId('confirmation').getByRole('heading')).toBeFocused();
  const after = await held('A20047');
  expect(after.length).toBe(before + 1);
  expect(after.at(-1)?.description).toBe('Keyboard booking');
});
