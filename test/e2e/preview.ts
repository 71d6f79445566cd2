import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export function previewUrl(): string {
  const url = process.env['GPC_PREVIEW_URL'];
  if (!url) throw new Error('GPC_PREVIEW_URL is not set: the Playwright global setup starts the preview host');
  return url;
}

/** Opens the workstation and collects console errors and CSP violations, which must stay empty. */
export async function openWorkstation(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(previewUrl());
  await signInAsDemoGp(page);
  return problems;
}

/**
 * The session gate: the workstation shows nothing before sign-in. Signs in as the demo GP (one role profile) unless
 * a session is already active on this preview host (tests share one host and its main-side session).
 */
export async function signInAsDemoGp(page: Page): Promise<void> {
  const search = page.getByLabel('Find a patient by NHS number');
  const signIn = page.getByRole('button', { name: 'Sign in as demo clinician' });
  await search.or(signIn).first().waitFor();
  if (await signIn.isVisible()) {
    await page.getByLabel('Dr Claire Jones, GP').check();
    await signIn.click();
  }
  await search.waitFor();
}

/** The provider's record frame: no script runs there by design, axe's included, so axe would wait on it forever. */
export const RECORD_FRAME = '[data-testid="record-frame"]';

/**
 * Serious and critical accessibility violations (axe-core, WCAG 2.2 AA rules), always skipping the record frame;
 * `exclude`: further selectors axe must skip.
 */
export async function seriousA11yViolations(page: Page, exclude: readonly string[] = []): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  for (const selector of [RECORD_FRAME, ...exclude]) builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`);
}
