import { ODS_SYSTEM, ORGANISATION_TYPE_SYSTEM } from '../../../shared/appointments/booking';
import type { APPOINTMENT_CHANNELS } from '../../../shared/ipc/features/appointments.channels';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import { AppointmentService } from '../../gpconnect/appointments/appointment-service';
import { SlotSearches } from '../../gpconnect/appointments/slot-searches';
import { GpcError } from '../gpc-error';
import type { AppointmentActionEvent, FeatureHandlers, HandlerKit } from '../handler-kit';

/** Per-practice deadline of a slot search: a slow practice is named as not answering, never waited on forever. */
export const PRACTICE_SEARCH_TIMEOUT_MS = 10_000;

export function appointmentHandlers({
  deps,
  traces,
  now,
  audit,
}: HandlerKit): FeatureHandlers<typeof APPOINTMENT_CHANNELS> {
  const { consumer } = deps.live.ctx.config;
  // Our ODS code (and organisation type) as slot `searchFilter`s, so slots released to us are offered (SPEC §5.1).
  const searchFilter = [
    `${ODS_SYSTEM}|${consumer.odsCode}`,
    ...(consumer.organisationType ? [`${ORGANISATION_TYPE_SYSTEM}|${consumer.organisationType}`] : []),
  ];
  const searches = new SlotSearches({
    appointments: deps.live.appointments,
    now,
    newId: () => deps.live.ctx.newId(),
    practiceTimeoutMs: PRACTICE_SEARCH_TIMEOUT_MS,
    searchFilter,
  });
  // The booking service reports as it goes; each report becomes an audit record, and every channel below waits for
  // its records to be on disk before answering. A failed audit write never turns a made booking into an error: the
  // outcome the practice gave is what the user must see.
  const pending = new Set<Promise<void>>();
  const appointmentAudit = (e: AppointmentActionEvent): void => {
    const write = audit({
      action: e.action,
      outcome: e.outcome === 'success' ? 'success' : 'failure',
      nhsNumber: e.nhsNumber,
      odsCode: e.odsCode,
      ...(e.appointmentId ? { target: e.appointmentId } : {}),
      ...(e.code || e.outcome !== 'failure' ? { errorCode: e.code ?? e.outcome.toUpperCase() } : {}),
      ...(e.outcome === 'conflict' || e.outcome === 'unknown' ? { note: `outcome ${e.outcome}` } : {}),
    }).catch(() => undefined);
    pending.add(write);
    void write.finally(() => pending.delete(write));
  };
  const settled = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } finally {
      await Promise.all([...pending]);
    }
  };
  const service = new AppointmentService(
    {
      appointments: deps.live.appointments,
      foundations: deps.live.foundations,
      searches,
      organisation: {
        odsCode: consumer.odsCode,
        name: consumer.organisationName,
        telephone: consumer.telephone,
        ...(consumer.organisationType ? { type: consumer.organisationType } : {}),
      },
      now,
    },
    (patient, odsCode, r) =>
      appointmentAudit({
        nhsNumber: patient.nhsNumber,
        odsCode,
        ...r,
      }),
  );

  /** The PDS trace gate, in main: appointments only for a patient traced in this session, never a restricted one. */
  const traced = (nhsNumber: string): PatientSummary => {
    const patient = traces.recent(nhsNumber);
    if (!patient) throw new GpcError('TRACE_REQUIRED');
    if (patient.restricted) throw new GpcError('PATIENT_RESTRICTED');
    return patient;
  };
  /** A refusal before any call to the practice is still a booking action the audit trail records. */
  const gated = (nhsNumber: string, odsCode: string, action: AppointmentActionEvent['action']): PatientSummary => {
    try {
      return traced(nhsNumber);
    } catch (err) {
      appointmentAudit({
        action,
        nhsNumber,
        odsCode,
        outcome: 'failure',
        code: err instanceof GpcError ? err.code : 'INTERNAL_ERROR',
      });
      throw err;
    }
  };

  return {
    'slots.search': async ({ odsCode, start, end }) => {
      const bundle = await deps.live.appointments.searchFreeSlots(odsCode, { start, end, searchFilter });
      return { odsCode, bundle };
    },
    'slots.searchStart': async ({ nhsNumber, practices, from, to }) => {
      traced(nhsNumber);
      const { settled: _settled, ...started } = searches.start(practices, from, to);
      return started;
    },
    'slots.searchPoll': async ({ searchId }) => {
      const progress = searches.poll(searchId);
      if (!progress) throw new GpcError('SEARCH_EXPIRED');
      return progress;
    },
    'appointment.book': async ({ nhsNumber, odsCode, slotIds, description, comment, attemptId }) =>
      settled(() =>
        service.book(gated(nhsNumber, odsCode, 'book'), { odsCode, slotIds, description, comment, attemptId }),
      ),
    'appointment.list': async ({ nhsNumber, odsCode }) => service.list(traced(nhsNumber), odsCode),
    'appointment.read': async ({ nhsNumber, odsCode, appointmentId }) =>
      service.read(traced(nhsNumber), odsCode, appointmentId),
    'appointment.amend': async ({ nhsNumber, odsCode, appointmentId, version, description, comment }) =>
      settled(() =>
        service.amend(gated(nhsNumber, odsCode, 'amend'), { odsCode, appointmentId, version, description, comment }),
      ),
    'appointment.cancel': async ({ nhsNumber, odsCode, appointmentId, version, reason }) =>
      settled(() => service.cancel(gated(nhsNumber, odsCode, 'cancel'), { odsCode, appointmentId, version, reason })),
  };
}
