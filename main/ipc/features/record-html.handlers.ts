import type { RECORD_HTML_CHANNELS } from '../../../shared/ipc/features/record-html.channels';
import { buildHtmlRecordSection } from '../../gpconnect/html-record-view';
import { SpineError } from '../../spine/spine-error';
import { auditCode } from '../audit-code';
import { GpcError } from '../gpc-error';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';

export function recordHtmlHandlers({
  deps,
  traces,
  now,
  audit,
  retrieved,
}: HandlerKit): FeatureHandlers<typeof RECORD_HTML_CHANNELS> {
  return {
    'record.html': async ({ nhsNumber, section, from, to }) => {
      let odsCode: string | undefined;
      try {
        // The gate, in main: the renderer cannot ask for a record of someone it has not just traced.
        const patient = traces.recent(nhsNumber);
        if (!patient) throw new GpcError('TRACE_REQUIRED');
        if (patient.restricted) throw new GpcError('PATIENT_RESTRICTED');
        odsCode = patient.registeredPractice?.odsCode;
        if (!odsCode) throw new GpcError('NO_REGISTERED_PRACTICE');
        const period = from || to ? { ...(from ? { start: from } : {}), ...(to ? { end: to } : {}) } : undefined;
        const { bundle, traceId } = await deps.live.html.get(odsCode, patient.nhsNumber, section, period);
        const view = buildHtmlRecordSection({
          patient,
          odsCode,
          code: section,
          ...(from || to ? { period: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } : {}),
          bundle,
          traceId,
          retrievedAt: now(),
        });
        retrieved.remember(view);
        await audit({ action: 'view-section', outcome: 'success', nhsNumber, target: section, odsCode, traceId });
        return view;
      } catch (err) {
        const traceId = err instanceof SpineError ? err.failure.traceId : undefined;
        await audit({
          action: 'view-section',
          outcome: 'failure',
          nhsNumber,
          target: section,
          ...(odsCode ? { odsCode } : {}),
          errorCode: auditCode(err),
          ...(traceId ? { traceId } : {}),
        });
        throw err;
      }
    },
  };
}
