import type { PatientSummary } from '../../shared/patient/patient-summary';
import type { SpineContext } from '../spine/spine-context';
import type { PatientDirectory } from './patient-directory';
import { readPdsPatient } from './pds-client';
import { toPatientSummary } from './pds-patient';

/** The practice's name for an ODS code, or undefined when it cannot be found (the banner then says so). */
export type PracticeNameLookup = (odsCode: string) => Promise<string | undefined>;

/**
 * Traces against PDS on Spine (or anything that speaks its API, such as the offline demonstrator). PDS gives the
 * registered practice's ODS code only; its name comes from `practiceName`.
 */
export class LivePatientDirectory implements PatientDirectory {
  constructor(
    private readonly ctx: SpineContext,
    private readonly today: () => string,
    private readonly source: string = 'PDS',
    private readonly practiceName: PracticeNameLookup = () => Promise.resolve(undefined),
  ) {}

  async lookup(nhsNumber: string): Promise<PatientSummary | null> {
    const read = await readPdsPatient(this.ctx, nhsNumber);
    if (!read) return null;
    const summary = toPatientSummary(read.resource, { source: this.source, today: this.today() });
    const practice = summary.registeredPractice;
    const name = practice && practice.name === undefined ? await this.practiceName(practice.odsCode) : undefined;
    return {
      ...summary,
      ...(practice && name !== undefined ? { registeredPractice: { ...practice, name } } : {}),
      ...(read.supersededFrom === undefined ? {} : { supersededFrom: read.supersededFrom }),
    };
  }
}
