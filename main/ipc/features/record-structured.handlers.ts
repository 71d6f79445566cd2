import type { RECORD_STRUCTURED_CHANNELS } from '../../../shared/ipc/features/record-structured.channels';
import { StructuredCapabilities, fetchStructuredRecordView } from '../../gpconnect/structured-record-view';
import { SpineError } from '../../spine/spine-error';
import { GpcError } from '../gpc-error';
import { auditCode } from '../audit-code';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';

export function recordStructuredHandlers({
  deps,
  traces,
  now,
  audit,
}: HandlerKit): FeatureHandlers<typeof RECORD_STRUCTURED_CHANNELS> {
  const capabilities = new StructuredCapabilities(deps.live);
  return {
    'record.structured': async ({ nhsNumber, query }) => {
      let odsCode: string | undefined;
      try {
        // The same gate as record.html, in main: only a patient traced on PDS in this session in the last 24 hours.
        const patient = traces.recent(nhsNumber);
        if (!patient) throw new GpcError('TRACE_REQUIRED');
        if (patient.restricted) throw new GpcError('PATIENT_RESTRICTED');
        odsCode = patient.registeredPractice?.odsCode;
        if (!odsCode) throw new GpcError('NO_REGISTERED_PRACTICE');
        const view = await fetchStructuredRecordView(deps.live, capabilities, {
          patient,
          odsCode,
          ...(query ? { query } : {}),
          now: now(),
        });
        await audit({
          action: 'structured-record',
          outcome: 'success',
          nhsNumber,
          odsCode,
          traceId: view.traceId,
        });
        return view;
      } catch (err) {
        const traceId = err instanceof SpineError ? err.failure.traceId : undefined;
        await audit({
          action: 'structured-record',
          outcome: 'failure',
          nhsNumber,
          ...(odsCode ? { odsCode } : {}),
          errorCode: auditCode(err),
          ...(traceId ? { traceId } : {}),
        });
        throw err;
      }
    },
  };
}
