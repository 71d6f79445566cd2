import { formatNhsDate } from '../../../../shared/nhs/dates';
import { warningText } from '../structured/list-warnings';
import type { Xhtml } from './xhtml';
import { xhtml } from './xhtml';

/**
 * The Access Record HTML layout (SPEC §7.3, `examples/html/layout-*-skeleton-0.7.4.html`): `<h1>` title, GP transfer
 * banner, then either one table with its date and exclusion banners or, per subsection, `<h2>` + banners + table.
 * Empty tables give way to the "No '[section]' data is recorded for this patient." content banner.
 */
export interface SectionTable {
  /** `<h2>` of a subsection; undefined for a single-table section. */
  readonly heading?: string;
  readonly id: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Whether the consumer's timePeriod applies (SPEC §7.1 "Date filter"). */
  readonly dateFiltered: boolean;
}

export interface SectionBanners {
  /** data-in-transit: the GP transfer banner with the date records may be missing before. */
  readonly inTransitSince?: string;
  readonly confidentialItemsExcluded: boolean;
  readonly period?: { readonly start?: string; readonly end?: string };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** dd-Mmm-yyyy, and Mmm-yyyy / yyyy for the partial dates a timePeriod may carry. */
export function bannerDate(value: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) return `${MONTHS[Number(month[2]) - 1] ?? ''}-${month[1] ?? ''}`;
  return /^\d{4}$/.test(value) ? value : formatNhsDate(value.slice(0, 10));
}

function dateBanner(table: SectionTable, banners: SectionBanners): string {
  if (!table.dateFiltered) return 'Date filter not applied';
  const { start, end } = banners.period ?? {};
  if (start !== undefined && end !== undefined) return `For the period '${bannerDate(start)}' to '${bannerDate(end)}'`;
  if (start !== undefined) return `Data items from '${bannerDate(start)}'`;
  if (end !== undefined) return `Data items until '${bannerDate(end)}'`;
  return 'All relevant items';
}

const columnClass = (name: string): string | undefined =>
  /date|issued/i.test(name) ? 'date-column' : name === 'Medication Item' ? 'med-item-column' : undefined;

function table(t: SectionTable): Xhtml {
  const head = t.columns.map((c) => {
    const cls = columnClass(c);
    return cls ? xhtml`<th class="${cls}">${c}</th>` : xhtml`<th>${c}</th>`;
  });
  const body = t.rows.map(
    (row) =>
      xhtml`<tr>${row.map((cell, i) => {
        const cls = columnClass(t.columns[i] ?? '');
        return cls ? xhtml`<td class="${cls}">${cell}</td>` : xhtml`<td>${cell}</td>`;
      })}</tr>`,
  );
  return xhtml`<table id="${t.id}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function block(t: SectionTable, sectionTitle: string, banners: SectionBanners): Xhtml {
  const name = t.heading ?? sectionTitle;
  const exclusion = banners.confidentialItemsExcluded
    ? xhtml`<div class="exclusion-banner"><p>${warningText('confidential-items', '')}</p></div>`
    : undefined;
  const content =
    t.rows.length === 0
      ? xhtml`<div class="content-banner"><p>No '${name}' data is recorded for this patient.</p></div>`
      : xhtml`<div class="date-banner"><p>${dateBanner(t, banners)}</p></div>${exclusion}${table(t)}`;
  return t.heading === undefined ? content : xhtml`<div><h2>${t.heading}</h2>${content}</div>`;
}

export function renderSection(title: string, tables: readonly SectionTable[], banners: SectionBanners): string {
  const transfer =
    banners.inTransitSince === undefined
      ? undefined
      : xhtml`<div class="gptransfer-banner"><p>${warningText('data-in-transit', banners.inTransitSince)}</p></div>`;
  return xhtml`<div><h1>${title}</h1>${transfer}${tables.map((t) => block(t, title, banners))}</div>`.value;
}

/** Placeholder for a section a practice cannot supply (SPEC §7.3). */
export function renderUnsupported(title: string): string {
  return xhtml`<div><h1>${title}</h1><div class="content-banner"><p>This system does not support retrieval of '${title}' data.</p><p>This data may still exist in the source system.</p></div></div>`
    .value;
}
