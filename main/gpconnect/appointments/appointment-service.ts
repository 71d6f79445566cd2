import type { AppointmentView } from '../../../shared/appointments/appointment-view';
import { appointmentChanges, appointmentView } from '../../../shared/appointments/appointment-view';
import type { BookingOrganisation } from '../../../shared/appointments/booking';
import {
  buildAmendment,
  buildBooking,
  buildCancellation,
  findBooking,
  slotsProblem,
} from '../../../shared/appointments/booking';
import { addDays, ukDate, ukDateTime } from '../../../shared/appointments/uk-time';
import type {
  AppointmentList,
  BookingOutcome,
  ChangeOutcome,
} from '../../../shared/ipc/features/appointments.contract';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import { GpcError } from '../../ipc/gpc-error';
import { SpineError } from '../../spine/spine-error';
import type { Appointments, Versioned } from '../appointments';
import type { Foundations } from '../foundations';
import type { SlotSearches } from './slot-searches';

/**
 * Book, view, amend and cancel (SPEC §5.2–§5.5) with the care a write into a GP system needs: main books only slots
 * a practice offered; one attempt id is one request (a double click, a re-sent call); a lost reply is never retried
 * blindly, the patient's appointments are read first; amend and cancel carry the version just read, and a 409 is
 * answered with what changed, never with a retry; every change is read back from the practice.
 */
export interface AppointmentServiceOptions {
  readonly appointments: Appointments;
  readonly foundations: Foundations;
  readonly searches: SlotSearches;
  readonly organisation: Omit<BookingOrganisation, 'telephone'> & { readonly telephone: string | undefined };
  readonly now: () => Date;
  /** Days ahead the appointment list covers (only future appointments are visible, SPEC §5.3). */
  readonly listDays?: number;
}

export type AppointmentAction = 'book' | 'register' | 'amend' | 'cancel';
export interface ActionReport {
  readonly action: AppointmentAction;
  readonly outcome: 'success' | 'failure' | 'conflict' | 'unknown';
  readonly appointmentId?: string;
  readonly code?: string;
}

/** SPEC §8.4: only these failures leave a write's outcome unknown (the practice may have committed it). */
function replyLost(err: unknown): boolean {
  if (!(err instanceof SpineError)) return false;
  const f = err.failure;
  return (
    ['TIMEOUT', 'CONNECTION_FAILED', 'INVALID_RESPONSE', 'SSP_ERROR_COMMUNICATING'].includes(f.code) ||
    (f.httpStatus !== undefined && f.httpStatus >= 500)
  );
}

const is409 = (err: unknown): err is SpineError => err instanceof SpineError && err.failure.httpStatus === 409;

export class AppointmentService {
  private readonly attempts = new Map<string, Promise<BookingOutcome>>();
  private readonly patientIds = new Map<string, string>();
  /** The appointment last read, per practice and id: the only base an amend or cancel is built on. */
  private readonly lastRead = new Map<string, Versioned<fhir.Appointment> & { view: AppointmentView }>();
  private readonly names = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly o: AppointmentServiceOptions,
    private readonly report: (patient: PatientSummary, odsCode: string, r: ActionReport) => void = () => undefined,
  ) {}

  /** The patient's logical id at the practice, or undefined when the practice has no record of them. */
  private async patientId(odsCode: string, nhsNumber: string): Promise<string | undefined> {
    const key = `${odsCode}/${nhsNumber}`;
    const known = this.patientIds.get(key);
    if (known) return known;
    const [found] = await this.o.foundations.findPatient(odsCode, nhsNumber);
    if (found?.id) this.patientIds.set(key, found.id);
    return found?.id;
  }

  /** Names for the view, read once per session from the practice; a read that fails leaves the name out. */
  private name(key: string, read: () => Promise<string | undefined>): Promise<string | undefined> {
    let n = this.names.get(key);
    if (!n) {
      n = read().catch(() => {
        this.names.delete(key);
        return undefined;
      });
      this.names.set(key, n);
    }
    return n;
  }

  private async view(odsCode: string, v: Versioned<fhir.Appointment>): Promise<AppointmentView> {
    const bare = appointmentView(odsCode, v.resource, v.etag);
    const [location, practitionerName, practiceName] = await Promise.all([
      bare.locationId
        ? this.name(`${odsCode}/L/${bare.locationId}`, async () => {
            const l = await this.o.foundations.readLocation(odsCode, bare.locationId ?? '');
            const address = [...(l.address?.line ?? []), l.address?.city, l.address?.postalCode]
              .filter((s): s is string => !!s)
              .join(', ');
            return JSON.stringify({ name: l.name, address });
          })
        : undefined,
      bare.practitionerId
        ? this.name(`${odsCode}/P/${bare.practitionerId}`, async () => {
            const p = await this.o.foundations.readPractitioner(odsCode, bare.practitionerId ?? '');
            const n = p.name?.[0];
            return n ? [...(n.prefix ?? []), ...(n.given ?? []), n.family ?? ''].join(' ').trim() : undefined;
          })
        : undefined,
      this.name(`${odsCode}/O`, async () => (await this.o.foundations.findOrganization(odsCode, odsCode))[0]?.name),
    ]);
    const loc = location ? (JSON.parse(location) as { name?: string; address?: string }) : {};
    return appointmentView(odsCode, v.resource, v.etag, {
      ...(practiceName ? { practiceName } : {}),
      ...(loc.name ? { locationName: loc.name } : {}),
      ...(loc.address ? { locationAddress: loc.address } : {}),
      ...(practitionerName ? { practitionerName } : {}),
    });
  }

  private async readBack(odsCode: string, id: string): Promise<AppointmentView> {
    const read = await this.o.appointments.read(odsCode, id);
    const view = await this.view(odsCode, read);
    this.lastRead.set(`${odsCode}/${id}`, { ...read, view });
    return view;
  }

  book(
    patient: PatientSummary,
    input: {
      odsCode: string;
      slotIds: readonly string[];
      description: string;
      comment?: string | undefined;
      attemptId: string;
    },
  ): Promise<BookingOutcome> {
    // A second call with the same attempt is the first call: one request, one answer.
    const running = this.attempts.get(input.attemptId);
    if (running) return running;
    const attempt = this.bookOnce(patient, input);
    this.attempts.set(input.attemptId, attempt);
    if (this.attempts.size > 50) this.attempts.delete(this.attempts.keys().next().value ?? '');
    return attempt;
  }

  private async bookOnce(
    patient: PatientSummary,
    input: { odsCode: string; slotIds: readonly string[]; description: string; comment?: string | undefined },
  ): Promise<BookingOutcome> {
    const { odsCode } = input;
    const fail = (code: string, outcome: ActionReport['outcome'] = 'failure', appointmentId?: string) =>
      this.report(patient, odsCode, {
        action: 'book',
        outcome,
        code,
        ...(appointmentId ? { appointmentId } : {}),
      });
    const slots = input.slotIds.map((id) => this.o.searches.offeredSlot(odsCode, id));
    if (slots.some((s) => s === undefined)) {
      fail('SEARCH_EXPIRED');
      throw new GpcError('SEARCH_EXPIRED', 'That slot is not from a search in this session. Search again.');
    }
    const offered = slots.filter((s) => s !== undefined);
    const problem = slotsProblem(offered, this.o.now());
    if (problem) {
      fail('SLOTS_NOT_BOOKABLE');
      throw new GpcError('SLOTS_NOT_BOOKABLE', problem);
    }
    const { telephone, ...org } = this.o.organisation;
    if (!telephone) {
      fail('BOOKING_NOT_CONFIGURED');
      throw new GpcError('BOOKING_NOT_CONFIGURED');
    }
    const { id: patientId, registered } = await this.ensureRegistered(patient, odsCode);
    const body = buildBooking({
      slots: offered,
      patientId,
      organisation: { ...org, telephone },
      description: input.description,
      ...(input.comment ? { comment: input.comment } : {}),
      created: ukDateTime(this.o.now()),
    });
    let bookedId: string;
    let recovered = false;
    try {
      const booked = await this.o.appointments.book(odsCode, body);
      bookedId = booked.resource.id ?? '';
    } catch (err) {
      if (err instanceof SpineError && err.failure.code === 'DUPLICATE_REJECTED') {
        this.o.searches.forget(odsCode, input.slotIds);
        fail('SLOT_TAKEN');
        throw new GpcError('SLOT_TAKEN');
      }
      if (!replyLost(err)) {
        fail(err instanceof SpineError ? `SPINE_ERROR ${err.failure.code}` : 'INTERNAL_ERROR');
        throw err;
      }
      // The practice may have committed it: look before anyone presses Book again.
      let found: fhir.Appointment | undefined;
      try {
        const from = ukDate(this.o.now());
        const to = ukDate(new Date(body.start ?? ''));
        const bundle = await this.o.appointments.patientAppointments(odsCode, patientId, from, to < from ? from : to);
        const list = (bundle.entry ?? []).flatMap((e) =>
          e.resource?.resourceType === 'Appointment' ? [e.resource as fhir.Appointment] : [],
        );
        found = findBooking(list, { slotIds: input.slotIds, start: body.start ?? '' });
      } catch {
        fail('BOOKING_OUTCOME_UNKNOWN', 'unknown');
        throw new GpcError('BOOKING_OUTCOME_UNKNOWN');
      }
      if (!found?.id) {
        fail('BOOKING_NOT_CONFIRMED');
        throw new GpcError(
          'BOOKING_NOT_CONFIRMED',
          undefined,
          err instanceof SpineError ? `${err.failure.code}: ${err.failure.message}` : undefined,
        );
      }
      bookedId = found.id;
      recovered = true;
    }
    this.o.searches.forget(odsCode, input.slotIds);
    const appointment = await this.readBack(odsCode, bookedId);
    this.report(patient, odsCode, {
      action: 'book',
      outcome: 'success',
      appointmentId: bookedId,
      ...(recovered ? { code: 'RECOVERED_AFTER_LOST_REPLY' } : {}),
    });
    return { appointment, registered, recoveredAfterLostReply: recovered };
  }

  /**
   * The patient's record at the practice; at a practice that is not their own (a hub), a temporary registration
   * first (`$gpc.registerpatient`) with the PDS demographics: NHS number, the official name, birth date and gender.
   * No address or telephone is sent: only temporary ones would be allowed, and PDS holds the permanent ones.
   */
  private async ensureRegistered(
    patient: PatientSummary,
    odsCode: string,
  ): Promise<{ id: string; registered: boolean }> {
    const existing = await this.patientId(odsCode, patient.nhsNumber);
    if (existing) return { id: existing, registered: false };
    if (patient.registeredPractice?.odsCode === odsCode) {
      this.report(patient, odsCode, { action: 'book', outcome: 'failure', code: 'NOT_REGISTERED_AT_PRACTICE' });
      throw new GpcError('NOT_REGISTERED_AT_PRACTICE');
    }
    const resource: fhir.Patient = {
      resourceType: 'Patient',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: patient.nhsNumber }],
      name: [
        {
          use: 'official',
          family: patient.name.family,
          ...(patient.name.given.length > 0 ? { given: [...patient.name.given] } : {}),
          ...(patient.name.prefix.length > 0 ? { prefix: [...patient.name.prefix] } : {}),
        },
      ],
      birthDate: patient.birthDate,
      gender: patient.gender,
    };
    try {
      const registered = await this.o.appointments.registerPatient(odsCode, resource);
      if (!registered.id) throw new GpcError('REGISTRATION_FAILED', undefined, 'the practice returned no patient id');
      this.patientIds.set(`${odsCode}/${patient.nhsNumber}`, registered.id);
      this.report(patient, odsCode, { action: 'register', outcome: 'success' });
      return { id: registered.id, registered: true };
    } catch (err) {
      const code = err instanceof SpineError ? err.failure.code : 'REGISTRATION_FAILED';
      this.report(patient, odsCode, { action: 'register', outcome: 'failure', code });
      if (err instanceof SpineError) {
        throw new GpcError(
          'REGISTRATION_FAILED',
          `The temporary registration at ${odsCode} failed, so nothing was booked: ${err.failure.message}`,
          `${err.failure.code}${err.failure.traceId ? ` (trace ${err.failure.traceId})` : ''}`,
        );
      }
      throw err;
    }
  }

  async list(patient: PatientSummary, odsCode: string): Promise<AppointmentList> {
    const from = ukDate(this.o.now());
    const to = addDays(from, this.o.listDays ?? 90);
    const id = await this.patientId(odsCode, patient.nhsNumber);
    if (!id) return { odsCode, from, to, registered: false, appointments: [] };
    const bundle = await this.o.appointments.patientAppointments(odsCode, id, from, to);
    const resources = (bundle.entry ?? []).flatMap((e) =>
      e.resource?.resourceType === 'Appointment' ? [e.resource as fhir.Appointment] : [],
    );
    const appointments = await Promise.all(resources.map((r) => this.view(odsCode, { resource: r, etag: undefined })));
    appointments.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    return { odsCode, from, to, registered: true, appointments };
  }

  /** Read one, and check it is this patient's before it is shown under their banner. */
  async read(patient: PatientSummary, odsCode: string, appointmentId: string): Promise<AppointmentView> {
    const id = await this.patientId(odsCode, patient.nhsNumber);
    const read = await this.o.appointments.read(odsCode, appointmentId);
    const owner = (read.resource.participant ?? [])
      .map((p) => p.actor?.reference)
      .find((r) => r?.startsWith('Patient/'));
    if (!id || owner !== `Patient/${id}`) {
      throw new GpcError('INVALID_INPUT', 'That appointment is not one of this patient’s appointments.');
    }
    const view = await this.view(odsCode, read);
    this.lastRead.set(`${odsCode}/${appointmentId}`, { ...read, view });
    return view;
  }

  amend(
    patient: PatientSummary,
    input: {
      odsCode: string;
      appointmentId: string;
      version: string;
      description: string;
      comment?: string | undefined;
    },
  ): Promise<ChangeOutcome> {
    return this.change(patient, 'amend', input, (read) => buildAmendment(read, input.description, input.comment));
  }

  cancel(
    patient: PatientSummary,
    input: { odsCode: string; appointmentId: string; version: string; reason: string },
  ): Promise<ChangeOutcome> {
    return this.change(patient, 'cancel', input, (read) => buildCancellation(read, input.reason.trim()));
  }

  private async change(
    patient: PatientSummary,
    action: 'amend' | 'cancel',
    input: { odsCode: string; appointmentId: string; version: string },
    edit: (read: fhir.Appointment) => fhir.Appointment,
  ): Promise<ChangeOutcome> {
    const { odsCode, appointmentId } = input;
    const key = `${odsCode}/${appointmentId}`;
    const read = this.lastRead.get(key);
    const report = (outcome: ActionReport['outcome'], code?: string) =>
      this.report(patient, odsCode, { action, outcome, appointmentId, ...(code ? { code } : {}) });
    // Built only on what this patient's screen read last: never on a version the clinician has not seen.
    if (!read || read.view.version !== input.version) {
      report('failure', 'APPOINTMENT_NOT_READ');
      throw new GpcError('APPOINTMENT_NOT_READ');
    }
    const etag = read.etag ?? `W/"${read.view.version}"`;
    try {
      if (action === 'amend') await this.o.appointments.amend(odsCode, edit(read.resource), etag);
      else await this.o.appointments.cancel(odsCode, edit(read.resource), etag);
    } catch (err) {
      if (!is409(err)) {
        report(
          replyLost(err) ? 'unknown' : 'failure',
          err instanceof SpineError ? `SPINE_ERROR ${err.failure.code}` : 'INTERNAL_ERROR',
        );
        throw err;
      }
      // Changed elsewhere since it was read: show what the practice holds now, and what differs. Never retried.
      const now = await this.readBack(odsCode, appointmentId);
      report('conflict', err.failure.code);
      return { outcome: 'changed-elsewhere', appointment: now, changes: appointmentChanges(read.view, now) };
    }
    const appointment = await this.readBack(odsCode, appointmentId);
    report('success');
    return { outcome: 'saved', appointment };
  }
}
