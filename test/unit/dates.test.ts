import { describe, expect, it } from 'vitest';
import { formatAge, formatNhsDate, parseCalendarDate } from '../../shared/nhs/dates';

describe('formatNhsDate', () => {
  it.each([
    ['2024-03-12', '12-Mar-2024'],
    ['1968-12-01', '01-Dec-1968'],
    ['2025-12-01T09:30:00+00:00', '01-Dec-2025'],
    // The calendar date as written, whatever the local time zone: a dateTime late in the day stays on its date.
    ['2024-06-30T23:30:00+01:00', '30-Jun-2024'],
  ])('%s → %s', (input, expected) => {
    expect(formatNhsDate(input)).toBe(expected);
  });

  it('shows something that is not a date as it is, rather than hiding it', () => {
    expect(formatNhsDate('unknown')).toBe('unknown');
    expect(formatNhsDate('2024-02-30')).toBe('2024-02-30');
  });
});

describe('parseCalendarDate', () => {
  it('knows leap years', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseCalendarDate('2023-02-29')).toBeNull();
  });
});

describe('formatAge (NHS CUI)', () => {
  const on = { year: 2026, month: 11, day: 25 };
  it.each([
    ['1968-03-12', '58y'],
    ['1968-11-25', '58y'],
    ['1968-11-26', '57y'],
    ['2010-05-30', '16y 5m'],
    ['2014-11-25', '12y'],
    ['2025-09-03', '14m'],
    ['2026-05-01', '29w'],
    ['2026-11-01', '24d'],
    ['2026-11-25', '0d'],
  ])('born %s → %s', (born, expected) => {
    expect(formatAge(born, on)).toBe(expected);
  });

  it('counts a 29 February birthday as reached on 28 February in other years', () => {
    expect(formatAge('2008-02-29', { year: 2026, month: 2, day: 28 })).toBe('18y');
  });

  it('gives no age for a future or invalid birth date', () => {
    expect(formatAge('2027-01-01', on)).toBeNull();
    expect(formatAge('not a date', on)).toBeNull();
  });
});
