import { auditCsv } from '../../../shared/audit/audit-csv';
import { isAuditAdmin } from '../../../shared/audit/audit-policy';
import type { AuditFilter } from '../../../shared/audit/audit-record';
import type { AUDIT_CHANNELS } from '../../../shared/ipc/features/audit.channels';
import type { AuditService } from '../../audit/audit-service';
import { actingClinician } from '../../audit/audit-user';
import { GpcError } from '../gpc-error';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';

/** `20261126-0215`: sorts by time, safe in every file system. */
function stamp(at: Date): string {
  return at.toISOString().slice(0, 16).replace(/-/g, '').replace('T', '-').replace(':', '');
}

function describe(filter: AuditFilter): string {
  const parts = Object.entries(filter)
    .filter(([key, value]) => value !== undefined && key !== 'nhsNumber')
    .map(([key, value]) => `${key}=${String(value)}`);
  return (parts.length > 0 ? `filter ${parts.join(' ')}` : 'no filter').slice(0, 200);
}

/**
 * The viewer's channels. The role check is here, in main: hiding the screen in the renderer is a courtesy, not the
 * control. A refused attempt is itself recorded.
 */
export function auditHandlers({ deps, audit }: HandlerKit): FeatureHandlers<typeof AUDIT_CHANNELS> {
  const mayView = (trail: AuditService) =>
    isAuditAdmin(actingClinician(deps.currentUser, deps.live.ctx.config), trail.admins);

  const adminTrail = async (action: 'audit-view' | 'audit-export'): Promise<AuditService> => {
    const trail = deps.audit;
    if (!trail) throw new GpcError('AUDIT_UNAVAILABLE');
    if (!mayView(trail)) {
      await audit({ action, outcome: 'failure', errorCode: 'NOT_AUTHORISED' });
      throw new GpcError('NOT_AUTHORISED');
    }
    return trail;
  };

  return {
    'audit.status': () => {
      const trail = deps.audit;
      if (!trail || !mayView(trail)) return Promise.resolve({ mayView: false });
      return Promise.resolve({ mayView: true, chain: trail.status() });
    },

    'audit.search': async (filter) => (await adminTrail('audit-view')).query(filter),

    'audit.export': async (filter) => {
      const trail = await adminTrail('audit-export');
      const { records } = await trail.query({ ...filter, limit: filter.limit ?? 5000 });
      await audit({
        action: 'audit-export',
        outcome: 'success',
        ...(filter.nhsNumber ? { nhsNumber: filter.nhsNumber } : {}),
        note: `${records.length} records; ${describe(filter)}`,
      });
      const filename = `gpc-audit-${stamp(new Date())}.csv`;
      const csv = auditCsv(records);
      // The desktop app refuses renderer downloads (hardening): its own save dialog writes the file instead.
      if (deps.saveFile) {
        const { saved } = await deps.saveFile(csv, filename, { name: 'CSV', extensions: ['csv'] });
        return { filename, csv: '', rows: records.length, savedByHost: saved };
      }
      return { filename, csv, rows: records.length };
    },

    'audit.verify': async () => (await adminTrail('audit-view')).verify(),
  };
}
