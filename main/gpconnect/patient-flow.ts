import type { PatientSummary } from '../../shared/patient/patient-summary';
import { GpcError } from '../ipc/gpc-error';
import type { LiveServices } from '../live-services';

/**
 * The per-patient flow before any GP Connect call (SPEC §1.1): trace on PDS, stop for restricted patients, take the
 * registered practice from PDS. A new patient encounter forgets the SDS answers of the previous one.
 */
export class PatientFlow {
  private lastNhsNumber: string | null = null;

  constructor(private readonly live: LiveServices) {}

  async trace(nhsNumber: string): Promise<PatientSummary> {
    if (this.lastNhsNumber !== nhsNumber) {
      this.live.sds.clear();
      this.lastNhsNumber = nhsNumber;
    }
    const patient = await this.live.patients.lookup(nhsNumber);
    if (!patient) throw new GpcError('PATIENT_NOT_FOUND');
    return patient;
  }

  /** Traced, not restricted, with a registered practice: the only patients whose GP record may be requested. */
  async forRecord(nhsNumber: string): Promise<{ patient: PatientSummary; odsCode: string }> {
    const patient = await this.trace(nhsNumber);
    if (patient.restricted) throw new GpcError('PATIENT_RESTRICTED');
    const odsCode = patient.registeredPractice?.odsCode;
    if (!odsCode) throw new GpcError('NO_REGISTERED_PRACTICE');
    return { patient, odsCode };
  }
}
