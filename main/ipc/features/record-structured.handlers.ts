import type { RECORD_STRUCTURED_CHANNELS } from '../../../shared/ipc/features/record-structured.channels';
import { fullRecordParameters } from '../../gpconnect/structured';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';

export function recordStructuredHandlers({
  deps,
  flow,
}: HandlerKit): FeatureHandlers<typeof RECORD_STRUCTURED_CHANNELS> {
  return {
    'record.structured': async ({ nhsNumber }) => {
      const { patient, odsCode } = await flow.forRecord(nhsNumber);
      const { bundle, traceId } = await deps.live.structured.get(odsCode, fullRecordParameters(patient.nhsNumber));
      return { patient, odsCode, traceId, bundle };
    },
  };
}
