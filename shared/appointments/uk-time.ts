/**
 * UK local time, as GP Connect wants it on the wire (SPEC §5.1): `yyyy-mm-ddThh:mm:ss+00:00` in winter (GMT) and
 * `+01:00` in summer (BST). Computed with Intl's Europe/London zone so clock changes fall where they really do.
 */
const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * Readings by whole second. `formatToParts` costs microseconds a call, and a slot search reads every slot's time
 * three or four times over, the same times at every practice; the reading of an instant never changes.
 */
const readings = new Map<number, Readonly<Record<string, string>>>();
const READINGS_LIMIT = 10_000;

function londonParts(instant: Date): Readonly<Record<string, string>> {
  const second = Math.floor(instant.getTime() / 1000);
  const known = readings.get(second);
  if (known) return known;
  const out: Record<string, string> = {};
  for (const part of PARTS.formatToParts(instant)) out[part.type] = part.value;
  if (readings.size >= READINGS_LIMIT) readings.clear();
  readings.set(second, out);
  return out;
}

/** The UK calendar date of an instant, `yyyy-mm-dd`. */
export function ukDate(instant: Date): string {
  const p = londonParts(instant);
  return `${p['year'] ?? ''}-${p['month'] ?? ''}-${p['day'] ?? ''}`;
}

/** Minutes the UK is ahead of UTC at an instant: 0 (GMT) or 60 (BST). */
export function ukOffsetMinutes(instant: Date): number {
  const p = londonParts(instant);
  const asUtc = Date.UTC(
    Number(p['year']),
    Number(p['month']) - 1,
    Number(p['day']),
    Number(p['hour']),
    Number(p['minute']),
    Number(p['second']),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** An instant as UK local time with its offset, e.g. `2026-03-30T09:00:00+01:00`. */
export function ukDateTime(instant: Date): string {
  const p = londonParts(instant);
  const offset = ukOffsetMinutes(instant);
  const sign = offset < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${p['year'] ?? ''}-${p['month'] ?? ''}-${p['day'] ?? ''}T${p['hour'] ?? ''}:${p['minute'] ?? ''}:${p['second'] ?? ''}${sign}${hh}:${mm}`;
}

/** The instant at a UK wall-clock time on a UK date (`yyyy-mm-dd`, hour, minute). */
export function ukInstant(date: string, hour: number, minute: number): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hour, minute));
  // Wall time = UTC + offset, so subtract the offset in force at that moment (checked once more across a change).
  const first = new Date(guess.getTime() - ukOffsetMinutes(guess) * 60_000);
  return new Date(guess.getTime() - ukOffsetMinutes(first) * 60_000);
}

/** Adds whole days to a `yyyy-mm-dd` date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** Whole days from one `yyyy-mm-dd` date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The UK wall-clock time of an instant, `HH:mm` (what a clinician reads, whatever offset the practice wrote). */
export function ukClock(instant: Date): string {
  const p = londonParts(instant);
  return `${p['hour'] ?? ''}:${p['minute'] ?? ''}`;
}

/** `GMT` or `BST`: named beside times so a clock change in a search window is never a surprise. */
export function ukZoneName(instant: Date): 'GMT' | 'BST' {
  return ukOffsetMinutes(instant) === 60 ? 'BST' : 'GMT';
}
