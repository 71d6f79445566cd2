import { ukDateTime } from '../../uk-time';
import type { AppointmentBook, ScheduleRecord, SlotRecord } from './appointment-book';

/** Slot and Schedule as the free-slot search returns them (SPEC §5.1, `examples/appointments/`). */
type Json = Record<string, unknown>;
export const PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
export const DELIVERY_CHANNEL_EXTENSION = `${PROFILE}Extension-GPConnect-DeliveryChannel-2`;
export const PRACTITIONER_ROLE_EXTENSION = `${PROFILE}Extension-GPConnect-PractitionerRole-1`;
export const BOOKING_ORGANISATION_EXTENSION = `${PROFILE}Extension-GPConnect-BookingOrganisation-1`;
export const CANCELLATION_REASON_EXTENSION = `${PROFILE}Extension-GPConnect-AppointmentCancellationReason-1`;
const JOB_ROLE_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-SDSJobRoleName-1';

export function practitionerRoleExtension(schedule: ScheduleRecord): Json {
  return {
    url: PRACTITIONER_ROLE_EXTENSION,
    valueCodeableConcept: {
      coding: [{ system: JOB_ROLE_SYSTEM, code: schedule.roleCode, display: schedule.roleDisplay }],
    },
  };
}

export function slotResource(slot: SlotRecord): Json {
  return {
    resourceType: 'Slot',
    id: slot.id,
    meta: { versionId: '1', profile: [`${PROFILE}GPConnect-Slot-1`] },
    extension: [{ url: DELIVERY_CHANNEL_EXTENSION, valueCode: slot.channel }],
    serviceType: [{ text: slot.serviceType }],
    schedule: { reference: `Schedule/${slot.scheduleId}` },
    status: slot.status,
    start: ukDateTime(slot.start),
    end: ukDateTime(slot.end),
  };
}

export function scheduleResource(schedule: ScheduleRecord, book: AppointmentBook): Json {
  const times = [...book.slots.values()].filter((s) => s.scheduleId === schedule.id).map((s) => s.start.getTime());
  const last = [...book.slots.values()].filter((s) => s.scheduleId === schedule.id).map((s) => s.end.getTime());
  return {
    resourceType: 'Schedule',
    id: schedule.id,
    meta: { versionId: '1', profile: [`${PROFILE}GPConnect-Schedule-1`] },
    extension: [practitionerRoleExtension(schedule)],
    serviceCategory: { text: schedule.serviceCategory },
    actor: [{ reference: `Location/${schedule.locationId}` }, { reference: `Practitioner/${schedule.practitionerId}` }],
    planningHorizon: {
      start: ukDateTime(new Date(Math.min(...times))),
      end: ukDateTime(new Date(Math.max(...last))),
    },
  };
}
