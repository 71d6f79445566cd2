import { z } from 'zod';
import type { PatientSummary } from '../../patient/patient-summary';
import type { ContractFragment } from '../contract-kit';
import { channel, nhsNumberInput } from '../contract-kit';
import type { PATIENT_CHANNELS } from './patient.channels';

/** A PDS trace: who the patient is, and when PDS said so (the record gate needs a recent trace). */
export interface PatientTrace {
  readonly patient: PatientSummary;
  /** ISO 8601 instant of the trace. */
  readonly tracedAt: string;
}

export const patientContract = {
  'patient.lookup': channel<PatientSummary>()({
    summary: 'Trace a patient by NHS number',
    input: z.object({ nhsNumber: nhsNumberInput }).strict(),
    errors: ['PATIENT_NOT_FOUND', 'SPINE_ERROR'],
  }),
  'patient.trace': channel<PatientTrace>()({
    summary: 'Trace a patient on PDS by NHS number, with the time of the trace',
    input: z.object({ nhsNumber: nhsNumberInput }).strict(),
    errors: ['PATIENT_NOT_FOUND', 'SPINE_ERROR'],
  }),
} as const satisfies ContractFragment<(typeof PATIENT_CHANNELS)[number]>;
