import { BOOKING_ORGANISATION_EXTENSION, CANCELLATION_REASON_EXTENSION, ODS_SYSTEM } from './booking';
import { DELIVERY_CHANNEL_EXTENSION, PRACTITIONER_ROLE_EXTENSION } from './slots';
import { ukClock, ukDate, ukZoneName } from './uk-time';

/**
 * An appointment as the practice holds it, for the list, the detail, the confirmation and the "changed elsewhere"
 * comparison. Names of the location and practitioner are filled in by main from the practice (Foundations reads).
 */
export interface AppointmentView {
  readonly odsCode: string;
  readonly practiceName?: string;
  readonly id: string;
  /** `meta.versionId` (the If-Match of the next change). */
  readonly version: string;
  readonly status: string;
  readonly cancelled: boolean;
  readonly start: string;
  readonly end: string;
  readonly date: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly zone: 'GMT' | 'BST';
  readonly description: string;
  readonly comment?: string;
  readonly cancellationReason?: string;
  readonly channel?: string;
  readonly slotType?: string;
  readonly session?: string;
  readonly role?: string;
  readonly locationId?: string;
  readonly locationName?: string;
  readonly locationAddress?: string;
  readonly practitionerId?: string;
  readonly practitionerName?: string;
  readonly bookingOrganisation?: { readonly odsCode?: string; readonly name?: string; readonly telephone?: string };
  readonly created?: string;
  /** What `slot[]` references, so a lost booking can be recognised. */
  readonly slotIds: readonly string[];
}

const actorId = (a: fhir.Appointment, type: string): string | undefined =>
  (a.participant ?? [])
    .map((p) => p.actor?.reference)
    .find((r) => r?.startsWith(`${type}/`))
    ?.slice(type.length + 1);

export function appointmentView(
  odsCode: string,
  a: fhir.Appointment,
  etag: string | undefined,
  names: {
    readonly practiceName?: string;
    readonly locationName?: string;
    readonly locationAddress?: string;
    readonly practitionerName?: string;
  } = {},
): AppointmentView {
  const start = new Date(a.start ?? '');
  const end = new Date(a.end ?? '');
  const ext = a.extension ?? [];
  const orgRef = ext.find((e) => e.url === BOOKING_ORGANISATION_EXTENSION)?.valueReference?.reference;
  const org = (a.contained ?? []).find((c) => `#${c.id ?? ''}` === orgRef) as fhir.Organization | undefined;
  const version = a.meta?.versionId ?? /W\/"([^"]*)"/.exec(etag ?? '')?.[1] ?? '';
  const role = ext.find((e) => e.url === PRACTITIONER_ROLE_EXTENSION)?.valueCodeableConcept?.coding?.[0];
  const fields: Record<string, unknown> = {
    odsCode,
    id: a.id ?? '',
    version,
    status: a.status ?? 'unknown',
    cancelled: a.status === 'cancelled',
    start: a.start ?? '',
    end: a.end ?? '',
    date: Number.isNaN(start.getTime()) ? '' : ukDate(start),
    startTime: Number.isNaN(start.getTime()) ? '' : ukClock(start),
    endTime: Number.isNaN(end.getTime()) ? '' : ukClock(end),
    zone: Number.isNaN(start.getTime()) ? 'GMT' : ukZoneName(start),
    description: a.description ?? '',
    comment: a.comment,
    cancellationReason: ext.find((e) => e.url === CANCELLATION_REASON_EXTENSION)?.valueString,
    channel: ext.find((e) => e.url === DELIVERY_CHANNEL_EXTENSION)?.valueCode,
    slotType: a.serviceType?.[0]?.text,
    session: (a as { serviceCategory?: { text?: string } }).serviceCategory?.text,
    role: role?.display ?? role?.code,
    locationId: actorId(a, 'Location'),
    practitionerId: actorId(a, 'Practitioner'),
    created: a.created,
    slotIds: (a.slot ?? []).map((s) => s.reference?.replace(/^Slot\//, '') ?? ''),
    bookingOrganisation: org
      ? {
          odsCode: org.identifier?.find((i) => i.system === ODS_SYSTEM)?.value,
          name: org.name,
          telephone: org.telecom?.[0]?.value,
        }
      : undefined,
    ...names,
  };
  // Drop absent optionals (exactOptionalPropertyTypes, and plain data over IPC).
  return JSON.parse(JSON.stringify(fields)) as AppointmentView;
}

/** A field that differs between the appointment as we read it and as the practice holds it now. */
export interface AppointmentChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

const COMPARED: readonly (readonly [keyof AppointmentView, string])[] = [
  ['status', 'Status'],
  ['date', 'Date'],
  ['startTime', 'Start'],
  ['endTime', 'End'],
  ['description', 'Description'],
  ['comment', 'Comment'],
  ['cancellationReason', 'Cancellation reason'],
  ['locationName', 'Location'],
  ['practitionerName', 'Practitioner'],
  ['channel', 'Delivery channel'],
];

export function appointmentChanges(before: AppointmentView, after: AppointmentView): AppointmentChange[] {
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v as string));
  const changes = COMPARED.flatMap(([key, field]) =>
    text(before[key]) === text(after[key]) ? [] : [{ field, before: text(before[key]), after: text(after[key]) }],
  );
  if (changes.length === 0 && before.version !== after.version) {
    changes.push({ field: 'Version', before: before.version, after: after.version });
  }
  return changes;
}
