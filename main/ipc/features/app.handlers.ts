import { parseChangelog } from '../../../shared/app/build-info';
import type { APP_CHANNELS } from '../../../shared/ipc/features/app.channels';
import { isAuditAdmin } from '../../../shared/audit/audit-policy';
import { actingClinician } from '../../audit/audit-user';
import { APP_CHANGELOG, APP_COMMIT, APP_FLAVOUR } from '../../app-identity';
import { effectiveSettings } from '../../config/effective-settings';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';

export function appHandlers({ deps }: HandlerKit): FeatureHandlers<typeof APP_CHANNELS> {
  const build = deps.build ?? { flavour: APP_FLAVOUR, commit: APP_COMMIT, changelog: APP_CHANGELOG };
  const releases = parseChangelog(build.changelog);
  // Without a report from the host (tests), the mode is all that is known; nothing is locked.
  const settings = deps.settings ?? effectiveSettings({ mode: deps.mode }, new Map(), { file: null, present: false });
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
        flavour: build.flavour,
      }),
    'app.about': (_input, ctx) =>
      Promise.resolve({
        name: deps.appName,
        version: deps.version,
        flavour: build.flavour,
        commit: build.commit,
        host: ctx.host,
        runtime: {
          electron: process.versions.electron ?? null,
          chromium: process.versions.chrome ?? null,
          node: process.versions.node,
        },
        releases,
      }),
    'app.settings': () => Promise.resolve(settings),
  };
}
