import { createHash } from 'node:crypto';
import { JSDOM } from 'jsdom';
import type { HtmlRecordSection } from '../../shared/gpconnect/html-record-view';
import { HTML_SECTIONS } from '../../shared/gpconnect/html-sections';
import { formatAge, formatNhsDate, parseCalendarDate } from '../../shared/nhs/dates';
import { formatNhsNumber } from '../../shared/nhs/nhs-number';
import { formatBannerName, formatGender } from '../../shared/patient/banner-format';
import type { PatientSummary } from '../../shared/patient/patient-summary';

/** Printed on every page, in the header and across the page. */
export const PRINT_WATERMARK = 'Retrieved from GP Connect — not the master record';

/** Our print stylesheet, as the renderer serves it beside the page (`renderer/public/record-print.css`). */
export const PRINT_STYLESHEET_FILE = 'record-print.css';

/**
 * The Electron session PDFs are rendered in: in memory (no `persist:` prefix). The document's title and its `data:`
 * URL carry the patient, and a persistent Chromium profile keeps both on disk (test/integration/at-rest.test.ts).
 */
export const PRINT_PARTITION = 'gpc-print';

/**
 * How the document gets its styles: a link to our stylesheet (shown in the renderer's frame, whose page CSP allows
 * only `'self'` styles), or the stylesheet inline, allowed by its hash (a standalone document: PDF export).
 */
export type PrintStyles = { readonly kind: 'link' } | { readonly kind: 'inline'; readonly css: string };

/** The little of the DOM the composer uses (main has no DOM lib; jsdom provides the real thing). */
interface DomElement {
  className: string;
  textContent: string | null;
  innerHTML: string;
  setAttribute(name: string, value: string): void;
  append(...nodes: DomElement[]): void;
}
interface HtmlDocument {
  readonly head: DomElement;
  readonly body: DomElement;
  createElement(tag: string): DomElement;
}

export interface PrintUser {
  /** e.g. `Dr Alex Jones`. */
  readonly name: string;
  readonly sdsUserId: string;
  readonly organisation?: string;
}

export interface PrintRequest {
  readonly patient: PatientSummary;
  /** Sanitised in main already (`record.html`); placed as-is, never re-built from provider data. */
  readonly views: readonly HtmlRecordSection[];
  /** `whole record`: every section not among `views` is listed as not included. */
  readonly scope: 'section' | 'record';
  readonly user: PrintUser;
  readonly printedAt: Date;
  readonly styles: PrintStyles;
}

const UK_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `12-Mar-2024 14:05` in UK time: the printout is read away from the screen that knew the local zone. */
export function formatUkDateTime(instant: Date): string {
  const parts = Object.fromEntries(UK_TIME.formatToParts(instant).map((p) => [p.type, p.value]));
  const date = `${parts['year'] ?? ''}-${parts['month'] ?? ''}-${parts['day'] ?? ''}`;
  return `${formatNhsDate(date)} ${parts['hour'] ?? ''}:${parts['minute'] ?? ''}`;
}

function ukCalendarDate(instant: Date) {
  const [day, month, year] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London' }).format(instant).split('/');
  return parseCalendarDate(`${year ?? ''}-${month ?? ''}-${day ?? ''}`);
}

/** The Content-Security-Policy of the print document: no script, nothing fetched but our own stylesheet. */
export function printCsp(styles: PrintStyles): string {
  const style =
    styles.kind === 'link' ? "'self'" : `'sha256-${createHash('sha256').update(styles.css).digest('base64')}'`;
  return [
    "default-src 'none'",
    "script-src 'none'",
    `style-src ${style}`,
    "img-src 'none'",
    "font-src 'none'",
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function printTitle(patient: PatientSummary, scope: PrintRequest['scope'], views: readonly HtmlRecordSection[]) {
  const what = scope === 'record' ? 'GP record' : `GP record: ${views[0]?.section.title ?? 'section'}`;
  return `${what} — ${formatBannerName(patient.name)} — ${formatNhsNumber(patient.nhsNumber)}`;
}

/**
 * The print document of one patient's GP record sections, composed in main from the section HTML that was already
 * sanitised for the screen: the patient banner, a header (source practice, retrieval time, who printed it and when)
 * and the watermark repeat on every page (a table header group, which Chromium repeats per printed page, and a
 * fixed watermark). Built as a DOM in jsdom, so our own text is always text, never markup. The document carries a
 * CSP that forbids script and every fetch but our stylesheet; it contains no script.
 */
export function composePrintDocument(request: PrintRequest): string {
  const { patient, views, user, printedAt, styles } = request;
  for (const view of views) {
    // Defence in depth: the handler checks this too; one patient per printout, always the banner's.
    if (view.nhsNumber !== patient.nhsNumber) throw new Error('a section of another patient cannot be printed');
  }
  const dom = new JSDOM('<!doctype html><html lang="en-GB"><head></head><body></body></html>');
  const doc = (dom.window as unknown as { readonly document: HtmlDocument }).document;
  const el = (tag: string, className?: string, text?: string): DomElement => {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const head = doc.head;
  const charset = doc.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  head.append(charset);
  const csp = doc.createElement('meta');
  csp.setAttribute('http-equiv', 'Content-Security-Policy');
  csp.setAttribute('content', printCsp(styles));
  head.append(csp);
  const referrer = doc.createElement('meta');
  referrer.setAttribute('name', 'referrer');
  referrer.setAttribute('content', 'no-referrer');
  head.append(referrer);
  head.append(el('title', undefined, printTitle(patient, request.scope, views)));
  if (styles.kind === 'link') {
    const link = doc.createElement('link');
    link.setAttribute('rel', 'stylesheet');
    link.setAttribute('href', PRINT_STYLESHEET_FILE);
    head.append(link);
  } else {
    head.append(el('style', undefined, styles.css));
  }

  const body = doc.body;
  body.className = 'gpc-print';
  const watermark = el('div', 'gpc-print__watermark', PRINT_WATERMARK);
  watermark.setAttribute('aria-hidden', 'true');
  body.append(watermark);

  const layout = el('table', 'gpc-print__layout');
  layout.setAttribute('role', 'presentation');
  const thead = el('thead');
  const headCell = el('td');
  headCell.append(banner(el, patient, printedAt), header(el, views, user, printedAt));
  thead.append(row(el, headCell));
  const tbody = el('tbody');
  const content = el('td');
  for (const view of views) content.append(section(el, view));
  if (request.scope === 'record') {
    const printed = new Set(views.map((v) => v.section.code));
    const missing = HTML_SECTIONS.filter((s) => !printed.has(s.code)).map((s) => s.title);
    if (missing.length > 0) {
      content.append(
        el(
          'p',
          'gpc-print__missing',
          `Not included because they could not be retrieved: ${missing.join(', ')}. This data may still exist in the practice's record.`,
        ),
      );
    }
  }
  content.append(el('p', 'gpc-print__end', `End of printout. ${PRINT_WATERMARK}.`));
  tbody.append(row(el, content));
  layout.append(thead, tbody);
  body.append(layout);
  try {
    return dom.serialize();
  } finally {
    // Closing releases what jsdom tracked for this window (see html-sanitiser.ts).
    dom.window.close();
  }
}

type MakeElement = (tag: string, className?: string, text?: string) => DomElement;

function row(el: MakeElement, cell: DomElement): DomElement {
  const tr = el('tr');
  tr.append(cell);
  return tr;
}

function banner(el: MakeElement, patient: PatientSummary, printedAt: Date): DomElement {
  const box = el('div', `gpc-print__banner${patient.deceasedDate ? ' gpc-print__banner--deceased' : ''}`);
  box.append(el('p', 'gpc-print__name', formatBannerName(patient.name)));
  const fields = el('dl', 'gpc-print__fields');
  const today = ukCalendarDate(printedAt);
  const age = patient.deceasedDate || !today ? null : formatAge(patient.birthDate, today);
  const add = (label: string, value: string) => {
    const pair = el('div');
    pair.append(el('dt', undefined, label), el('dd', undefined, value));
    fields.append(pair);
  };
  add('Born', `${formatNhsDate(patient.birthDate)}${age ? ` (${age})` : ''}`);
  add('Gender', formatGender(patient.gender));
  add('NHS number', formatNhsNumber(patient.nhsNumber));
  if (patient.deceasedDate) add('Died', formatNhsDate(patient.deceasedDate));
  box.append(fields);
  if (patient.deceasedDate) box.append(el('p', 'gpc-print__flag', 'Deceased'));
  return box;
}

function header(el: MakeElement, views: readonly HtmlRecordSection[], user: PrintUser, printedAt: Date): DomElement {
  const box = el('div', 'gpc-print__header');
  const practices = [...new Map(views.map((v) => [v.practice.odsCode, v.practice])).values()]
    .map((p) => `${p.name ?? 'Registered practice'} (${p.odsCode})`)
    .join(', ');
  const times = views.map((v) => v.retrievedAt).sort();
  const first = times[0];
  const last = times[times.length - 1];
  const retrieved =
    first === undefined || last === undefined
      ? 'not retrieved'
      : first === last
        ? formatUkDateTime(new Date(first))
        : `${formatUkDateTime(new Date(first))} to ${formatUkDateTime(new Date(last))}`;
  box.append(
    el('p', 'gpc-print__source', `Source practice: ${practices}. Retrieved ${retrieved} (UK time).`),
    el(
      'p',
      'gpc-print__user',
      `Printed by ${user.name} (SDS user ID ${user.sdsUserId}${user.organisation ? `, ${user.organisation}` : ''}) on ${formatUkDateTime(printedAt)}.`,
    ),
    el('p', 'gpc-print__watermark-line', PRINT_WATERMARK),
  );
  return box;
}

function section(el: MakeElement, view: HtmlRecordSection): DomElement {
  const box = el('section', 'gpc-print__section');
  const period = view.period
    ? ` for ${view.period.from ? formatNhsDate(view.period.from) : 'the start of the record'} to ${view.period.to ? formatNhsDate(view.period.to) : 'today'}`
    : '';
  box.append(
    el(
      'p',
      'gpc-print__section-source',
      `${view.section.title}: retrieved ${formatUkDateTime(new Date(view.retrievedAt))}${period}. Trace ID ${view.traceId}.`,
    ),
  );
  if (view.crossCheck.differences.length > 0) {
    const warning = el('div', 'gpc-print__warning');
    warning.append(el('p', 'gpc-print__warning-title', "The practice's details for this patient differ from PDS:"));
    const list = el('ul');
    for (const d of view.crossCheck.differences) {
      list.append(el('li', undefined, `${d.field}: PDS ${d.pds}; GP practice ${d.practice}`));
    }
    warning.append(list);
    box.append(warning);
  }
  if (!view.crossCheck.checked) {
    box.append(
      el(
        'p',
        'gpc-print__warning',
        "The practice did not send the patient's details, so they could not be checked against PDS.",
      ),
    );
  }
  if (view.contentRemoved) {
    box.append(
      el(
        'p',
        'gpc-print__note',
        'Some formatting or links the practice sent were removed for safety. All the text is shown.',
      ),
    );
  }
  const provider = el('div', 'gpc-print__provider');
  // Already sanitised by DOMPurify in main (SPEC §7.4 whitelist) when the section was retrieved.
  provider.innerHTML = view.html;
  box.append(provider);
  return box;
}

/**
 * The host's PDF export (Electron: `webContents.printToPDF` in a hidden, script-less, sandboxed window, then a save
 * dialog). Absent where the host has none (the preview host prints through the browser instead).
 */
export interface PdfExporter {
  /** Our print stylesheet's text, inlined into the standalone document (no page to resolve a link against). */
  stylesheet(): Promise<string>;
  /** Renders the document to PDF and offers to save it under that name; `saved: false` if the user cancelled. */
  save(document: string, fileName: string): Promise<{ readonly saved: boolean }>;
}
