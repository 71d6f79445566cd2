import type { PATIENT_CHANNELS } from '../../../shared/ipc/features/patient.channels';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';

export function patientHandlers({ flow, traces, now }: HandlerKit): FeatureHandlers<typeof PATIENT_CHANNELS> {
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
  };
}
