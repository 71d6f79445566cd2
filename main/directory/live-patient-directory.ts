import type { PatientSummary } from '../../shared/patient/patient-summary';
import type { SpineContext } from '../spine/spine-context';
import type { PatientDirectory } from './patient-directory';
import { readPdsPatient } from './pds-client';
import { toPatientSummary } from './pds-patient';

/** Traces against PDS on Spine (or anything that speaks its API, such as the offline demonstrator). */
export class LivePatientDirectory implements PatientDirectory {
  constructor(
    private readonly ctx: SpineContext,
    private readonly today: () => string,
    private readonly source: string = 'PDS',
  ) {}

  async lookup(nhsNumber: string): Promise<PatientSummary | null> {
    const read = await readPdsPatient(this.ctx, nhsNumber);
    if (!read) return null;
    const summary = toPatientSummary(read.resource, { source: this.source, today: this.today() });
    return read.supersededFrom === undefined ? summary : { ...summary, supersededFrom: read.supersededFrom };
  }
}
