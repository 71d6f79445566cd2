export const PATIENT_CHANNELS = ['patient.lookup', 'patient.trace', 'patient.search'] as const;
