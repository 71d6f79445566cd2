import { gpcError } from '../../operation-outcome';
import type { Checked } from '../../validation/result';
import { pass, reject } from '../../validation/result';
import { addDays, ukInstant } from '../../uk-time';
import { locationResource, organizationResource, practitionerResource, searchset } from '../foundations-resources';
import type { AppointmentBook, SlotRecord } from './appointment-book';
import { scheduleResource, slotResource } from './appointment-resources';

/**
 * `GET Slot?start=ge…&end=le…&status=free&_include=Slot:schedule` (SPEC §5.1), with the suite's rules: one `start`
 * with `ge`, one `end` with `le`, whole dates or UK local date-times with +00:00/+01:00, a window of at most 14
 * days, `status=free` only, the mandatory include, and searchFilter admitting restricted slots.
 */
const ODS_FILTER = 'https://fhir.nhs.uk/Id/ods-organization-code';
const TYPE_FILTER = 'https://fhir.nhs.uk/STU3/CodeSystem/GPConnect-OrganisationType-1';
const RECURSE_INCLUDES = new Set([
  'Schedule:actor:Practitioner',
  'Schedule:actor:Location',
  'Location:managingOrganization',
]);
const BOUND = /^(\d{4}-\d{2}-\d{2})(T(\d{2}):(\d{2}):(\d{2})(\+0[01]:00))?$/;
const MAX_WINDOW_DAYS = 14;

const invalid = (message: string) => reject(gpcError('INVALID_PARAMETER', message));

/** A bound as an instant; a whole date means the start of that UK day (or the end of it, for `end`). */
function bound(name: 'start' | 'end', values: string[], prefix: 'ge' | 'le'): Checked<{ at: Date; date: string }> {
  if (values.length === 0) return reject(gpcError('BAD_REQUEST', `the ${name} search parameter is missing`));
  if (values.length > 1) return invalid(`${name} must be given once`);
  const raw = values[0] ?? '';
  if (!raw.startsWith(prefix))
    return invalid(`${name} must use the ${prefix} prefix, as in ${name}=${prefix}2026-06-03`);
  const m = BOUND.exec(raw.slice(2));
  const date = m?.[1];
  if (!m || date === undefined || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    return invalid(
      `${name} must be yyyy-mm-dd or yyyy-mm-ddThh:mm:ss+00:00/+01:00 (UK local time), not "${raw.slice(0, 40)}"`,
    );
  }
  if (m[2] === undefined)
    return pass({ at: name === 'start' ? ukInstant(date, 0, 0) : ukInstant(addDays(date, 1), 0, 0), date });
  return pass({ at: new Date(Date.parse(raw.slice(2))), date });
}

function admitted(slot: SlotRecord, filters: { ods: string[]; types: string[] }): boolean {
  const r = slot.restriction;
  if (r === undefined) return true;
  return 'odsCode' in r ? filters.ods.includes(r.odsCode) : filters.types.includes(r.organisationType);
}

export function searchFreeSlots(book: AppointmentBook, query: string): Checked<Record<string, unknown>> {
  const params = new URLSearchParams(query);
  const status = params.getAll('status');
  if (status.length === 0) return reject(gpcError('BAD_REQUEST', 'the status search parameter is missing'));
  const start = bound('start', params.getAll('start'), 'ge');
  if (!start.ok) return start;
  const end = bound('end', params.getAll('end'), 'le');
  if (!end.ok) return end;
  if (status.length > 1 || status[0] !== 'free') return invalid('status must be free (and only free)');
  const includes = params.getAll('_include');
  if (!includes.includes('Slot:schedule')) return invalid('_include=Slot:schedule is required');
  const unknownInclude = includes.find((i) => i !== 'Slot:schedule');
  if (unknownInclude) return invalid(`_include=${unknownInclude.slice(0, 60)} is not supported`);
  const recurse = params.getAll('_include:recurse');
  const badRecurse = recurse.find((i) => !RECURSE_INCLUDES.has(i));
  if (badRecurse) return invalid(`_include:recurse=${badRecurse.slice(0, 60)} is not supported`);

  const windowMs = end.value.at.getTime() - start.value.at.getTime();
  if (windowMs < 0) return invalid('end is before start');
  // Whole-date windows count days between the dates (the suite accepts 0, 8 and 14, refuses 15).
  const days = Math.round((Date.parse(end.value.date) - Date.parse(start.value.date)) / 86_400_000);
  // In instants, 15 UK days are an hour longer when the clocks go back inside them (25 hours that Sunday).
  if (days > MAX_WINDOW_DAYS || windowMs > (MAX_WINDOW_DAYS + 1) * 86_400_000 + 3_600_000) {
    return invalid(`the search window is at most ${MAX_WINDOW_DAYS} days`);
  }

  const filters = { ods: [] as string[], types: [] as string[] };
  for (const filter of params.getAll('searchFilter')) {
    const bar = filter.indexOf('|');
    if (bar < 0) return invalid('searchFilter must be system|value');
    const system = filter.slice(0, bar);
    const value = filter.slice(bar + 1);
    if (system === ODS_FILTER) filters.ods.push(value);
    else if (system === TYPE_FILTER) filters.types.push(value);
  }

  const slots = [...book.slots.values()].filter(
    (s) =>
      s.status === 'free' &&
      s.start.getTime() >= start.value.at.getTime() &&
      s.end.getTime() <= end.value.at.getTime() &&
      admitted(s, filters),
  );
  const schedules = book.schedules.filter((sc) => slots.some((s) => s.scheduleId === sc.id));
  const practice = book.practice;
  const resources: Record<string, unknown>[] = [
    ...slots.map(slotResource),
    ...schedules.map((sc) => scheduleResource(sc, book)),
  ];
  if (recurse.includes('Schedule:actor:Practitioner')) {
    for (const p of practice.practitioners.filter((p) => schedules.some((s) => s.practitionerId === p.id))) {
      resources.push(practitionerResource(p));
    }
  }
  if (recurse.includes('Schedule:actor:Location')) {
    for (const l of practice.locations.filter((l) => schedules.some((s) => s.locationId === l.id))) {
      resources.push(locationResource(l, practice));
    }
  }
  // Providers send the Organization with the locations whether or not it was asked for (SPEC §5.1 known issue).
  if (
    schedules.length > 0 &&
    (recurse.includes('Location:managingOrganization') || recurse.includes('Schedule:actor:Location'))
  ) {
    resources.push(organizationResource(practice));
  }
  return pass(searchset(resources));
}
