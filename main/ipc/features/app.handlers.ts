import type { APP_CHANNELS } from '../../../shared/ipc/features/app.channels';
import { isAuditAdmin } from '../../../shared/audit/audit-policy';
import { actingClinician } from '../../audit/audit-user';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';

export function appHandlers({ deps }: HandlerKit): FeatureHandlers<typeof APP_CHANNELS> {
  return {
    'app.info': (_input, ctx) =>
      Promise.resolve({
        name: deps.appName,
        version: deps.version,
        mode: deps.mode,
        host: ctx.host,
        explorer: deps.explorer?.enabled ?? false,
        auditAdmin: deps.audit
          ? isAuditAdmin(actingClinician(deps.currentUser, deps.live.ctx.config), deps.audit.admins)
          : false,
      }),
  };
}
