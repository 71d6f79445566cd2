import type { ADMIN_CHANNELS } from '../../../shared/ipc/features/admin.channels';
import { diagnosticsReport } from '../../admin/diagnostics-report';
import { GpcError } from '../gpc-error';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';

export function adminHandlers({ deps, now }: HandlerKit): FeatureHandlers<typeof ADMIN_CHANNELS> {
  return {
    // Any signed-in user may run it: a clinician on the phone to the service desk is who needs the report.
    'admin.diagnostics': async (_input, ctx) => {
      if (!deps.diagnostics) throw new GpcError('NOT_AVAILABLE');
      const checks = await deps.diagnostics();
      const { asid, odsCode } = deps.live.ctx.config.consumer;
      return diagnosticsReport(checks, {
        appName: deps.appName,
        version: deps.version,
        mode: deps.mode,
        host: ctx.host,
        consumer: { asid, odsCode },
        ...(deps.audit ? { audit: deps.audit.status() } : {}),
        now: now(),
      });
    },
  };
}
