import { mkdtempSync } from 'node:fs';
import type { ScenarioName } from '../../../main/demonstrator/scenarios';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkstationConfig } from '../../../main/config/load-config';
import { writeDemonstratorFiles } from '../../../main/demonstrator/config-files';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import type { Dispatch } from '../../../main/ipc/dispatcher';
import { createDispatcher } from '../../../main/ipc/dispatcher';
import type { AuditService } from '../../../main/audit/audit-service';
import { openAuditService } from '../../../main/audit/audit-service';
import type { AuditRecord } from '../../../shared/audit/audit-record';
import { createHandlers } from '../../../main/ipc/handlers';
import type { LiveServices } from '../../../main/live-services';
import { configuredRequester, createLiveServices } from '../../../main/live-services';
import { Appointments } from '../../../main/gpconnect/appointments';
import { Foundations } from '../../../main/gpconnect/foundations';
import { GpConnectClient } from '../../../main/spine/gp-connect-client';
import type { SlotView } from '../../../shared/appointments/slots';
import { addDays, ukDate } from '../../../shared/appointments/uk-time';
import { INTERACTIONS } from '../../../shared/gpconnect/interactions';
import type {
  BookingOutcome,
  ChangeOutcome,
  AppointmentList,
  SlotSearchProgress,
  SlotSearchStarted,
} from '../../../shared/ipc/features/appointments.contract';
import type { AppointmentView } from '../../../shared/appointments/appointment-view';
import type { Result } from '../../../shared/ipc/errors';

/**
 * The appointment channels through the real handler table and dispatcher, against the demonstrator over mutual
 * TLS, with its fault injection (no mocks): multi-practice search with a slow and a failing practice, booking with
 * the contained organisation, a lost reply after commit, a slot taken, a stale If-Match, amend, cancel, hub
 * registration, and UK time across the October clock change.
 */
interface Rig {
  demo: Demonstrator;
  live: LiveServices;
  dispatch: Dispatch;
  audit: AuditService;
  /** The booking actions in the audit trail, newest first. */
  actions(): Promise<AuditRecord[]>;
}

async function startRig(at?: Date): Promise<Rig> {
  const demo = await startDemonstrator({ port: 0, ...(at ? { now: () => at } : {}) });
  const files = await writeDemonstratorFiles(demo, mkdtempSync(path.join(tmpdir(), 'gpc-appointments-')));
  const config = loadWorkstationConfig({ file: files.config });
  if (config.mode !== 'live') throw new Error('the demonstrator config should be live mode');
  const product = { name: 'GP Connect Workstation', version: '0.1.0' };
  const real = await createLiveServices(config, { product, today: () => ukDate(at ?? new Date()) });
  // A shifted clock for GP Connect calls only (JWT iat/exp, the provider's "now"): the run's certificates follow the
  // wall clock, so the certificate check and TLS stay on real time.
  let live = real;
  if (at) {
    const ctx = { ...real.ctx, now: () => at };
    const gpc = new GpConnectClient(ctx, real.sds, () => configuredRequester(config, product));
    live = { ...real, ctx, gpc, appointments: new Appointments(gpc), foundations: new Foundations(gpc) };
  }
  const audit = await openAuditService({
    directory: mkdtempSync(path.join(tmpdir(), 'gpc-appointments-audit-')),
    log: () => undefined,
  });
  const actions = async () =>
    (await audit.query()).records.filter((r) => ['book', 'register', 'amend', 'cancel'].includes(r.action));
  const handlers = createHandlers({
    appName: 'GP Connect Workstation',
    version: '0.1.0',
    mode: 'live',
    live,
    ...(at ? { now: () => at } : {}),
    audit,
  });
  return { demo, live, dispatch: createDispatcher(handlers, { error: () => undefined }), audit, actions };
}

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.live.close();
  await rig?.audit.close();
  await rig?.demo.close();
});
afterEach(() => rig.demo.scenarios.deactivate());

const call = async <T>(channel: string, input: unknown): Promise<Result<T>> =>
  (await rig.dispatch(channel, input, { host: 'cli' })) as Result<T>;
const ok = async <T>(channel: string, input: unknown): Promise<T> => {
  const r = await call<T>(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
};
const today = () => ukDate(new Date());
const PATIENT = '9658218873';

async function trace(nhsNumber: string): Promise<void> {
  await ok('patient.trace', { nhsNumber });
}

async function searchAll(nhsNumber: string, practices: string[], from: string, to: string) {
  const started = await ok<SlotSearchStarted>('slots.searchStart', { nhsNumber, practices, from, to });
  const seen: SlotSearchProgress[] = [];
  for (let i = 0; i < 200; i += 1) {
    const p = await ok<SlotSearchProgress>('slots.searchPoll', { searchId: started.searchId });
    seen.push(p);
    if (p.done) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { started, seen, last: seen.at(-1) };
}

async function freeSlot(odsCode: string, skip = 0): Promise<SlotView> {
  const { last } = await searchAll(PATIENT, [odsCode], addDays(today(), 2), addDays(today(), 9));
  const slots = last?.practices.find((p) => p.odsCode === odsCode)?.slots ?? [];
  const slot = slots.filter((s) => s.bookable)[skip];
  if (!slot) throw new Error('no free slot offered');
  return slot;
}

/** Traces the patient and finds a free Riverside (A20047) slot; then switches the practice's fault on, if one is named. */
async function riversideSlot(fault?: ScenarioName): Promise<SlotView> {
  await trace(PATIENT);
  const slot = await freeSlot('A20047');
  if (fault) rig.demo.scenarios.activate({ name: fault, odsCode: 'A20047' });
  return slot;
}

/** One press of Book for the traced patient at Riverside. */
function press(slot: SlotView, description: string, comment?: string) {
  return {
    nhsNumber: PATIENT,
    odsCode: 'A20047',
    slotIds: [slot.id],
    description,
    ...(comment ? { comment } : {}),
    attemptId: crypto.randomUUID(),
  };
}

const stored = (odsCode: string) => [...(rig.demo.state.books.get(odsCode)?.appointments.values() ?? [])];
/** Booking requests that reached the demonstrator (injected faults answer before the interaction is identified). */
const bookRequests = () =>
  rig.demo.requestLog.all().filter((e) => e.service === 'ssp' && e.method === 'POST' && e.url.endsWith('/Appointment'));

describe('the trace gate', () => {
  it('refuses search and booking for a patient not traced in this session, and audits the refused booking', async () => {
    const search = await call('slots.searchStart', {
      nhsNumber: '9658218865',
      practices: ['A20047'],
      from: today(),
      to: today(),
    });
    expect(!search.ok && search.error.code).toBe('TRACE_REQUIRED');
    const book = await call('appointment.book', {
      nhsNumber: '9658218865',
      odsCode: 'A20047',
      slotIds: ['70001'],
      description: 'Review',
      attemptId: crypto.randomUUID(),
    });
    expect(!book.ok && book.error.code).toBe('TRACE_REQUIRED');
    expect((await rig.actions())[0]).toMatchObject({ action: 'book', outcome: 'failure', errorCode: 'TRACE_REQUIRED' });
  });

  it('rejects over-long description and comment before anything is sent', async () => {
    await trace(PATIENT);
    const before = bookRequests().length;
    const long = await call('appointment.book', {
      nhsNumber: PATIENT,
      odsCode: 'A20047',
      slotIds: ['70001'],
      description: 'x'.repeat(101),
      comment: 'y'.repeat(501),
      attemptId: crypto.randomUUID(),
    });
    expect(!long.ok && long.error.code).toBe('INVALID_INPUT');
    expect(!long.ok && long.error.detail).toMatch(/100 characters.*500 characters/);
    expect(bookRequests().length).toBe(before);
  });
});

describe('multi-practice search', () => {
  it('fast practice first, slow one later, failing one named; long ranges split into ≤14-day windows', async () => {
    await trace(PATIENT);
    rig.demo.scenarios.activate({ name: 'slow-practice', value: 1500, odsCode: 'B82617' });
    rig.demo.scenarios.activate({ name: 'http-500', odsCode: 'C84123' });
    const from = addDays(today(), 1);
    const to = addDays(from, 20);
    const seq = rig.demo.requestLog.all().at(-1)?.seq ?? 0;
    const { started, seen, last } = await searchAll(PATIENT, ['A20047', 'B82617', 'C84123'], from, to);
    expect(started.windows).toEqual([
      { start: from, end: addDays(from, 14) },
      { start: addDays(from, 15), end: to },
    ]);
    // A moment came when A20047 had answered and B82617 had not.
    expect(
      seen.some(
        (p) =>
          p.practices.find((x) => x.odsCode === 'A20047')?.state === 'done' &&
          p.practices.find((x) => x.odsCode === 'B82617')?.state === 'pending',
      ),
    ).toBe(true);
    const byOds = new Map(last?.practices.map((p) => [p.odsCode, p]));
    expect(byOds.get('A20047')?.state).toBe('done');
    expect(byOds.get('A20047')?.practiceName).toBe('Riverside Medical Practice');
    expect(byOds.get('B82617')?.state).toBe('done');
    expect(byOds.get('C84123')).toMatchObject({ state: 'failed', error: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(byOds.get('A20047')?.ms ?? 0).toBeLessThan(byOds.get('B82617')?.ms ?? 0);
    const slots = byOds.get('A20047')?.slots ?? [];
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.date >= from && s.date <= to)).toBe(true);
    expect(slots[0]).toMatchObject({ odsCode: 'A20047', bookable: true });
    expect(slots[0]?.locationName).toBeTruthy();
    expect(slots[0]?.practitionerName).toMatch(/^Dr |^Mrs /);
    // What went on the wire: two windows per practice, searchFilter with our ODS code and type, every include.
    const sent = rig.demo.requestLog
      .all()
      .filter((e) => e.seq > seq && e.service === 'ssp' && e.url.includes('/Slot?'));
    expect(sent.length).toBe(6);
    const query = decodeURIComponent(sent[0]?.url ?? '');
    expect(query).toContain('searchFilter=https://fhir.nhs.uk/Id/ods-organization-code|Y90001');
    expect(query).toContain(
      'searchFilter=https://fhir.nhs.uk/STU3/CodeSystem/GPConnect-OrganisationType-1|urgent-care',
    );
    for (const include of ['Schedule:actor:Practitioner', 'Schedule:actor:Location', 'Location:managingOrganization']) {
      expect(query).toContain(`_include:recurse=${include}`);
    }
  });

  it('a practice that never answers is named as timed out (its own deadline), not waited on by the rest', async () => {
    // Covered with the handler's 10 s deadline in the e2e; here the unknown practice fails fast and is named.
    await trace(PATIENT);
    const { last } = await searchAll(PATIENT, ['A20047', 'Z99999'], today(), addDays(today(), 3));
    expect(last?.practices.find((p) => p.odsCode === 'Z99999')).toMatchObject({ state: 'failed' });
    expect(last?.practices.find((p) => p.odsCode === 'Z99999')?.error?.message).toMatch(/Spine Directory/);
  });
});

describe('booking', () => {
  it('books exactly as SPEC §5.2 and reads the appointment back', async () => {
    const slot = await riversideSlot();
    const outcome = await ok<BookingOutcome>(
      'appointment.book',
      press(slot, 'Follow-up of chest pain', 'Booked by NHS 111'),
    );
    expect(outcome.recoveredAfterLostReply).toBe(false);
    expect(outcome.appointment).toMatchObject({
      odsCode: 'A20047',
      status: 'booked',
      description: 'Follow-up of chest pain',
      comment: 'Booked by NHS 111',
      start: slot.start,
      startTime: slot.startTime,
      bookingOrganisation: { odsCode: 'Y90001', name: 'Workstation Demo Trust (synthetic)', telephone: '01632 960999' },
    });
    expect(outcome.appointment.locationName).toBe(slot.locationName);
    const held = stored('A20047').find((a) => a.id === outcome.appointment.id);
    expect(held?.slotIds).toEqual([slot.id]);
    // Read back: a read of that appointment followed the booking.
    const last = rig.demo.requestLog
      .all()
      .filter((e) => e.interactionId === INTERACTIONS.readAppointment.id)
      .at(-1);
    expect(last?.url).toContain(`/Appointment/${outcome.appointment.id}`);
    expect((await rig.actions())[0]).toMatchObject({
      action: 'book',
      outcome: 'success',
      target: outcome.appointment.id,
    });
  });

  it('a double click (the same attempt twice) sends one booking', async () => {
    const slot = await riversideSlot();
    const before = bookRequests().length;
    const input = press(slot, 'Blood pressure review');
    const [a, b] = await Promise.all([
      ok<BookingOutcome>('appointment.book', input),
      ok<BookingOutcome>('appointment.book', input),
    ]);
    expect(a.appointment.id).toBe(b.appointment.id);
    expect(bookRequests().length).toBe(before + 1);
  });

  it('lost reply after commit: the booking is found in the patient’s appointments, not booked again', async () => {
    const slot = await riversideSlot('drop-after-booking');
    const before = bookRequests().length;
    const outcome = await ok<BookingOutcome>('appointment.book', press(slot, 'Wound check'));
    expect(outcome.recoveredAfterLostReply).toBe(true);
    expect(outcome.appointment.description).toBe('Wound check');
    expect(bookRequests().length).toBe(before + 1);
    expect(bookRequests().at(-1)?.errorCode).toBe('CONNECTION_DROPPED');
    // Exactly one appointment holds that slot.
    expect(stored('A20047').filter((a) => a.slotIds.includes(slot.id))).toHaveLength(1);
    const dropped = bookRequests().at(-1)?.seq ?? 0;
    const after = rig.demo.requestLog.all().filter((e) => e.seq > dropped && e.service === 'ssp');
    expect(after[0]?.interactionId).toBe(INTERACTIONS.patientAppointments.id);
  });

  it('lost reply before commit: not in the patient’s appointments, so the user is asked (BOOKING_NOT_CONFIRMED)', async () => {
    const slot = await riversideSlot('lost-booking');
    const before = bookRequests().length;
    const r = await call<BookingOutcome>('appointment.book', press(slot, 'Wound check'));
    expect(!r.ok && r.error.code).toBe('BOOKING_NOT_CONFIRMED');
    expect(!r.ok && r.error.message).toMatch(/Nothing was booked/);
    // Asked, not retried: one booking request, and nothing held.
    expect(bookRequests().length).toBe(before + 1);
    expect(stored('A20047').filter((a) => a.slotIds.includes(slot.id))).toHaveLength(0);
  });

  it('practice unreachable for the check too: BOOKING_OUTCOME_UNKNOWN, never "not booked"', async () => {
    const slot = await riversideSlot('http-502');
    const r = await call<BookingOutcome>('appointment.book', press(slot, 'Wound check'));
    // The check itself goes to the same unreachable practice: the outcome cannot be known, and it says so.
    expect(!r.ok && r.error.code).toBe('BOOKING_OUTCOME_UNKNOWN');
    rig.demo.scenarios.deactivate();
    expect(stored('A20047').filter((a) => a.slotIds.includes(slot.id))).toHaveLength(0);
  });

  it('slot taken (409 DUPLICATE_REJECTED): "this slot has just been taken", and no booking', async () => {
    const slot = await riversideSlot('slot-taken');
    const r = await call<BookingOutcome>('appointment.book', press(slot, 'Asthma review'));
    expect(!r.ok && r.error.code).toBe('SLOT_TAKEN');
    expect(!r.ok && r.error.message).toMatch(/this slot has just been taken/i);
    expect(stored('A20047').filter((a) => a.slotIds.includes(slot.id))).toHaveLength(0);
    expect((await rig.actions())[0]).toMatchObject({ action: 'book', outcome: 'failure', errorCode: 'SLOT_TAKEN' });
  });

  it('a hub practice: temporary registration first, then the booking', async () => {
    const hubPatient = '9990002053';
    await trace(hubPatient);
    const { last } = await searchAll(hubPatient, ['B82617'], addDays(today(), 2), addDays(today(), 9));
    const slot = last?.practices[0]?.slots?.find((s) => s.bookable);
    if (!slot) throw new Error('no slot at B82617');
    const outcome = await ok<BookingOutcome>('appointment.book', {
      nhsNumber: hubPatient,
      odsCode: 'B82617',
      slotIds: [slot.id],
      description: 'Extended hours appointment',
      attemptId: crypto.randomUUID(),
    });
    expect(outcome.registered).toBe(true);
    expect(rig.demo.state.registrations.some((r) => r.nhsNumber === hubPatient && r.practice === 'B82617')).toBe(true);
    expect((await rig.actions()).some((e) => e.action === 'register' && e.outcome === 'success')).toBe(true);
  });

  it('refuses slots it was never offered and slots that do not follow on', async () => {
    await trace(PATIENT);
    const unknown = await call('appointment.book', {
      nhsNumber: PATIENT,
      odsCode: 'A20047',
      slotIds: ['99999999'],
      description: 'x',
      attemptId: crypto.randomUUID(),
    });
    expect(!unknown.ok && unknown.error.code).toBe('SEARCH_EXPIRED');
    const a = await freeSlot('A20047', 0);
    const { last } = await searchAll(PATIENT, ['A20047'], addDays(today(), 2), addDays(today(), 9));
    const far = last?.practices[0]?.slots?.find((s) => s.bookable && s.date !== a.date);
    if (!far) throw new Error('no second slot');
    const apart = await call('appointment.book', {
      nhsNumber: PATIENT,
      odsCode: 'A20047',
      slotIds: [a.id, far.id],
      description: 'x',
      attemptId: crypto.randomUUID(),
    });
    expect(!apart.ok && apart.error.code).toBe('SLOTS_NOT_BOOKABLE');
  });
});

describe('view, amend and cancel', () => {
  async function booked(description: string): Promise<AppointmentView> {
    const slot = await riversideSlot();
    return (
      await ok<BookingOutcome>('appointment.book', {
        nhsNumber: PATIENT,
        odsCode: 'A20047',
        slotIds: [slot.id],
        description,
        attemptId: crypto.randomUUID(),
      })
    ).appointment;
  }

  it('amends description and comment with If-Match, and reads it back', async () => {
    const a = await booked('Original description');
    const read = await ok<AppointmentView>('appointment.read', {
      nhsNumber: PATIENT,
      odsCode: 'A20047',
      appointmentId: a.id,
    });
    const r = await ok<ChangeOutcome>('appointment.amend', {
      nhsNumber: PATIENT,
      odsCode: 'A20047',
      appointmentId: a.id,
      version: read.version,
      description: 'Amended description',
      comment: 'Patient prefers mornings',
    });
    expect(r.outcome).toBe('saved');
    expect(r.appointment).toMatchObject({ description: 'Amended description', comment: 'Patient prefers mornings' });
    expect(Number(r.appointment.version)).toBe(Number(read.version) + 1);
    const put = rig.demo.requestLog
      .all()
      .filter((e) => e.interactionId === INTERACTIONS.amendAppointment.id)
      .at(-1);
    expect(put?.headers['if-match']).toBe(`W/"${read.version}"`);
    expect(stored('A20047').find((x) => x.id === a.id)?.resource['description']).toBe('Amended description');
  });

  it('stale If-Match (409): reloads, shows what changed, changes nothing, does not retry', async () => {
    const a = await booked('Before the conflict');
    const read = await ok<AppointmentView>('appointment.read', {
      nhsNumber: PATIENT,
      odsCode: 'A20047',
      appointmentId: a.id,
    });
    rig.demo.scenarios.activate({ name: 'stale-if-match', odsCode: 'A20047' });
    const puts = () =>
      rig.demo.requestLog.all().filter((e) => e.interactionId === INTERACTIONS.amendAppointment.id).length;
    const before = puts();
    const r = await ok<ChangeOutcome>('appointment.amend', {
      nhsNumber: PATIENT,
      odsCode: 'A20047',
      appointmentId: a.id,
      version: read.version,
      description: 'My change',
    });
    expect(r.outcome).toBe('changed-elsewhere');
    if (r.outcome !== 'changed-elsewhere') return;
    expect(r.appointment.description).toBe('Before the conflict');
    expect(r.changes).toContainEqual({ field: 'Version', before: read.version, after: r.appointment.version });
    expect(puts()).toBe(before + 1);
    expect(stored('A20047').find((x) => x.id === a.id)?.resource['description']).toBe('Before the conflict');
    expect((await rig.actions())[0]).toMatchObject({ action: 'amend', outcome: 'failure', note: 'outcome conflict' });
    // The old version is no longer accepted as a base: the screen must show the reloaded one first.
    rig.demo.scenarios.deactivate();
    const again = await call('appointment.amend', {
      nhsNumber: PATIENT,
      odsCode: 'A20047',
      appointmentId: a.id,
      version: read.version,
      description: 'My change',
    });
    expect(!again.ok && again.error.code).toBe('APPOINTMENT_NOT_READ');
  });

  it('cancels with a reason, reads it back; the list shows it marked cancelled', async () => {
    const a = await booked('To be cancelled');
    const read = await ok<AppointmentView>('appointment.read', {
      nhsNumber: PATIENT,
      odsCode: 'A20047',
      appointmentId: a.id,
    });
    const empty = await call('appointment.cancel', {
      nhsNumber: PATIENT,
      odsCode: 'A20047',
      appointmentId: a.id,
      version: read.version,
      reason: '  ',
    });
    expect(!empty.ok && empty.error.code).toBe('INVALID_INPUT');
    const r = await ok<ChangeOutcome>('appointment.cancel', {
      nhsNumber: PATIENT,
      odsCode: 'A20047',
      appointmentId: a.id,
      version: read.version,
      reason: 'Patient feels better',
    });
    expect(r.outcome).toBe('saved');
    expect(r.appointment).toMatchObject({
      status: 'cancelled',
      cancelled: true,
      cancellationReason: 'Patient feels better',
    });
    const list = await ok<AppointmentList>('appointment.list', { nhsNumber: PATIENT, odsCode: 'A20047' });
    expect(list.registered).toBe(true);
    expect(list.appointments.find((x) => x.id === a.id)).toMatchObject({ cancelled: true });
    expect(list.appointments.some((x) => !x.cancelled)).toBe(true);
    const held = stored('A20047').find((x) => x.id === a.id);
    expect(held?.resource['status']).toBe('cancelled');
    // The slot is free again.
    expect(rig.demo.state.books.get('A20047')?.slots.get(a.slotIds[0] ?? '')?.status).toBe('free');
  });

  it('never shows another patient’s appointment under this banner', async () => {
    const a = await booked('Someone else’s');
    await trace('9658218865');
    const r = await call('appointment.read', { nhsNumber: '9658218865', odsCode: 'A20047', appointmentId: a.id });
    expect(r.ok).toBe(false);
  });
});

describe('UK time across the October clock change', () => {
  it('slots before 25-Oct-2026 are BST, after it GMT, and 09:00 is 09:00 on both sides', async () => {
    const at = new Date('2026-10-20T08:00:00Z');
    const bst = await startRig(at);
    try {
      await bst.dispatch('patient.trace', { nhsNumber: PATIENT }, { host: 'cli' });
      const started = (await bst.dispatch(
        'slots.searchStart',
        { nhsNumber: PATIENT, practices: ['A20047'], from: '2026-10-21', to: '2026-11-10' },
        { host: 'cli' },
      )) as Result<SlotSearchStarted>;
      if (!started.ok) throw new Error(started.error.message);
      let progress: SlotSearchProgress | undefined;
      for (let i = 0; i < 100 && !progress?.done; i += 1) {
        await new Promise((r) => setTimeout(r, 50));
        const p = (await bst.dispatch(
          'slots.searchPoll',
          { searchId: started.value.searchId },
          { host: 'cli' },
        )) as Result<SlotSearchProgress>;
        if (p.ok) progress = p.value;
      }
      const slots = progress?.practices[0]?.slots ?? [];
      const before = slots.find((s) => s.date === '2026-10-23' && s.startTime === '09:00');
      const after = slots.find((s) => s.date === '2026-10-26' && s.startTime === '09:00');
      expect(before).toMatchObject({ zone: 'BST' });
      expect(before?.start).toMatch(/T09:00:00\+01:00$/);
      expect(after).toMatchObject({ zone: 'GMT' });
      expect(after?.start).toMatch(/T09:00:00\+00:00$/);
      expect(slots.every((s) => s.date >= '2026-10-21' && s.date <= '2026-11-10')).toBe(true);
    } finally {
      await bst.live.close();
      await bst.audit.close();
      await bst.demo.close();
    }
  });
});
