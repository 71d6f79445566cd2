import type { PatientSummary } from '../../shared/patient/patient-summary';

/** Where a patient is traced: the demo data set now, PDS on Spine once live connectivity lands. */
export interface PatientDirectory {
  /** The patient with this 10-digit NHS number, or null when there is none. */
  lookup(nhsNumber: string): Promise<PatientSummary | null>;
}
