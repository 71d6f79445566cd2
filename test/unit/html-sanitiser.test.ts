import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { sanitiseRecordHtml } from '../../main/gpconnect/html-sanitiser';
import { XSS_CORPUS } from './xss-corpus';

const ALLOWED = new Set(
  'div span h1 h2 h3 h4 h5 h6 p br hr b strong i em u small sub sup pre code blockquote ul ol li dl dt dd table caption colgroup col thead tbody tfoot tr th td'.split(
    ' ',
  ),
);

function parse(html: string): Document {
  return new JSDOM(`<!doctype html><html><body>${html}</body></html>`).window.document;
}

/** Everything in the output that the SPEC §7.4 whitelist does not allow. */
function offences(html: string): string[] {
  const found: string[] = [];
  for (const el of Array.from(parse(html).body.querySelectorAll('*'))) {
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') found.push(`namespace ${el.namespaceURI ?? ''}`);
    if (!ALLOWED.has(el.localName)) found.push(`element ${el.localName}`);
    for (const attr of Array.from(el.attributes)) {
      if (attr.name !== 'id' && attr.name !== 'class') found.push(`attribute ${attr.name}`);
    }
  }
  return found;
}

const example = (name: string) =>
  readFileSync(new URL(`../../assets/gpconnect/examples/html/${name}`, import.meta.url), 'utf8');

describe('record HTML sanitiser (DOMPurify in main, SPEC §7.4 whitelist)', () => {
  it(`has a corpus of at least 50 vectors (${XSS_CORPUS.length})`, () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(50);
  });

  it.each(XSS_CORPUS.map((v) => [v.id, v.html] as const))('vector %i is neutralised: %s', (_id, html) => {
    const out = sanitiseRecordHtml(html).html;
    expect(offences(out)).toEqual([]);
    expect(out).not.toMatch(/<(script|style|iframe|object|embed|svg|math|img|a|form|link|meta|base)\b/i);
    // Stable under a second pass: what the renderer's parser sees is what was checked (no mutation on re-parse).
    expect(sanitiseRecordHtml(out).html).toBe(out);
    expect(sanitiseRecordHtml(parse(out).body.innerHTML).html).toBe(out);
  });

  it('reports that something was removed', () => {
    expect(sanitiseRecordHtml('<p onclick="x()">a</p>').removed).toBe(true);
    expect(sanitiseRecordHtml('<div><h1>Summary</h1><p>a</p></div>').removed).toBe(false);
  });

  it.each(['layout-multiple-table-skeleton-0.7.4.html', 'layout-single-table-skeleton-0.7.4.html'])(
    'keeps the section structure, banners and table ids of %s',
    (name) => {
      const source = example(name);
      const out = sanitiseRecordHtml(source);
      const before = parse(source).body;
      const after = parse(out.html).body;
      const shape = (root: HTMLElement) =>
        Array.from(root.querySelectorAll('*')).map((el) => `${el.localName}#${el.id}.${el.className}`);
      expect(shape(after)).toEqual(shape(before));
      expect(
        after.querySelectorAll('.gptransfer-banner, .content-banner, .date-banner, .exclusion-banner').length,
      ).toBe(before.querySelectorAll('.gptransfer-banner, .content-banner, .date-banner, .exclusion-banner').length);
    },
  );

  it('keeps every table cell and its text, and the text of removed elements', () => {
    const section =
      '<div><h1>Medications</h1><div><h2>Acute Medication (Last 12 Months)</h2><div class="date-banner"><p>All relevant items</p></div>' +
      '<table id="med-tab-acu-med"><thead><tr><th class="date-column">Type</th><th class="med-item-column">Medication Item</th></tr></thead>' +
      '<tbody><tr><td class="date-column">12-Mar-2024</td><td class="med-item-column">Amoxicillin &#160;500mg <a href="https://x">capsules</a></td></tr></tbody></table></div></div>';
    const out = parse(sanitiseRecordHtml(section).html);
    expect(out.querySelectorAll('td')).toHaveLength(2);
    expect(out.querySelector('#med-tab-acu-med td.med-item-column')?.textContent).toBe(
      'Amoxicillin \u00a0500mg capsules',
    );
    expect(out.querySelector('.date-banner')?.textContent).toBe('All relevant items');
  });
});
