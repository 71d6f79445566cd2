import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { sanitiseRecordHtml } from '../../main/gpconnect/html-sanitiser';
import { XSS_CORPUS } from '../unit/xss-corpus';
import { openWorkstation } from './preview';

/**
 * The XSS corpus through the real sanitiser (main's code, run here in Node) and then into Chromium, twice:
 *  1. into a bare page with no CSP and no sandbox, so the sanitiser is the only defence: any vector that survives
 *     and runs calls `top.__xssHit(id)` (or posts a message) and the test fails;
 *  2. into the workstation's own record frame (sandboxed, under the page CSP), replacing a real Summary.
 * `XSS_SANITISER=off npx playwright test xss-corpus` skips sanitising (a switch in this test only, never in the
 * product) to show that part 1 notices executions.
 */
const SANITISE = process.env['XSS_SANITISER'] !== 'off';
const sanitise = (html: string) => (SANITISE ? sanitiseRecordHtml(html).html : html);

const CORPUS_HTML = XSS_CORPUS.map((v) => `<div class="vector" id="v${v.id}">${sanitise(v.html)}</div>`).join('');

/** Records hits from script in the page and from any frame (postMessage), before any vector is parsed. */
const RECORDER = `window.__hits = []; window.__xssHit = (id) => window.__hits.push(id);
window.addEventListener('message', (e) => window.__hits.push('message:' + String(e.data)));`;

/** Gives handler-based vectors their chance: click, hover, focus and pointer events on every element. */
/** `framesOnly`: the record frames only, not the workstation page itself (whose buttons lock and sign out). */
async function interact(page: Page, framesOnly = false): Promise<void> {
  for (const frame of page.frames().filter((f) => !framesOnly || f !== page.mainFrame())) {
    await frame
      .evaluate(() => {
        for (const el of Array.from(document.querySelectorAll('body *'))) {
          for (const type of ['mouseover', 'pointerenter', 'focus', 'animationstart']) {
            el.dispatchEvent(new Event(type, { bubbles: true }));
          }
          if (el instanceof HTMLElement) {
            el.focus();
            el.click();
          }
        }
      })
      .catch(() => undefined); // a frame navigated away by a vector is itself a failure, seen in the hits
  }
  await page.waitForTimeout(1000);
}

async function hits(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as unknown as { __hits?: unknown[] }).__hits ?? ['recorder gone: page replaced']);
}

test.describe('XSS corpus in Chromium', () => {
  test('the recorder notices an executed vector (control)', async ({ page }) => {
    await page.setContent(`<script>${RECORDER}</script><img src=x onerror="top.__xssHit('control')">`);
    await page.waitForTimeout(200);
    expect(await hits(page)).toEqual(['control']);
  });

  test(`${XSS_CORPUS.length} sanitised vectors in a bare page (no CSP, no sandbox): zero executions`, async ({
    page,
  }) => {
    await page.setContent(
      `<!doctype html><html><head><script>${RECORDER}</script></head><body>${CORPUS_HTML}</body></html>`,
    );
    await interact(page);
    expect(await hits(page)).toEqual([]);
    if (SANITISE) {
      // Nothing of the vectors' active content is left in the DOM either.
      const active = await page.evaluate(
        () =>
          document.querySelectorAll(
            '.vector script, .vector img, .vector svg, .vector math, .vector iframe, .vector a, .vector [onerror]',
          ).length,
      );
      expect(active).toBe(0);
    }
  });

  test('the same output in the workstation’s record frame: zero executions, the banner still in place', async ({
    page,
  }) => {
    const problems = await openWorkstation(page);
    await page.getByLabel('Find a patient by NHS number').fill('9658218873');
    await page.keyboard.press('Enter');
    const frame = page.frameLocator('[data-testid="record-frame"]');
    await expect(frame.locator('h1')).toHaveText('Summary', { timeout: 20_000 });
    await page.evaluate(RECORDER);
    // Swap the Summary for the corpus inside the real container: same iframe, sandbox, CSP and stylesheet.
    await page.locator('[data-testid="record-frame"]').evaluate((iframe, body) => {
      const el = iframe as HTMLIFrameElement;
      el.srcdoc = el.srcdoc.replace(/<body>[\s\S]*<\/body>/, `<body>${body}</body>`);
    }, CORPUS_HTML);
    await expect(frame.locator('#v0')).toBeAttached();
    await interact(page, true);
    expect(await hits(page)).toEqual([]);
    await expect(page.getByRole('region', { name: 'Patient banner' })).toContainText('965 821 8873');
    expect(problems).toEqual([]);
  });
});
