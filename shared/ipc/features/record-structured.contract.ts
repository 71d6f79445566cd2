import { z } from 'zod';
import type { PatientSummary } from '../../patient/patient-summary';
import type { ContractFragment } from '../contract-kit';
import { channel, nhsNumberInput } from '../contract-kit';
import type { RECORD_STRUCTURED_CHANNELS } from './record-structured.channels';

/** A GP Connect answer as the provider sent it, with whom and through which call (Structured; its view model comes later). */
export interface RawRecord {
  readonly patient: PatientSummary;
  /** The registered practice the record came from. */
  readonly odsCode: string;
  readonly traceId: string;
  readonly bundle: fhir.Bundle;
}

export const recordStructuredContract = {
  'record.structured': channel<RawRecord>()({
    summary: "The patient's structured GP record (every clinical area) from their registered practice",
    input: z.object({ nhsNumber: nhsNumberInput }).strict(),
    errors: ['PATIENT_NOT_FOUND', 'PATIENT_RESTRICTED', 'NO_REGISTERED_PRACTICE', 'SPINE_ERROR'],
  }),
} as const satisfies ContractFragment<(typeof RECORD_STRUCTURED_CHANNELS)[number]>;
