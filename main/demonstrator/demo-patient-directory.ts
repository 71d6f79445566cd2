import type { PatientSummary } from '../../shared/patient/patient-summary';
import type { PatientDirectory } from '../directory/patient-directory';
import { toPatientSummary } from '../directory/pds-patient';
import { DEMO_PRACTICES, pdsRecordFor } from './data/pds-patients';

export const DEMO_SOURCE = 'PDS (demonstrator: synthetic data)';

/** Traces against the synthetic data set, through the same PDS reader a live trace uses. */
export class DemoPatientDirectory implements PatientDirectory {
  private readonly practiceNames = new Map(DEMO_PRACTICES.map((p) => [p.odsCode, p.name]));

  constructor(private readonly today: () => string) {}

  lookup(nhsNumber: string): Promise<PatientSummary | null> {
    // Like PDS, a superseded number finds the current record (which carries the new number).
    const resource = pdsRecordFor(nhsNumber);
    if (!resource) return Promise.resolve(null);
    return Promise.resolve(
      toPatientSummary(resource, { source: DEMO_SOURCE, today: this.today(), practiceNames: this.practiceNames }),
    );
  }
}
