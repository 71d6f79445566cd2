import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullRecordParameters } from '../../../main/gpconnect/structured';
import type { LiveServices } from '../../../main/live-services';
import { SpineError } from '../../../main/spine/spine-error';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import type { LiveDemo } from '../../fixtures/live-demo';
import { demoBooking, findBookableSlot, isoDate, startLiveDemo } from '../../fixtures/live-demo';

/** The typed calls of every capability pack, against the demonstrator over SSP and mutual TLS. */
let demo: Demonstrator;
let live: LiveServices;
let running: LiveDemo;

beforeAll(async () => {
  running = await startLiveDemo();
  ({ demo, live } = running);
});
afterAll(async () => running?.close());

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    if (err instanceof SpineError) return err.failure;
    throw err;
  }
  throw new Error('expected a SpineError');
}

describe('Access Record Structured', () => {
  it('returns the collection Bundle whose id echoes our Ssp-TraceID', async () => {
    const { bundle, traceId } = await live.structured.get('A20047', fullRecordParameters('9658218873'));
    expect(bundle.type).toBe('collection');
    expect(bundle.id).toBe(traceId);
    expect(bundle.entry?.some((e) => e.resource?.resourceType === 'Patient')).toBe(true);
    expect(bundle.entry?.some((e) => e.resource?.resourceType === 'List')).toBe(true);
  });

  it('reports dissent as NO_PATIENT_CONSENT with the clinician sentence', async () => {
    const failure = await failureOf(live.structured.get('A20047', fullRecordParameters('9450056234')));
    expect(failure).toMatchObject({ code: 'NO_PATIENT_CONSENT', httpStatus: 403 });
    expect(failure.message).toContain('not to be shared');
  });

  it('reports a practice with Structured switched off as ACCESS DENIED', async () => {
    const failure = await failureOf(live.structured.get('C84123', fullRecordParameters('9990000751')));
    expect(failure.code).toBe('ACCESS DENIED');
    expect(failure.message).toContain('switched off at the practice');
  });
});

describe('Access Record HTML 0.7.4', () => {
  it('returns the searchset with the Composition first, using the 0.7.x JWT and DSTU2 media type', async () => {
    const { bundle } = await live.html.get('A20047', '9658218873', 'SUM');
    expect(bundle.entry?.[0]?.resource?.resourceType).toBe('Composition');
    const sent = demo.requestLog.all().find((e) => e.url.includes('$gpc.getcarerecord'));
    expect(sent?.headers['accept']).toBe('application/json+fhir');
    expect(sent?.headers['ssp-interactionid']).toBe(
      'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord',
    );
  });

  it('refuses a date filter on a section that takes none, before sending', async () => {
    await expect(live.html.get('A20047', '9658218873', 'ALL', { start: '2020-01-01' })).rejects.toThrow(
      /no date filter/,
    );
  });
});

describe('Appointment Management', () => {
  it('searches free slots with the mandatory parameters and includes', async () => {
    const bundle = await live.appointments.searchFreeSlots('A20047', {
      start: isoDate(1),
      end: isoDate(14),
      searchFilter: ['https://fhir.nhs.uk/Id/ods-organization-code|Y90001'],
    });
    expect(bundle.type).toBe('searchset');
    expect(bundle.entry?.some((e) => e.resource?.resourceType === 'Slot')).toBe(true);
    expect(bundle.entry?.some((e) => e.resource?.resourceType === 'Schedule')).toBe(true);
  });

  it('books, reads, amends with If-Match, refuses a stale If-Match with 409, and cancels', async () => {
    const target = await findBookableSlot(live, 'A20047', '9658218873');
    const booked = await live.appointments.book(
      'A20047',
      demoBooking(target, 'Follow-up of chest pain seen in urgent care'),
    );
    expect(booked.resource.id).toBeDefined();
    expect(booked.etag).toMatch(/^W\/"\d+"$/);

    const read = await live.appointments.read('A20047', booked.resource.id ?? '');
    const amended = await live.appointments.amend(
      'A20047',
      { ...read.resource, comment: 'Prefers a morning call' },
      read.etag ?? '',
    );
    expect(amended.resource.comment).toBe('Prefers a morning call');

    // The first version's ETag is stale now: the practice refuses rather than overwrite.
    const stale = await failureOf(
      live.appointments.amend('A20047', { ...read.resource, comment: 'again' }, read.etag ?? ''),
    );
    expect(stale.httpStatus).toBe(409);

    const cancelled = await live.appointments.cancel(
      'A20047',
      {
        ...amended.resource,
        status: 'cancelled',
        extension: [
          ...(amended.resource.extension ?? []),
          {
            url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-AppointmentCancellationReason-1',
            valueString: 'Patient no longer needs the appointment',
          },
        ],
      },
      amended.etag ?? '',
    );
    expect(cancelled.resource.status).toBe('cancelled');
  });

  it('says plainly when an appointment does not exist', async () => {
    const failure = await failureOf(live.appointments.read('A20047', 'no-such-appointment'));
    expect(failure.httpStatus).toBe(404);
  });
});
