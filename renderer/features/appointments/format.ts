import type { AppointmentView } from '../../../shared/appointments/appointment-view';
import type { SlotView } from '../../../shared/appointments/slots';
import type { GpcErrorInfo } from '../../../shared/ipc/errors';
import { formatNhsDate } from '../../../shared/nhs/dates';

/** `12-Mar-2024 09:00–09:10 (GMT)`: UK local time, with the zone so a clock change is visible. */
export function slotWhen(s: Pick<SlotView, 'date' | 'startTime' | 'endTime' | 'zone'>): string {
  return `${formatNhsDate(s.date)} ${s.startTime}–${s.endTime} (${s.zone})`;
}

export function appointmentWhen(a: AppointmentView): string {
  return a.date ? `${formatNhsDate(a.date)} ${a.startTime}–${a.endTime} (${a.zone})` : 'time not given';
}

export function appointmentPlace(a: AppointmentView): string {
  const place = [a.locationName, a.locationAddress].filter((s) => !!s).join(', ');
  return place || (a.locationId ? `location ${a.locationId} (name not available)` : 'not given by the practice');
}

export function practiceLabel(odsCode: string, name?: string): string {
  return name ? `${name} (${odsCode})` : odsCode;
}

/** The sentence to show for a failed call, with the Spine code and trace id for the service desk. */
export function errorText(error: GpcErrorInfo): string {
  return error.spine ? `${error.message} (${error.spine.code})` : error.message;
}

/** Today in the UK as `yyyy-mm-dd` (the search form's default). */
export function ukToday(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function plusDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** ODS codes typed by the user: upper-cased, split on spaces and commas, duplicates removed. */
export function parseOdsCodes(text: string): { codes: string[]; invalid: string[] } {
  const words = text
    .toUpperCase()
    .split(/[\s,;]+/)
    .filter((w) => w !== '');
  const codes = [...new Set(words.filter((w) => /^[A-Z0-9]{3,10}$/.test(w)))];
  return { codes, invalid: words.filter((w) => !/^[A-Z0-9]{3,10}$/.test(w)) };
}
