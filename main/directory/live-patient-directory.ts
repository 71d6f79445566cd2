import type { DemographicQuery, DemographicSearchResult } from '../../shared/patient/demographic-search';
import type { PatientSummary } from '../../shared/patient/patient-summary';
import type { SpineContext } from '../spine/spine-context';
import type { PatientDirectory } from './patient-directory';
import { readPdsPatient, searchPdsPatients } from './pds-client';
import { toPatientSummary } from './pds-patient';

/** PDS lists at most 50; ten is as many as a clinician can sensibly tell apart. */
const MAX_CANDIDATES = 10;

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

  /**
   * A demographic search, best match first. Candidates carry what PDS sent (no practice names: choosing one traces
   * the NHS number, which fills in the banner properly). A hit PDS sends that cannot be read is left out.
   */
  async search(query: DemographicQuery): Promise<DemographicSearchResult> {
    const found = await searchPdsPatients(this.ctx, query, MAX_CANDIDATES);
    if (found.kind === 'too-many') return { status: 'too-many' };
    const candidates = found.hits.flatMap((hit) => {
      try {
        return [
          { patient: toPatientSummary(hit.resource, { source: this.source, today: this.today() }), score: hit.score },
        ];
      } catch {
        return [];
      }
    });
    // Stable: PDS's own order among equal scores.
    candidates.sort((a, b) => b.score - a.score);
    return { status: 'matches', candidates };
  }

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
