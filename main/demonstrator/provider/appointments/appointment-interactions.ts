import { gpcError } from '../../operation-outcome';
import type { GpcErrorCode } from '../../operation-outcome';
import type { Checked } from '../../validation/result';
import { pass, reject } from '../../validation/result';
import { ukDate, ukDateTime, ukInstant, addDays } from '../../uk-time';
import { searchset } from '../foundations-resources';
import type { ProviderState } from '../provider-state';
import type { AppointmentBook, AppointmentRecord, SlotRecord } from './appointment-book';
import {
  BOOKING_ORGANISATION_EXTENSION,
  CANCELLATION_REASON_EXTENSION,
  DELIVERY_CHANNEL_EXTENSION,
  PROFILE,
  practitionerRoleExtension,
} from './appointment-resources';

/**
 * Book, read, amend and cancel an appointment and list a patient's appointments (SPEC §5.2–§5.5), with the
 * suite's rules: relative references, the contained booking organisation, adjacent slots, future-only, only
 * description and comment amendable, a cancellation reason, `If-Match` against the stored version (409 when stale)
 * and 409 DUPLICATE_REJECTED when a slot was taken since the search.
 */
type Json = Record<string, unknown>;
const fail = (code: GpcErrorCode, message: string) => reject(gpcError(code, message));
const DESCRIPTION_MAX = 100;
const COMMENT_MAX = 500;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/;
/** Elements a booking may carry; anything else (reason, specialty, priority, …) is refused. */
const BOOKABLE = new Set([
  'resourceType',
  'meta',
  'contained',
  'extension',
  'status',
  'description',
  'start',
  'end',
  'slot',
  'created',
  'comment',
  'participant',
  'serviceType',
  'serviceCategory',
  'minutesDuration',
]);

export interface AppointmentContext {
  readonly state: ProviderState;
  readonly book: AppointmentBook;
  readonly now: Date;
  readonly serviceRoot: string;
}

export interface AppointmentResult {
  readonly status: number;
  readonly body: Json;
  readonly etag?: string;
  readonly location?: string;
}

const refOf = (value: unknown): string | undefined =>
  (value as { reference?: unknown } | undefined)?.reference as string | undefined;
const extensions = (r: Json): Json[] => (Array.isArray(r['extension']) ? (r['extension'] as Json[]) : []);

function relative(reference: string | undefined, type: string): Checked<string> {
  if (reference === undefined) return fail('INVALID_RESOURCE', `a ${type} reference is missing`);
  if (/^https?:/.test(reference))
    return fail('INVALID_RESOURCE', `references must be relative: ${reference.slice(0, 80)}`);
  const m = new RegExp(`^${type}/([A-Za-z0-9.-]{1,64})$`).exec(reference);
  if (!m?.[1]) return fail('INVALID_RESOURCE', `"${reference.slice(0, 80)}" is not a ${type} reference`);
  return pass(m[1]);
}

function textLimits(a: Json): Checked<true> {
  const description = a['description'];
  if (typeof description !== 'string' || description.trim() === '')
    return fail('INVALID_RESOURCE', 'description is required');
  if (description.length > DESCRIPTION_MAX)
    return fail('INVALID_RESOURCE', `description is limited to ${DESCRIPTION_MAX} characters`);
  const comment = a['comment'];
  if (comment !== undefined && (typeof comment !== 'string' || comment.length > COMMENT_MAX)) {
    return fail('INVALID_RESOURCE', `comment is limited to ${COMMENT_MAX} characters`);
  }
  return pass(true);
}

/** The contained booking organisation the extension points at (SPEC §5.2): ODS code, name and telecom required. */
function bookingOrganisation(a: Json): Checked<{ odsCode: string; type?: string }> {
  const ext = extensions(a).filter((e) => e['url'] === BOOKING_ORGANISATION_EXTENSION);
  if (ext.length !== 1) return fail('INVALID_RESOURCE', 'exactly one BookingOrganisation extension is required');
  const target = refOf(ext[0]?.['valueReference']);
  const contained = Array.isArray(a['contained']) ? (a['contained'] as Json[]) : [];
  const org = contained.find((c) => `#${String(c['id'])}` === target);
  if (!org || org['resourceType'] !== 'Organization') {
    return fail('INVALID_RESOURCE', 'the BookingOrganisation extension must reference a contained Organization');
  }
  const ods = (org['identifier'] as { system?: string; value?: string }[] | undefined)?.find(
    (i) => i.system === 'https://fhir.nhs.uk/Id/ods-organization-code',
  )?.value;
  if (!ods) return fail('INVALID_RESOURCE', 'the booking organisation needs an ODS code identifier');
  if (typeof org['name'] !== 'string' || org['name'] === '')
    return fail('INVALID_RESOURCE', 'the booking organisation needs a name');
  if (!Array.isArray(org['telecom']) || org['telecom'].length === 0) {
    return fail('INVALID_RESOURCE', 'the booking organisation needs a telecom');
  }
  const type = ((org['type'] as { coding?: { code?: string }[] }[] | undefined)?.[0]?.coding ?? [])[0]?.code;
  return pass(type === undefined ? { odsCode: ods } : { odsCode: ods, type });
}

export function bookAppointment(ctx: AppointmentContext, body: unknown): Checked<AppointmentResult> {
  const a = body as Json | null;
  if (a === null || typeof a !== 'object' || a['resourceType'] !== 'Appointment') {
    return fail('INVALID_RESOURCE', 'the body must be an Appointment');
  }
  const extra = Object.keys(a).find((k) => !BOOKABLE.has(k));
  if (extra) return fail('INVALID_RESOURCE', `Appointment.${extra} may not be sent when booking`);
  if (a['status'] !== 'booked') return fail('INVALID_RESOURCE', 'status must be booked');
  for (const field of ['start', 'end', 'created'] as const) {
    if (typeof a[field] !== 'string' || !DATE_TIME.test(a[field])) {
      return fail('INVALID_RESOURCE', `${field} must be a date-time with an offset`);
    }
  }
  const text = textLimits(a);
  if (!text.ok) return text;
  if (extensions(a).some((e) => e['url'] === CANCELLATION_REASON_EXTENSION)) {
    return fail('INVALID_RESOURCE', 'a new appointment cannot carry a cancellation reason');
  }
  const booker = bookingOrganisation(a);
  if (!booker.ok) return booker;

  if (!Array.isArray(a['slot']) || a['slot'].length === 0) return fail('INVALID_RESOURCE', 'slot is required');
  const slots: SlotRecord[] = [];
  for (const s of a['slot'] as unknown[]) {
    const id = relative(refOf(s), 'Slot');
    if (!id.ok) return id;
    const slot = ctx.book.slots.get(id.value);
    if (!slot) return fail('REFERENCE_NOT_FOUND', `Slot/${id.value} does not exist`);
    slots.push(slot);
  }
  slots.sort((x, y) => x.start.getTime() - y.start.getTime());
  const first = slots[0];
  const last = slots[slots.length - 1];
  if (!first || !last) return fail('INVALID_RESOURCE', 'slot is required');
  for (let i = 1; i < slots.length; i += 1) {
    const prev = slots[i - 1];
    const cur = slots[i];
    if (!prev || !cur) continue;
    if (
      cur.start.getTime() !== prev.end.getTime() ||
      cur.scheduleId !== prev.scheduleId ||
      cur.channel !== prev.channel ||
      cur.serviceType !== prev.serviceType
    ) {
      return fail('INVALID_RESOURCE', 'several slots must be adjacent, on one schedule, channel and slot type');
    }
  }
  if (first.start.getTime() <= ctx.now.getTime()) return fail('INVALID_RESOURCE', 'slots in the past cannot be booked');
  if (
    Date.parse(a['start'] as string) !== first.start.getTime() ||
    Date.parse(a['end'] as string) !== last.end.getTime()
  ) {
    return fail('INVALID_RESOURCE', 'start and end must be the start of the first slot and the end of the last');
  }
  for (const slot of slots) {
    const r = slot.restriction;
    if (r && ('odsCode' in r ? r.odsCode !== booker.value.odsCode : r.organisationType !== booker.value.type)) {
      return fail('INVALID_RESOURCE', `Slot/${slot.id} is not bookable by this organisation`);
    }
  }

  const schedule = ctx.book.schedule(first.scheduleId);
  if (!schedule) return fail('INVALID_RESOURCE', 'the slot has no schedule');
  const participants = Array.isArray(a['participant']) ? (a['participant'] as Json[]) : [];
  if (participants.length === 0) return fail('INVALID_RESOURCE', 'participant is required');
  const seen = new Map<string, string>();
  for (const p of participants) {
    const reference = refOf(p['actor']);
    if (reference !== undefined && /^https?:/.test(reference)) {
      return fail('INVALID_RESOURCE', `participant references must be relative: ${reference.slice(0, 80)}`);
    }
    const type = reference?.split('/')[0] ?? '';
    if (!['Patient', 'Location', 'Practitioner'].includes(type)) {
      return fail('INVALID_RESOURCE', 'participants are a Patient, a Location and optionally a Practitioner');
    }
    if (p['status'] !== 'accepted') return fail('INVALID_RESOURCE', 'participant status must be accepted');
    seen.set(type, reference?.slice(type.length + 1) ?? '');
  }
  const patientId = seen.get('Patient');
  if (patientId === undefined) return fail('INVALID_RESOURCE', 'the Patient participant is required');
  if (seen.get('Location') !== schedule.locationId) {
    return fail('INVALID_RESOURCE', `the Location participant must be the schedule's, Location/${schedule.locationId}`);
  }
  const practitioner = seen.get('Practitioner');
  if (practitioner !== undefined && practitioner !== schedule.practitionerId) {
    return fail(
      'INVALID_RESOURCE',
      `the Practitioner participant must be the schedule's, Practitioner/${schedule.practitionerId}`,
    );
  }
  const patient = ctx.state
    .patientsAt(ctx.book.practice.odsCode)
    .find((r) => r.logicalId === patientId && r.status === 'active');
  if (!patient) return fail('REFERENCE_NOT_FOUND', `Patient/${patientId} is not a patient of this practice`);
  // Last, so that a faulty request never reports a conflict: the slot was taken since the consumer searched.
  const taken = slots.find((s) => s.status !== 'free');
  if (taken) return fail('DUPLICATE_REJECTED', `Slot/${taken.id} is no longer free`);

  for (const slot of slots) slot.status = 'busy';
  const id = ctx.book.newAppointmentId();
  const resource: Json = {
    ...a,
    id,
    meta: { versionId: '1', profile: [`${PROFILE}GPConnect-Appointment-1`] },
    extension: [
      ...extensions(a).filter((e) => e['url'] === BOOKING_ORGANISATION_EXTENSION),
      practitionerRoleExtension(schedule),
      { url: DELIVERY_CHANNEL_EXTENSION, valueCode: first.channel },
    ],
    serviceCategory: { text: schedule.serviceCategory },
    serviceType: [{ text: first.serviceType }],
    start: ukDateTime(first.start),
    end: ukDateTime(last.end),
  };
  const record: AppointmentRecord = {
    id,
    patientId,
    slotIds: slots.map((s) => s.id),
    start: first.start,
    version: 1,
    resource,
  };
  ctx.book.appointments.set(id, record);
  return pass({ status: 201, body: resource, etag: 'W/"1"', location: `${ctx.serviceRoot}/Appointment/${id}` });
}

function stored(ctx: AppointmentContext, id: string | undefined): Checked<AppointmentRecord> {
  const record = id === undefined ? undefined : ctx.book.appointments.get(id);
  if (!record) return fail('NO_RECORD_FOUND', `no appointment with id ${String(id)}`);
  return pass(record);
}

export function readAppointment(ctx: AppointmentContext, id: string | undefined): Checked<AppointmentResult> {
  const record = stored(ctx, id);
  if (!record.ok) return record;
  // Only future appointments (today counts as future) may be read.
  if (ukDate(record.value.start) < ukDate(ctx.now)) return fail('NO_RECORD_FOUND', 'past appointments cannot be read');
  return pass({ status: 200, body: record.value.resource, etag: `W/"${record.value.version}"` });
}

/** `start=geDATE&start=leDATE`: both, whole dates, not in the past, in order (SPEC §5.3). */
export function patientAppointments(
  ctx: AppointmentContext,
  patientId: string | undefined,
  query: string,
): Checked<AppointmentResult> {
  const starts = new URLSearchParams(query).getAll('start');
  const ge = starts.filter((s) => s.startsWith('ge'));
  const le = starts.filter((s) => s.startsWith('le'));
  if (starts.length !== 2 || ge.length !== 1 || le.length !== 1) {
    return fail('INVALID_PARAMETER', 'start must be given twice: start=geYYYY-MM-DD&start=leYYYY-MM-DD');
  }
  const from = (ge[0] ?? '').slice(2);
  const to = (le[0] ?? '').slice(2);
  for (const d of [from, to]) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d)))
      return fail('INVALID_PARAMETER', `start "${d.slice(0, 30)}" must be a whole date`);
  }
  const today = ukDate(ctx.now);
  if (from < today || to < today) return fail('INVALID_PARAMETER', 'only future appointments can be searched');
  if (to < from) return fail('INVALID_PARAMETER', 'the range ends before it starts');
  const patient = ctx.state
    .patientsAt(ctx.book.practice.odsCode)
    .find((r) => r.logicalId === patientId && r.status === 'active');
  if (!patient) return fail('PATIENT_NOT_FOUND', `no active patient with id ${String(patientId)}`);
  const lo = ukInstant(from, 0, 0).getTime();
  const hi = ukInstant(addDays(to, 1), 0, 0).getTime();
  const found = [...ctx.book.appointments.values()]
    .filter((r) => r.patientId === patientId && r.start.getTime() >= lo && r.start.getTime() < hi)
    .map((r) => r.resource);
  return pass({ status: 200, body: searchset(found) });
}

/** Not compared on amend/cancel: versioning, and the echoed serviceType/serviceCategory providers ignore (SPEC §5.2). */
const IGNORED = ['meta', 'serviceType', 'serviceCategory'] as const;

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Json).sort(([x], [y]) => x.localeCompare(y)))
      : v,
  );

function without(a: Json, keys: readonly string[], dropExtension?: string): Json {
  const copy: Json = { ...a };
  for (const k of keys) delete copy[k];
  if (dropExtension !== undefined) copy['extension'] = extensions(a).filter((e) => e['url'] !== dropExtension);
  return copy;
}

/** Amend and cancel: If-Match, then the body is the stored appointment with only the allowed changes. */
export function updateAppointment(
  ctx: AppointmentContext,
  id: string | undefined,
  body: unknown,
  ifMatch: string | undefined,
  kind: 'amend' | 'cancel',
): Checked<AppointmentResult> {
  const record = stored(ctx, id);
  if (!record.ok) return record;
  const current = record.value;
  if (ifMatch !== undefined && ifMatch !== `W/"${current.version}"`) {
    return fail(
      'FHIR_CONSTRAINT_VIOLATION',
      `If-Match ${ifMatch.slice(0, 30)} is not the current version W/"${current.version}"`,
    );
  }
  const a = body as Json | null;
  if (a === null || typeof a !== 'object' || a['resourceType'] !== 'Appointment') {
    return fail('INVALID_RESOURCE', 'the body must be an Appointment');
  }
  if (a['id'] !== current.id) return fail('INVALID_RESOURCE', `the body's id must be ${current.id}`);
  if (current.resource['status'] === 'cancelled')
    return fail('INVALID_RESOURCE', 'a cancelled appointment cannot be changed');
  if (current.start.getTime() <= ctx.now.getTime())
    return fail('INVALID_RESOURCE', 'past appointments cannot be changed');

  if (kind === 'amend') {
    if (extensions(a).some((e) => e['url'] === CANCELLATION_REASON_EXTENSION)) {
      return fail('INVALID_RESOURCE', 'an amendment cannot carry a cancellation reason');
    }
    if (a['status'] !== current.resource['status'])
      return fail('INVALID_RESOURCE', 'use the cancel interaction to cancel');
    const text = textLimits(a);
    if (!text.ok) return text;
    if (
      canonical(without(a, [...IGNORED, 'description', 'comment'])) !==
      canonical(without(current.resource, [...IGNORED, 'description', 'comment']))
    ) {
      return fail('INVALID_RESOURCE', 'only description and comment may be amended');
    }
  } else {
    if (a['status'] !== 'cancelled') return fail('INVALID_RESOURCE', 'status must be cancelled');
    const reasons = extensions(a).filter((e) => e['url'] === CANCELLATION_REASON_EXTENSION);
    if (reasons.length !== 1)
      return fail('INVALID_RESOURCE', `one ${CANCELLATION_REASON_EXTENSION} extension is required`);
    const reason = reasons[0]?.['valueString'];
    if (typeof reason !== 'string' || reason.trim() === '')
      return fail('INVALID_PARAMETER', 'the cancellation reason is empty');
    if (
      canonical(without(a, [...IGNORED, 'status'], CANCELLATION_REASON_EXTENSION)) !==
      canonical(without(current.resource, [...IGNORED, 'status'], CANCELLATION_REASON_EXTENSION))
    ) {
      return fail('INVALID_RESOURCE', 'a cancellation may change only the status and add the reason');
    }
    // Cancelling releases the slots for others to book.
    for (const slotId of current.slotIds) {
      const slot = ctx.book.slots.get(slotId);
      if (slot) slot.status = 'free';
    }
  }
  current.version += 1;
  current.resource = {
    ...a,
    meta: { versionId: String(current.version), profile: [`${PROFILE}GPConnect-Appointment-1`] },
    // The provider's own values, whether or not the consumer echoed them.
    serviceCategory: current.resource['serviceCategory'],
    serviceType: current.resource['serviceType'],
  };
  return pass({ status: 200, body: current.resource, etag: `W/"${current.version}"` });
}
