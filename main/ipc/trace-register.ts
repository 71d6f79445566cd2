import type { PatientSummary } from '../../shared/patient/patient-summary';

/** SPEC §1.1 (0.7.x): a GP record request needs a PDS trace of that patient no older than 24 hours. */
export const TRACE_VALID_MS = 24 * 60 * 60 * 1000;

/**
 * The PDS traces of this session, per NHS number, kept in the handler layer so the record gate is enforced in main
 * whatever the renderer does. Holds the traced identity too: the record is cross-checked against what the banner
 * shows, not against a later trace the clinician never saw.
 */
export class TraceRegister {
  private readonly traces = new Map<string, { readonly patient: PatientSummary; readonly at: number }>();

  constructor(private readonly now: () => Date) {}

  record(patient: PatientSummary): void {
    const at = this.now().getTime();
    // Forget expired traces so a long session does not keep identities it can no longer use.
    for (const [nhsNumber, trace] of this.traces) if (at - trace.at > TRACE_VALID_MS) this.traces.delete(nhsNumber);
    this.traces.set(patient.nhsNumber, { patient, at });
  }

  /** The traced patient if traced in the last 24 hours (a clock that went backwards does not count as recent). */
  recent(nhsNumber: string): PatientSummary | null {
    const trace = this.traces.get(nhsNumber);
    if (!trace) return null;
    const age = this.now().getTime() - trace.at;
    return age >= 0 && age <= TRACE_VALID_MS ? trace.patient : null;
  }

  clear(): void {
    this.traces.clear();
  }
}
