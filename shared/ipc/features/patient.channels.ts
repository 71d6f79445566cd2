export const PATIENT_CHANNELS = ['patient.lookup', 'patient.trace'] as const;
