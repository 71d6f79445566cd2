import type { StructuredCapability } from '../../shared/gpconnect/structured-capability';
import { UNKNOWN_CAPABILITY, readStructuredCapability } from '../../shared/gpconnect/structured-capability';
import type { StructuredQueryOptions } from '../../shared/gpconnect/structured-request';
import { FULL_RECORD_QUERY, buildStructuredRequest } from '../../shared/gpconnect/structured-request';
import type { PatientSummary } from '../../shared/patient/patient-summary';
import { buildStructuredView } from '../../shared/record/build-structured-view';
import type { StructuredRecordView } from '../../shared/record/structured-view';
import { GpcError } from '../ipc/gpc-error';
import type { LiveServices } from '../live-services';

/**
 * `record.structured` in main: the practice's declared capability (its structured metadata, read once per practice
 * per session), the request built and checked in shared/, the provider's Bundle turned into the view model here, so
 * the renderer receives view models only (never the raw Bundle) and parsing stays off its thread.
 */
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The UK calendar date of an instant (`YYYY-MM-DD`): GP Connect's "today" for date parameters. */
export function ukCalendarDate(instant: Date): string {
  const parts = Object.fromEntries(LONDON.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts['year'] ?? ''}-${parts['month'] ?? ''}-${parts['day'] ?? ''}`;
}

export class StructuredCapabilities {
  private readonly known = new Map<string, StructuredCapability>();

  constructor(private readonly live: Pick<LiveServices, 'foundations'>) {}

  /** The practice's declared capability; unknown (every area asked for) when its metadata cannot be read. */
  async of(odsCode: string): Promise<StructuredCapability> {
    const cached = this.known.get(odsCode);
    if (cached) return cached;
    let capability: StructuredCapability;
    try {
      capability = readStructuredCapability(await this.live.foundations.structuredMetadata(odsCode));
    } catch {
      // Not cached: the next request tries again. The record request itself reports what is wrong.
      return UNKNOWN_CAPABILITY;
    }
    this.known.set(odsCode, capability);
    return capability;
  }

  clear(): void {
    this.known.clear();
  }
}

export interface StructuredRecordRequest {
  readonly patient: PatientSummary;
  readonly odsCode: string;
  readonly query?: StructuredQueryOptions;
  readonly now: Date;
}

export async function fetchStructuredRecordView(
  live: Pick<LiveServices, 'structured'>,
  capabilities: StructuredCapabilities,
  request: StructuredRecordRequest,
): Promise<StructuredRecordView> {
  const capability = await capabilities.of(request.odsCode);
  const built = buildStructuredRequest(request.patient.nhsNumber, request.query ?? FULL_RECORD_QUERY, {
    today: ukCalendarDate(request.now),
    capability,
  });
  if (!built.ok) throw new GpcError('STRUCTURED_REQUEST_REFUSED', built.message);
  const { bundle, traceId } = await live.structured.get(request.odsCode, built.plan.parameters);
  const view = buildStructuredView({
    patient: request.patient,
    odsCode: request.odsCode,
    bundle,
    traceId,
    retrievedAt: request.now.toISOString(),
    plan: built.plan,
    capability,
  });
  if (view.crossCheck.nhsNumberMismatch) throw new GpcError('RECORD_PATIENT_MISMATCH');
  return view;
}
