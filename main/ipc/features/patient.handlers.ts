import type { PATIENT_CHANNELS } from '../../../shared/ipc/features/patient.channels';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';

export function patientHandlers({ flow, traces, now, deps }: HandlerKit): FeatureHandlers<typeof PATIENT_CHANNELS> {
  const traced = (patient: PatientSummary) => {
    traces.record(patient);
    return patient;
  };
  return {
    'patient.lookup': async ({ nhsNumber }) => traced(await flow.trace(nhsNumber)),

    'patient.trace': async ({ nhsNumber }) => ({
      patient: traced(await flow.trace(nhsNumber)),
      tracedAt: now().toISOString(),
    }),

    // A search is not a trace: the record gate opens only when a candidate is chosen and traced by NHS number.
    'patient.search': (query) => deps.live.patients.search(query),
  };
}
