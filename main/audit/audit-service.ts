import { readFile } from 'node:fs/promises';
import type {
  AuditChainStatus,
  AuditEvent,
  AuditFilter,
  AuditQueryResult,
  AuditRecord,
  AuditUser,
} from '../../shared/audit/audit-record';
import type { AuditAdminPolicy } from '../../shared/audit/audit-policy';
import { AuditTrail, auditFiles, verifyChain } from './audit-trail';

export type { AuditChainStatus, AuditEvent, AuditFilter, AuditQueryResult, AuditRecord, AuditUser };

/**
 * The audit trail as the app uses it: `record` resolves only once the record is written and fsync'd (callers await
 * it before reporting an action done); `query` serves the viewer; `verify` re-checks the chain. The chain is verified
 * when the service opens: a break is recorded in the trail, logged, and kept in `status()` for the admin banner. It
 * is never repaired.
 */
export interface AuditService {
  readonly directory: string;
  /** Who may read the trail (checked in main by the audit channels). */
  readonly admins: AuditAdminPolicy;
  /**
   * Appends one record stamped with time and the current user; resolves after fsync. Rejects when it cannot write,
   * and from the first failed write on refuses every further record (the trail may end in a torn line; actions
   * must not carry on unaudited): restart the app once the disk is fixed.
   */
  record(event: AuditEvent): Promise<AuditRecord>;
  /** Matching records, newest first. */
  query(filter?: AuditFilter): Promise<AuditQueryResult>;
  /** Re-verifies the whole chain now (the writes queued before it are included). */
  verify(): Promise<AuditChainStatus>;
  /** The chain as verified at start (or by the last `verify`), plus any write failure since. */
  status(): AuditChainStatus;
  close(): Promise<void>;
}

export interface AuditServiceOptions {
  readonly directory: string;
  /** Rotate to a new file past this size (default 10 MiB); the chain carries across. */
  readonly maxBytes?: number;
  readonly now?: () => Date;
  /** Who is acting now; stamped on every record. */
  readonly currentUser?: () => AuditUser | undefined;
  /** Where a chain break or a write failure is reported loudly (default: stderr). */
  readonly log?: (line: string) => void;
  /** Default: nobody may read the trail. */
  readonly admins?: AuditAdminPolicy;
}

export class AuditUnavailableError extends Error {
  override readonly name = 'AuditUnavailableError';
}

const DEFAULT_LIMIT = 500;

function matches(record: AuditRecord, filter: AuditFilter): boolean {
  if (filter.outcome && record.outcome !== filter.outcome) return false;
  if (filter.nhsNumber && record.nhsNumber !== filter.nhsNumber) return false;
  if (filter.user) {
    const wanted = filter.user.trim().toLowerCase();
    const user = record.user;
    if (!user || (user.sdsUserId.toLowerCase() !== wanted && !user.name.toLowerCase().includes(wanted))) return false;
  }
  const day = record.at.slice(0, 10);
  if (filter.from && day < filter.from) return false;
  if (filter.to && day > filter.to) return false;
  return true;
}

async function readRecords(dir: string): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for (const file of auditFiles(dir)) {
    const text = await readFile(file, 'utf8');
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        out.push(JSON.parse(line) as AuditRecord);
      } catch {
        // A line that is not a record is a chain break: verify() reports it; the viewer shows what it can read.
      }
    }
  }
  return out;
}

export async function openAuditService(options: AuditServiceOptions): Promise<AuditService> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { trail, report } = await AuditTrail.open(options.directory, {
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    now,
  });
  let status: AuditChainStatus = {
    verifiedAt: now().toISOString(),
    records: report.records,
    breaks: report.breaks,
    tornBytes: report.tornBytes,
  };
  if (report.breaks.length > 0) {
    log(`AUDIT CHAIN BROKEN in ${options.directory}: ${report.breaks.length} problem(s); first: ${report.breaks[0]}`);
  }
  const fail = (err: unknown): never => {
    const reason = err instanceof Error ? err.message : String(err);
    if (!status.writeFailure) log(`AUDIT WRITE FAILED in ${options.directory}: ${reason}`);
    status = { ...status, writeFailure: reason };
    throw err;
  };
  return {
    directory: options.directory,
    admins: options.admins ?? { sdsUserIds: [], roleProfileIds: [], demoAdmin: false },
    record: (event) => {
      if (status.writeFailure) {
        return Promise.reject(new AuditUnavailableError(`the audit trail cannot write: ${status.writeFailure}`));
      }
      const user = options.currentUser?.();
      return trail.append(user ? { ...event, user } : event).catch(fail);
    },
    query: async (filter = {}) => {
      const all = await readRecords(options.directory);
      const matched = all.filter((r) => matches(r, filter)).reverse();
      return { records: matched.slice(0, filter.limit ?? DEFAULT_LIMIT), total: matched.length };
    },
    verify: async () => {
      await trail.flush();
      const again = verifyChain(options.directory);
      // A break found at start stays reported even though the trail now records it: it is never "healed".
      const breaks = [...new Set([...status.breaks, ...again.breaks])];
      status = { ...status, verifiedAt: now().toISOString(), records: again.records, breaks };
      return status;
    },
    status: () => status,
    close: () => trail.close(),
  };
}
