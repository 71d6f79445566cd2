import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../main/audit/audit-trail';
import { AuditTrail, verifyChain } from '../../../main/audit/audit-trail';

const user = {
  sdsUserId: '555021935107',
  name: 'JONES, Claire (Dr)',
  roleProfileId: '555021936108',
  organisation: 'Y90001',
};

function records(dir: string): AuditRecord[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as AuditRecord];
          } catch {
            return [];
          }
        }),
    );
}

describe('audit trail', () => {
  it('chains records with SHA-256 and verifies end to end, across rotated files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gpc-audit-'));
    const { trail, report } = await AuditTrail.open(dir, { maxBytes: 1500 });
    expect(report).toMatchObject({ records: 0, breaks: [] });
    for (let i = 0; i < 20; i += 1) {
      await trail.append({ action: 'trace', outcome: 'success', user, nhsNumber: '9658218873', traceId: `t${i}` });
    }
    await trail.close();
    expect(readdirSync(dir).length).toBeGreaterThan(1);
    expect(verifyChain(dir)).toMatchObject({ records: 20, breaks: [], tornBytes: 0 });
    const all = records(dir);
    expect(all[0]?.prevHash).toBe('0'.repeat(64));
    expect(all[1]?.prevHash).toBe(all[0]?.hash);
  });

  it('a burst of appends not awaited one by one: each acknowledged in order, all chained, rotated by size', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gpc-audit-'));
    const { trail } = await AuditTrail.open(dir, { maxBytes: 2000 });
    const acknowledged = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        trail.append({ action: 'trace', outcome: 'success', user, nhsNumber: '9658218873', traceId: `t${i}` }),
      ),
    );
    await trail.close();
    expect(acknowledged.map((r) => r.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(acknowledged.map((r) => r.traceId)).toEqual(Array.from({ length: 60 }, (_, i) => `t${i}`));
    expect(verifyChain(dir)).toMatchObject({ records: 60, breaks: [], tornBytes: 0 });
    // Rotation still happens record by record: no file but the last runs past the size by more than one record.
    const sizes = readdirSync(dir)
      .sort()
      .map((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean));
    expect(sizes.length).toBeGreaterThan(2);
    for (const lines of sizes.slice(0, -1)) {
      const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
      expect(bytes).toBeGreaterThanOrEqual(2000);
      expect(bytes - Buffer.byteLength(lines.at(-1) ?? '') - 1).toBeLessThan(2000);
    }
  });

  it('holds who, which patient, which interaction and the Spine items, and nothing clinical', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gpc-audit-'));
    const { trail } = await AuditTrail.open(dir);
    const record = await trail.append({
      action: 'interaction',
      outcome: 'failure',
      user,
      nhsNumber: '9450056234',
      interactionId: 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1',
      traceId: 'ad48a337-daf9-4a46-a3b4-107ad510f964',
      from: '200000000301',
      to: '200000000985',
      odsCode: 'A20047',
      httpStatus: 403,
      errorCode: 'NO_PATIENT_CONSENT',
    });
    await trail.close();
    expect(record).toMatchObject({
      seq: 1,
      user,
      httpStatus: 403,
      errorCode: 'NO_PATIENT_CONSENT',
      from: '200000000301',
    });
    expect(Object.keys(record).sort()).toEqual(
      [
        'action',
        'at',
        'errorCode',
        'from',
        'hash',
        'httpStatus',
        'interactionId',
        'nhsNumber',
        'odsCode',
        'outcome',
        'prevHash',
        'seq',
        'to',
        'traceId',
        'user',
      ].sort(),
    );
  });

  it('reports a tampered record loudly on start, records the break, and does not repair it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gpc-audit-'));
    const { trail } = await AuditTrail.open(dir);
    for (let i = 0; i < 3; i += 1) await trail.append({ action: 'trace', outcome: 'success', nhsNumber: '9658218873' });
    await trail.close();
    const [file] = readdirSync(dir);
    const full = path.join(dir, file ?? '');
    writeFileSync(full, readFileSync(full, 'utf8').replace('"nhsNumber":"9658218873"', '"nhsNumber":"9999999999"'));
    const reopened = await AuditTrail.open(dir);
    await reopened.trail.close();
    expect(reopened.report.breaks.some((b) => b.includes('does not match its hash'))).toBe(true);
    const after = records(dir);
    expect(after.some((r) => r.action === 'audit-chain-break')).toBe(true);
    expect(readFileSync(full, 'utf8')).toContain('9999999999');
  });

  describe('killed mid-burst (SIGKILL), 20 times', () => {
    let writer = '';
    beforeAll(async () => {
      const out = mkdtempSync(path.join(tmpdir(), 'gpc-audit-writer-'));
      await build({
        configFile: false,
        logLevel: 'silent',
        build: {
          ssr: 'test/fixtures/audit-writer.ts',
          outDir: out,
          emptyOutDir: true,
          rollupOptions: { output: { entryFileNames: 'audit-writer.mjs', format: 'es' } },
        },
      });
      writer = path.join(out, 'audit-writer.mjs');
    }, 60_000);

    it('never leaves a broken chain or loses an acknowledged record', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'gpc-audit-kill-'));
      const acknowledged: number[] = [];
      for (let round = 0; round < 20; round += 1) {
        const child = spawn(process.execPath, [writer, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
        const target = 3 + ((round * 7) % 25);
        await new Promise<void>((resolve) => {
          let seen = 0;
          child.stdout.on('data', (chunk: Buffer) => {
            for (const line of chunk.toString().split('\n')) {
              const m = /^done (\d+)$/.exec(line);
              if (!m) continue;
              acknowledged.push(Number(m[1]));
              seen += 1;
              if (seen === target) child.kill('SIGKILL');
            }
          });
          child.on('exit', () => resolve());
        });
        const report = verifyChain(dir);
        expect(report.breaks, `round ${round}`).toEqual([]);
      }
      const { trail, report } = await AuditTrail.open(dir);
      await trail.close();
      expect(report.breaks).toEqual([]);
      const present = new Set(records(dir).map((r) => `${r.seq}`));
      const lost = acknowledged.filter((seq) => !present.has(`${seq}`));
      expect(lost).toEqual([]);
      expect(acknowledged.length).toBeGreaterThan(100);
    }, 120_000);
  });
});
