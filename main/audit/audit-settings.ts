import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuditAdminPolicy } from '../../shared/audit/audit-policy';
import type { WorkstationConfig } from '../../shared/config/config-schema';
import { configPaths } from '../config/config-paths';

export interface AuditSettings {
  readonly directory: string;
  readonly maxBytes?: number;
  readonly admins: AuditAdminPolicy;
}

/**
 * Where the audit goes and who may read it. `audit.directory` wins; then a host's own choice (the preview host and
 * `gpc` with the built-in demonstrator use their run's folder); then live mode writes `audit/` next to the user's
 * settings (the same folder for the app and `gpc`, so one trail holds both), and demo mode a fresh temporary folder
 * (synthetic patients only; nothing to keep, and test runs never write into a home folder).
 */
export function auditSettings(config: WorkstationConfig, hostDirectory?: string): AuditSettings {
  const directory =
    config.audit?.directory ??
    hostDirectory ??
    (config.mode === 'live'
      ? path.join(path.dirname(configPaths().userFile), 'audit')
      : mkdtempSync(path.join(tmpdir(), 'gpc-demo-audit-')));
  const sdsUserIds = config.audit?.admins?.sdsUserIds ?? [];
  const roleProfileIds = config.audit?.admins?.roleProfileIds ?? [];
  return {
    directory,
    ...(config.audit?.maxFileBytes === undefined ? {} : { maxBytes: config.audit.maxFileBytes }),
    admins: {
      sdsUserIds,
      roleProfileIds,
      demoAdmin: config.mode === 'demo' && config.audit?.admins === undefined,
    },
  };
}
