import type { SlotView } from './slots';

/**
 * The Appointment a booking sends, and the bodies of amend and cancel, exactly as SPEC §5.2, §5.4 and §5.5 describe
 * them. Pure, so the rules (length limits, adjacency, past slots) are tested without a practice.
 */
export const DESCRIPTION_MAX = 100;
export const COMMENT_MAX = 500;

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
export const BOOKING_ORGANISATION_EXTENSION = `${SD}Extension-GPConnect-BookingOrganisation-1`;
export const CANCELLATION_REASON_EXTENSION = `${SD}Extension-GPConnect-AppointmentCancellationReason-1`;
export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const ORGANISATION_TYPE_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/GPConnect-OrganisationType-1';

export interface BookingOrganisation {
  readonly odsCode: string;
  readonly name: string;
  readonly telephone: string;
  /** The type sent in `searchFilter`; omitted from the booking if none was sent (SPEC §5.2). */
  readonly type?: string;
}

/** Why a set of slots cannot be one booking, in the sentence a clinician reads; null when they can. */
export function slotsProblem(slots: readonly SlotView[], now: Date): string | null {
  if (slots.length === 0) return 'Choose a slot to book.';
  const sorted = [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const first = sorted[0];
  if (!first) return 'Choose a slot to book.';
  if (sorted.some((s) => s.odsCode !== first.odsCode)) return 'Slots at different practices cannot be one booking.';
  if (sorted.some((s) => Date.parse(s.start) <= now.getTime() || !s.bookable)) {
    return 'A slot that has already started cannot be booked.';
  }
  for (let i = 1; i < sorted.length; i += 1) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (!a || !b) continue;
    if (Date.parse(b.start) !== Date.parse(a.end))
      return 'Several slots can be booked together only when they follow on without a gap.';
    if (b.scheduleId !== a.scheduleId)
      return 'Several slots can be booked together only in the same clinician’s session.';
    if (b.channel !== a.channel) return 'Several slots can be booked together only with the same delivery channel.';
    if (b.slotType !== a.slotType) return 'Several slots can be booked together only when they are the same slot type.';
  }
  return null;
}

/** Description required and ≤100 characters, comment ≤500 (SPEC §5.2): the sentence to show, or null. */
export function textProblem(description: string, comment: string | undefined): string | null {
  if (description.trim() === '') return 'Enter a description of the appointment.';
  if (description.length > DESCRIPTION_MAX) return `The description must be ${DESCRIPTION_MAX} characters or fewer.`;
  if (comment !== undefined && comment.length > COMMENT_MAX)
    return `The comment must be ${COMMENT_MAX} characters or fewer.`;
  return null;
}

/** `created`: now, in UK local time with its offset. */
export function buildBooking(input: {
  readonly slots: readonly SlotView[];
  readonly patientId: string;
  readonly organisation: BookingOrganisation;
  readonly description: string;
  readonly comment?: string;
  readonly created: string;
}): fhir.Appointment {
  const sorted = [...input.slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) throw new RangeError('a booking needs at least one slot');
  const org = input.organisation;
  const contained: fhir.Organization = {
    resourceType: 'Organization',
    id: '1',
    meta: { profile: [`${SD}CareConnect-GPC-Organization-1`] },
    identifier: [{ system: ODS_SYSTEM, value: org.odsCode }],
    name: org.name,
    telecom: [{ system: 'phone', value: org.telephone, use: 'work' }],
    ...(org.type ? { type: [{ coding: [{ system: ORGANISATION_TYPE_SYSTEM, code: org.type }] }] } : {}),
  };
  const participant: fhir.AppointmentParticipant[] = [
    { actor: { reference: `Patient/${input.patientId}` }, status: 'accepted' },
    ...(first.locationId
      ? [{ actor: { reference: `Location/${first.locationId}` }, status: 'accepted' as const }]
      : []),
    ...(first.practitionerId
      ? [{ actor: { reference: `Practitioner/${first.practitionerId}` }, status: 'accepted' as const }]
      : []),
  ];
  return {
    resourceType: 'Appointment',
    meta: { profile: [`${SD}GPConnect-Appointment-1`] },
    contained: [contained],
    extension: [{ url: BOOKING_ORGANISATION_EXTENSION, valueReference: { reference: '#1' } }],
    status: 'booked',
    description: input.description,
    start: first.start,
    end: last.end,
    slot: sorted.map((s) => ({ reference: `Slot/${s.id}` })),
    created: input.created,
    ...(input.comment ? { comment: input.comment } : {}),
    participant,
  };
}

/** The appointment just read with only description and comment changed (SPEC §5.4). */
export function buildAmendment(
  read: fhir.Appointment,
  description: string,
  comment: string | undefined,
): fhir.Appointment {
  const { comment: _old, ...rest } = read;
  return { ...rest, description, ...(comment ? { comment } : {}) };
}

/** The appointment just read, cancelled, with the reason extension (SPEC §5.5); nothing else changes. */
export function buildCancellation(read: fhir.Appointment, reason: string): fhir.Appointment {
  return {
    ...read,
    status: 'cancelled',
    extension: [
      ...(read.extension ?? []).filter((e) => e.url !== CANCELLATION_REASON_EXTENSION),
      { url: CANCELLATION_REASON_EXTENSION, valueString: reason },
    ],
  };
}

/**
 * After a lost reply: the booking we sent, if the practice holds it. Matched on the exact slots and start, booked
 * (not cancelled), so an older booking of the same patient is never mistaken for this one.
 */
export function findBooking(
  appointments: readonly fhir.Appointment[],
  sent: { readonly slotIds: readonly string[]; readonly start: string },
): fhir.Appointment | undefined {
  const wanted = [...sent.slotIds].sort().join(',');
  return appointments.find(
    (a) =>
      a.status === 'booked' &&
      Date.parse(a.start ?? '') === Date.parse(sent.start) &&
      (a.slot ?? [])
        .map((s) => s.reference?.replace(/^Slot\//, '') ?? '')
        .sort()
        .join(',') === wanted,
  );
}
