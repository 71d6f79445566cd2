import { parseCalendarDate } from '../nhs/dates';
import type { DatePrecision, RecordedDate, RecordedPeriod } from './structured-view';

/**
 * FHIR dates as the practice recorded them (SPEC §6.1: "year(-month) dates span the whole period"): `2024` stays
 * `2024`, `2024-03` shows `Mar-2024`, a day or date-time shows `12-Mar-2024`. Read by component, never through
 * `Date`, so no time zone can move a date. Anything unreadable gives undefined: the caller shows nothing rather
 * than a wrong date.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** Records repeat the same dates thousands of times; the readings are immutable, so one per distinct text. */
const cache = new Map<string, RecordedDate | null>();
const CACHE_LIMIT = 20_000;

export function readRecordedDate(value: unknown): RecordedDate | undefined {
  if (typeof value !== 'string') return undefined;
  const cached = cache.get(value);
  if (cached !== undefined) return cached ?? undefined;
  const read = parseRecordedDate(value);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(value, read ? Object.freeze(read) : null);
  return read;
}

function parseRecordedDate(value: string): RecordedDate | undefined {
  const iso = value.trim();
  const m = PARTIAL.exec(iso);
  if (!m) return undefined;
  const [, year, month, day, hour, minute] = m;
  if (year === undefined) return undefined;
  if (month === undefined) return { iso, precision: 'year', display: year, sortKey: `${year}-01-01T00:00` };
  const monthIndex = Number(month) - 1;
  const monthName = MONTHS[monthIndex];
  if (monthName === undefined) return undefined;
  if (day === undefined) {
    return { iso, precision: 'month', display: `${monthName}-${year}`, sortKey: `${year}-${month}-01T00:00` };
  }
  if (!parseCalendarDate(`${year}-${month}-${day}`)) return undefined;
  const display = `${day}-${monthName}-${year}`;
  if (hour === undefined || minute === undefined) {
    return { iso, precision: 'day', display, sortKey: `${year}-${month}-${day}T00:00` };
  }
  const time = `${hour}:${minute}`;
  const precision: DatePrecision = 'time';
  return { iso, precision, display, time, sortKey: `${year}-${month}-${day}T${time}` };
}

export function readRecordedPeriod(value: unknown): RecordedPeriod | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { start, end } = value as { start?: unknown; end?: unknown };
  const s = readRecordedDate(start);
  const e = readRecordedDate(end);
  if (!s && !e) return undefined;
  return { ...(s ? { start: s } : {}), ...(e ? { end: e } : {}) };
}

/** Newest first, undated last; equal dates by id, so the order never depends on the order of Bundle entries. */
export function newestFirst<T extends { readonly id: string }>(
  items: readonly T[],
  dateOf: (item: T) => RecordedDate | undefined,
): T[] {
  return [...items].sort((a, b) => compareDated(dateOf(b), dateOf(a), true) || byId(a, b));
}

/** Soonest first, undated last; equal dates by id. */
export function oldestFirst<T extends { readonly id: string }>(
  items: readonly T[],
  dateOf: (item: T) => RecordedDate | undefined,
): T[] {
  return [...items].sort((a, b) => compareDated(dateOf(a), dateOf(b), false) || byId(a, b));
}

/** Ascending by sort key; undated last whichever way the caller sorts (`reversed`: the arguments were swapped). */
function compareDated(a: RecordedDate | undefined, b: RecordedDate | undefined, reversed: boolean): number {
  const ka = a?.sortKey;
  const kb = b?.sortKey;
  if (ka === kb) return 0;
  if (ka === undefined) return reversed ? -1 : 1;
  if (kb === undefined) return reversed ? 1 : -1;
  return ka < kb ? -1 : 1;
}

export function byId(a: { readonly id: string }, b: { readonly id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
