import type { RECORD_HTML_CHANNELS } from '../../../shared/ipc/features/record-html.channels';
import { buildHtmlRecordSection } from '../../gpconnect/html-record-view';
import { SpineError } from '../../spine/spine-error';
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
        audit({
          at: view.retrievedAt,
          channel: 'record.html',
          nhsNumber,
          section,
          odsCode,
          outcome: 'success',
          traceId,
        });
        return view;
      } catch (err) {
        const code =
          err instanceof GpcError
            ? err.code
            : err instanceof SpineError
              ? `SPINE_ERROR ${err.failure.code}`
              : 'INTERNAL_ERROR';
        const traceId = err instanceof SpineError ? err.failure.traceId : undefined;
        audit({
          at: now().toISOString(),
          channel: 'record.html',
          nhsNumber,
          section,
          ...(odsCode ? { odsCode } : {}),
          outcome: 'failure',
          code,
          ...(traceId ? { traceId } : {}),
        });
        throw err;
      }
    },
  };
}
