import { createHash } from 'node:crypto';
import { closeSync, fstatSync, ftruncateSync, openSync, readdirSync, readFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import type { AuditEvent, AuditRecord, AuditUser } from '../../shared/audit/audit-record';

/**
 * The audit trail: one JSON line per interaction or patient-data action, hash-chained (SHA-256 over the previous
 * record's hash and this record), written and fsync'd before `append` resolves, so an action is reported done only
 * once its record is on disk. Rotates by size with the chain carried across files. It holds metadata only: who,
 * which patient, which interaction and trace id, outcome; never clinical content.
 */
export type { AuditEvent, AuditRecord, AuditUser } from '../../shared/audit/audit-record';

/** What the trail appends: an event and, for every record a person caused, who. */
export type AuditEntry = AuditEvent & { readonly user?: AuditUser };

/** An append waiting for its turn to be written. */
interface Waiting {
  readonly event: AuditEntry;
  readonly resolve: (record: AuditRecord) => void;
  readonly reject: (err: unknown) => void;
}

export interface ChainReport {
  readonly records: number;
  /** Problems found, in order; empty when the chain verifies end to end. */
  readonly breaks: readonly string[];
  /** Bytes of an unfinished last line (a write cut off before it was acknowledged). */
  readonly tornBytes: number;
}

const GENESIS = '0'.repeat(64);
const FILE = /^audit-(\d{6})\.jsonl$/;

function hashOf(prevHash: string, body: object): string {
  return createHash('sha256').update(prevHash).update(JSON.stringify(body)).digest('hex');
}

/** The trail's files, oldest first. */
export function auditFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => FILE.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Walks every file in order and checks each record's hash and link; reports, never repairs. */
export function verifyChain(dir: string): ChainReport & { last: { seq: number; hash: string } } {
  const breaks: string[] = [];
  let prev = { seq: 0, hash: GENESIS };
  let records = 0;
  let tornBytes = 0;
  const files = auditFiles(dir);
  files.forEach((file, index) => {
    const text = readFileSync(file, 'utf8');
    const complete = text.endsWith('\n') || text === '' ? text : text.slice(0, text.lastIndexOf('\n') + 1);
    if (complete.length !== text.length) {
      if (index === files.length - 1) tornBytes = Buffer.byteLength(text) - Buffer.byteLength(complete);
      else breaks.push(`${path.basename(file)}: unfinished line in the middle of the trail`);
    }
    complete
      .split('\n')
      .filter((l) => l !== '')
      .forEach((line, n) => {
        const where = `${path.basename(file)} line ${n + 1}`;
        let record: AuditRecord;
        try {
          record = JSON.parse(line) as AuditRecord;
        } catch {
          breaks.push(`${where}: not a record`);
          return;
        }
        const { hash, ...body } = record;
        if (record.prevHash !== prev.hash)
          breaks.push(`${where}: does not link to the record before it (seq ${prev.seq})`);
        if (record.seq !== prev.seq + 1) breaks.push(`${where}: sequence ${record.seq} follows ${prev.seq}`);
        if (hashOf(record.prevHash, body) !== hash) breaks.push(`${where}: its content does not match its hash`);
        prev = { seq: record.seq, hash };
        records += 1;
      });
  });
  return { records, breaks, tornBytes, last: prev };
}

export class AuditTrail {
  private handle: FileHandle | null = null;
  private fileIndex = 0;
  private size = 0;
  private last = { seq: 0, hash: GENESIS };
  private queue: Promise<void> = Promise.resolve();
  /** Appends not yet written, in order, and whether a batch is being written now. */
  private waiting: Waiting[] = [];
  private draining = false;

  private constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
    private readonly now: () => Date,
  ) {}

  /**
   * Opens the trail, verifying the whole chain first. A break is recorded as an audit event of its own and
   * returned to the caller to show loudly; an unacknowledged torn last line is cut off and that is recorded too.
   */
  static async open(
    dir: string,
    options: { maxBytes?: number; now?: () => Date } = {},
  ): Promise<{ trail: AuditTrail; report: ChainReport }> {
    await mkdir(dir, { recursive: true });
    const trail = new AuditTrail(dir, options.maxBytes ?? 10 * 1024 * 1024, options.now ?? (() => new Date()));
    const report = verifyChain(dir);
    const files = auditFiles(dir);
    const current = files.at(-1);
    if (current && report.tornBytes > 0) {
      const fd = openSync(current, 'r+');
      try {
        ftruncateSync(fd, fstatSync(fd).size - report.tornBytes);
      } finally {
        closeSync(fd);
      }
    }
    trail.last = report.last;
    trail.fileIndex = current ? Number(FILE.exec(path.basename(current))?.[1] ?? '1') : 1;
    await trail.openFile();
    if (report.tornBytes > 0) {
      await trail.append({
        action: 'audit-torn-write',
        outcome: 'failure',
        note: `${report.tornBytes} bytes of an unacknowledged write removed`,
      });
    }
    for (const problem of report.breaks) {
      await trail.append({ action: 'audit-chain-break', outcome: 'failure', note: problem.slice(0, 200) });
    }
    return { trail, report };
  }

  private async openFile(): Promise<void> {
    await this.handle?.close();
    const file = path.join(this.dir, `audit-${String(this.fileIndex).padStart(6, '0')}.jsonl`);
    this.handle = await open(file, 'a');
    this.size = (await this.handle.stat()).size;
  }

  /** Resolves once the record is written and fsync'd: only then may the action be reported as done. */
  append(event: AuditEntry): Promise<AuditRecord> {
    return new Promise<AuditRecord>((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        this.queue = this.drain();
      }
    });
  }

  /**
   * Group commit: whatever was appended while the last write and fsync were in flight goes out as one write and one
   * fsync, in order. A burst of exchanges (one record each) then costs a few fsyncs instead of one per record, and
   * each record still resolves only once it is on disk.
   */
  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) await this.writeBatch(this.waiting.splice(0));
    } finally {
      this.draining = false;
    }
  }

  private async writeBatch(batch: readonly Waiting[]): Promise<void> {
    let done = 0;
    let lines: { line: string; record: AuditRecord }[] = [];
    let { size, last } = this;
    // Written and fsync'd, then acknowledged; the trail's own position moves only once the lines are on disk.
    const commit = async () => {
      if (lines.length === 0) return;
      await this.handle?.write(lines.map((l) => l.line).join(''));
      await this.handle?.sync();
      this.size = size;
      this.last = last;
      for (const { record } of lines) batch[done++]?.resolve(record);
      lines = [];
    };
    try {
      for (const { event } of batch) {
        if (!this.handle) throw new Error('the audit trail is closed');
        if (size >= this.maxBytes) {
          await commit();
          this.fileIndex += 1;
          await this.openFile();
          size = this.size;
        }
        const body = { seq: last.seq + 1, at: this.now().toISOString(), ...event, prevHash: last.hash };
        const record = { ...body, hash: hashOf(last.hash, body) } as AuditRecord;
        const line = `${JSON.stringify(record)}\n`;
        lines.push({ line, record });
        size += Buffer.byteLength(line);
        last = { seq: record.seq, hash: record.hash };
      }
      await commit();
    } catch (err) {
      // Nothing after the failure is acknowledged: the records not yet on disk all fail with it.
      for (const waiting of batch.slice(done)) waiting.reject(err);
    }
  }

  /** Resolves once every append queued so far has settled. */
  async flush(): Promise<void> {
    await this.queue;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.handle?.close();
    this.handle = null;
  }
}
