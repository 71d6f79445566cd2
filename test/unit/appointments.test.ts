import { describe, expect, it } from 'vitest';
import { appointmentChanges, appointmentView } from '../../shared/appointments/appointment-view';
import {
  BOOKING_ORGANISATION_EXTENSION,
  CANCELLATION_REASON_EXTENSION,
  COMMENT_MAX,
  DESCRIPTION_MAX,
  buildAmendment,
  buildBooking,
  buildCancellation,
  findBooking,
  slotsProblem,
  textProblem,
} from '../../shared/appointments/booking';
import { splitSearchWindows } from '../../shared/appointments/search-windows';
import type { SlotView } from '../../shared/appointments/slots';
import { filterSlots, slotsFromBundle } from '../../shared/appointments/slots';
import { ukClock, ukDate, ukDateTime, ukInstant, ukZoneName } from '../../shared/appointments/uk-time';
import { contract } from '../../shared/ipc/contract';

const NOW = new Date('2026-03-20T10:00:00Z');

function slot(over: Partial<SlotView> & { start: string; end: string }): SlotView {
  const start = new Date(over.start);
  return {
    odsCode: 'A20047',
    id: over.id ?? over.start,
    date: ukDate(start),
    startTime: ukClock(start),
    endTime: ukClock(new Date(over.end)),
    zone: ukZoneName(start),
    minutes: 10,
    scheduleId: 'S1',
    channel: 'In-person',
    slotType: 'General GP Appointment',
    locationId: '11',
    practitionerId: '1',
    bookable: start > NOW,
    ...over,
  };
}

describe('search windows (≤14 days per request)', () => {
  it('keeps a range of up to 14 days in one window', () => {
    expect(splitSearchWindows('2026-03-01', '2026-03-01')).toEqual([{ start: '2026-03-01', end: '2026-03-01' }]);
    expect(splitSearchWindows('2026-03-01', '2026-03-15')).toEqual([{ start: '2026-03-01', end: '2026-03-15' }]);
  });
  it('splits longer ranges with no gap and no overlap, across month ends', () => {
    expect(splitSearchWindows('2026-03-01', '2026-03-16')).toEqual([
      { start: '2026-03-01', end: '2026-03-15' },
      { start: '2026-03-16', end: '2026-03-16' },
    ]);
    const w = splitSearchWindows('2026-03-20', '2026-05-14');
    expect(w).toEqual([
      { start: '2026-03-20', end: '2026-04-03' },
      { start: '2026-04-04', end: '2026-04-18' },
      { start: '2026-04-19', end: '2026-05-03' },
      { start: '2026-05-04', end: '2026-05-14' },
    ]);
  });
  it('refuses a range that ends before it starts', () => {
    expect(() => splitSearchWindows('2026-03-02', '2026-03-01')).toThrow(RangeError);
  });
});

describe('UK local time across the clock changes', () => {
  it('writes +00:00 in GMT and +01:00 in BST, for the same wall-clock time', () => {
    expect(ukDateTime(ukInstant('2026-03-27', 9, 0))).toBe('2026-03-27T09:00:00+00:00');
    expect(ukDateTime(ukInstant('2026-03-30', 9, 0))).toBe('2026-03-30T09:00:00+01:00');
    expect(ukDateTime(ukInstant('2026-10-23', 9, 0))).toBe('2026-10-23T09:00:00+01:00');
    expect(ukDateTime(ukInstant('2026-10-26', 9, 0))).toBe('2026-10-26T09:00:00+00:00');
  });
  it('reads a practice time with its offset as the UK wall clock and names the zone', () => {
    const bst = new Date('2026-10-23T09:00:00+01:00');
    const gmt = new Date('2026-10-26T09:00:00+00:00');
    expect([ukClock(bst), ukZoneName(bst)]).toEqual(['09:00', 'BST']);
    expect([ukClock(gmt), ukZoneName(gmt)]).toEqual(['09:00', 'GMT']);
    // A practice that wrote UTC still shows UK wall-clock time.
    expect(ukClock(new Date('2026-07-01T08:00:00Z'))).toBe('09:00');
  });
});

describe('slots from a searchset', () => {
  const bundle: fhir.Bundle = {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: [
      {
        resource: {
          resourceType: 'Slot',
          id: 's2',
          schedule: { reference: 'Schedule/S1' },
          status: 'free',
          start: '2026-03-30T09:10:00+01:00',
          end: '2026-03-30T09:20:00+01:00',
          serviceType: [{ text: 'General GP Appointment' }],
          extension: [
            {
              url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-DeliveryChannel-2',
              valueCode: 'Telephone',
            },
          ],
        } as fhir.Slot,
      },
      {
        resource: {
          resourceType: 'Slot',
          id: 's1',
          schedule: { reference: 'Schedule/S1' },
          status: 'free',
          start: '2026-03-20T09:00:00+00:00',
          end: '2026-03-20T09:10:00+00:00',
        } as fhir.Slot,
      },
      {
        resource: {
          resourceType: 'Schedule',
          id: 'S1',
          actor: [{ reference: 'Location/11' }, { reference: 'Practitioner/1' }],
          serviceCategory: { text: 'Morning surgery' },
          extension: [
            {
              url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-PractitionerRole-1',
              valueCodeableConcept: { coding: [{ code: 'R0260', display: 'General Medical Practitioner' }] },
            },
          ],
        } as fhir.Schedule,
      },
      {
        resource: {
          resourceType: 'Practitioner',
          id: '1',
          name: [{ family: 'Ashworth', given: ['Nadia'], prefix: ['Dr'] }],
          gender: 'female',
        },
      },
      {
        resource: {
          resourceType: 'Location',
          id: '11',
          name: 'Riverside Main Surgery',
          address: { line: ['1 Riverside Walk'], city: 'Harrogate', postalCode: 'HG1 1AA' },
        },
      },
    ],
  };
  const slots = slotsFromBundle('A20047', bundle, NOW);

  it('joins Slot, Schedule, Practitioner and Location, sorted by time, in UK local time', () => {
    expect(slots.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(slots[1]).toMatchObject({
      date: '2026-03-30',
      startTime: '09:10',
      endTime: '09:20',
      zone: 'BST',
      minutes: 10,
      channel: 'Telephone',
      slotType: 'General GP Appointment',
      session: 'Morning surgery',
      role: 'General Medical Practitioner',
      practitionerName: 'Dr Nadia Ashworth',
      practitionerGender: 'female',
      locationName: 'Riverside Main Surgery',
      locationAddress: '1 Riverside Walk, Harrogate, HG1 1AA',
      bookable: true,
    });
  });
  it('marks a slot that has started as not bookable (past slots are listed, never booked)', () => {
    expect(slots[0]).toMatchObject({ zone: 'GMT', startTime: '09:00', bookable: false });
  });
  it('filters by time, channel, role, gender and location', () => {
    expect(filterSlots(slots, { fromTime: '09:05' }).map((s) => s.id)).toEqual(['s2']);
    expect(filterSlots(slots, { channels: ['In-person'] })).toEqual([]);
    expect(filterSlots(slots, { channels: ['Telephone'], gender: 'female', location: 'harrogate' })).toHaveLength(1);
    expect(filterSlots(slots, { role: 'Practice Nurse' })).toEqual([]);
  });
});

describe('booking rules', () => {
  const a = slot({ id: 'a', start: '2026-03-30T09:00:00+01:00', end: '2026-03-30T09:10:00+01:00' });
  const b = slot({ id: 'b', start: '2026-03-30T09:10:00+01:00', end: '2026-03-30T09:20:00+01:00' });
  it('books adjacent slots of one session, channel and type together', () => {
    expect(slotsProblem([b, a], NOW)).toBeNull();
  });
  it('refuses gaps, other sessions, channels or types, other practices, and started slots', () => {
    const gap = slot({ id: 'c', start: '2026-03-30T09:20:00+01:00', end: '2026-03-30T09:30:00+01:00' });
    expect(slotsProblem([a, gap], NOW)).toMatch(/without a gap/);
    expect(slotsProblem([a, { ...b, scheduleId: 'S2' }], NOW)).toMatch(/same clinician/);
    expect(slotsProblem([a, { ...b, channel: 'Video' }], NOW)).toMatch(/delivery channel/);
    expect(slotsProblem([a, { ...b, slotType: 'Routine review' }], NOW)).toMatch(/slot type/);
    expect(slotsProblem([a, { ...b, odsCode: 'B82617' }], NOW)).toMatch(/different practices/);
    const past = slot({ id: 'p', start: '2026-03-20T09:00:00+00:00', end: '2026-03-20T09:10:00+00:00' });
    expect(slotsProblem([past], NOW)).toMatch(/already started/);
    expect(slotsProblem([], NOW)).toMatch(/Choose a slot/);
  });
  it('limits description to 100 and comment to 500 characters, both in the form rule and the IPC schema', () => {
    expect(textProblem('x'.repeat(DESCRIPTION_MAX), 'y'.repeat(COMMENT_MAX))).toBeNull();
    expect(textProblem('x'.repeat(DESCRIPTION_MAX + 1), undefined)).toMatch(/100 characters/);
    expect(textProblem('ok', 'y'.repeat(COMMENT_MAX + 1))).toMatch(/500 characters/);
    expect(textProblem('   ', undefined)).toMatch(/Enter a description/);
    const input = {
      nhsNumber: '9658218873',
      odsCode: 'A20047',
      slotIds: ['a'],
      attemptId: '0f1e2d3c-4b5a-4978-8877-665544332211',
    };
    const schema = contract['appointment.book'].input;
    expect(schema.safeParse({ ...input, description: 'x'.repeat(100), comment: 'y'.repeat(500) }).success).toBe(true);
    expect(schema.safeParse({ ...input, description: 'x'.repeat(101) }).success).toBe(false);
    expect(schema.safeParse({ ...input, description: 'ok', comment: 'y'.repeat(501) }).success).toBe(false);
  });
  it('builds the GPConnect-Appointment-1 of SPEC §5.2', () => {
    const appt = buildBooking({
      slots: [b, a],
      patientId: '10',
      organisation: { odsCode: 'Y90001', name: 'Demo Trust', telephone: '01632 960999', type: 'urgent-care' },
      description: 'Review',
      comment: 'Note',
      created: '2026-03-20T10:00:00+00:00',
    });
    expect(appt).toMatchObject({
      resourceType: 'Appointment',
      status: 'booked',
      start: a.start,
      end: b.end,
      slot: [{ reference: 'Slot/a' }, { reference: 'Slot/b' }],
      description: 'Review',
      comment: 'Note',
      created: '2026-03-20T10:00:00+00:00',
      extension: [{ url: BOOKING_ORGANISATION_EXTENSION, valueReference: { reference: '#1' } }],
      participant: [
        { actor: { reference: 'Patient/10' }, status: 'accepted' },
        { actor: { reference: 'Location/11' }, status: 'accepted' },
        { actor: { reference: 'Practitioner/1' }, status: 'accepted' },
      ],
    });
    expect(appt.contained?.[0]).toMatchObject({
      resourceType: 'Organization',
      id: '1',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'Y90001' }],
      name: 'Demo Trust',
      telecom: [{ system: 'phone', value: '01632 960999' }],
      type: [{ coding: [{ code: 'urgent-care' }] }],
    });
    for (const forbidden of ['reason', 'specialty', 'id', 'meta.versionId']) expect(appt).not.toHaveProperty(forbidden);
  });
  it('amends only description and comment; cancels only status plus the reason', () => {
    const read = {
      ...buildBooking({
        slots: [a],
        patientId: '10',
        organisation: { odsCode: 'Y90001', name: 'T', telephone: '1' },
        description: 'Old',
        comment: 'C',
        created: 'x',
      }),
      id: '70001',
      meta: { versionId: '2' },
    } as fhir.Appointment;
    const amended = buildAmendment(read, 'New', undefined);
    expect({ ...amended, description: 'Old', comment: 'C' }).toEqual(read);
    expect(amended).not.toHaveProperty('comment');
    const cancelled = buildCancellation(read, 'Better');
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.extension?.at(-1)).toEqual({ url: CANCELLATION_REASON_EXTENSION, valueString: 'Better' });
    expect({ ...cancelled, status: read.status, extension: read.extension }).toEqual(read);
  });
  it('recognises the booking it sent among the patient’s appointments after a lost reply, and nothing else', () => {
    const mine = {
      resourceType: 'Appointment',
      id: '1',
      status: 'booked',
      start: '2026-03-30T08:00:00Z',
      slot: [{ reference: 'Slot/a' }],
    } as fhir.Appointment;
    const cancelled = { ...mine, id: '2', status: 'cancelled' } as fhir.Appointment;
    const other = { ...mine, id: '3', slot: [{ reference: 'Slot/z' }] } as fhir.Appointment;
    expect(findBooking([cancelled, other, mine], { slotIds: ['a'], start: '2026-03-30T09:00:00+01:00' })?.id).toBe('1');
    expect(findBooking([cancelled, other], { slotIds: ['a'], start: a.start })).toBeUndefined();
  });
  it('says what changed between the version read and the one the practice holds now', () => {
    const base = {
      resourceType: 'Appointment',
      id: '1',
      status: 'booked',
      start: a.start,
      end: a.end,
      description: 'A',
      meta: { versionId: '1' },
    } as fhir.Appointment;
    const before = appointmentView('A20047', base, undefined);
    const after = appointmentView(
      'A20047',
      { ...base, description: 'B', meta: { versionId: '2' } } as fhir.Appointment,
      undefined,
    );
    expect(appointmentChanges(before, after)).toEqual([{ field: 'Description', before: 'A', after: 'B' }]);
    const same = appointmentView('A20047', { ...base, meta: { versionId: '3' } } as fhir.Appointment, undefined);
    expect(appointmentChanges(before, same)).toEqual([{ field: 'Version', before: '1', after: '3' }]);
  });
});
