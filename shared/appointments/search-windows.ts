import { addDays, daysBetween } from './uk-time';

/**
 * Free-slot search windows (SPEC §5.1): one request covers `start=geA&end=leB` with B at most 14 days after A (the
 * suite accepts 14, refuses 15). Whole dates: `le` includes all of day B, so consecutive windows start the day after
 * the previous one ends: no gap, no overlap. Longer ranges are split into as few windows as possible.
 */
export const MAX_WINDOW_DAYS = 14;
/** The longest range one search may ask for (split into several requests per practice). */
export const MAX_SEARCH_DAYS = 56;
export const MAX_SEARCH_PRACTICES = 20;

export interface SearchWindow {
  readonly start: string;
  readonly end: string;
}

export function splitSearchWindows(from: string, to: string, maxDays = MAX_WINDOW_DAYS): SearchWindow[] {
  const span = daysBetween(from, to);
  if (Number.isNaN(span) || span < 0) throw new RangeError('the search range ends before it starts');
  const windows: SearchWindow[] = [];
  for (let start = from; daysBetween(start, to) >= 0; start = addDays(start, maxDays + 1)) {
    const end = daysBetween(start, to) > maxDays ? addDays(start, maxDays) : to;
    windows.push({ start, end });
  }
  return windows;
}
