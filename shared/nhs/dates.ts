/**
 * Clinical date display after NHS Common User Interface guidance: `12-Mar-2024`, ages as `45y`, `1y 3m`, `6w`, `5d`.
 * Works on calendar dates (`YYYY-MM-DD`) by component, never through `Date` parsing, so no time zone can move a birthday.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number; // 1-31
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Reads the calendar date at the start of a FHIR `date` or `dateTime`; null if it is not a real date. */
export function parseCalendarDate(value: string): CalendarDate | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** `2024-03-12` → `12-Mar-2024`. Returns the input unchanged if it is not a date, so nothing is silently hidden. */
export function formatNhsDate(value: string): string {
  const date = parseCalendarDate(value);
  if (!date) return value;
  return `${String(date.day).padStart(2, '0')}-${MONTHS[date.month - 1]}-${date.year}`;
}

function toDayNumber(d: CalendarDate): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

/** Whole months from `from` to `to`, counting a month only once its day is reached. */
function wholeMonths(from: CalendarDate, to: CalendarDate): number {
  let months = (to.year - from.year) * 12 + (to.month - from.month);
  // A birthday on the 31st is reached at the end of a shorter month.
  const dayReached = to.day >= Math.min(from.day, daysInMonth(to.year, to.month));
  if (!dayReached) months -= 1;
  return months;
}

/**
 * Age for the patient banner. Under 4 weeks: days; under 1 year: weeks; under 2 years: months; under 18: years and
 * months; otherwise years. Null when the dates are invalid or the birth date is in the future.
 */
export function formatAge(birthDate: string, on: CalendarDate): string | null {
  const born = parseCalendarDate(birthDate);
  if (!born) return null;
  const days = toDayNumber(on) - toDayNumber(born);
  if (days < 0) return null;
  if (days < 28) return `${days}d`;
  const months = wholeMonths(born, on);
  if (months < 12) return `${Math.floor(days / 7)}w`;
  if (months < 24) return `${months}m`;
  const years = Math.floor(months / 12);
  if (years < 18) {
    const rest = months % 12;
    return rest === 0 ? `${years}y` : `${years}y ${rest}m`;
  }
  return `${years}y`;
}

/** Today's calendar date in the given clock's local time. */
export function calendarDateOf(instant: Date): CalendarDate {
  return { year: instant.getFullYear(), month: instant.getMonth() + 1, day: instant.getDate() };
}
