import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditService } from '../../../main/audit/audit-service';
import { createDispatcher } from '../../../main/ipc/dispatcher';
import { buildServices } from '../../../main/services';
import type { AuditRecord } from '../../../shared/audit/audit-record';
import type { WorkstationConfig } from '../../../shared/config/config-schema';

/** The audit service: rotation through it, a chain break on start (loud, recorded, never repaired), the role check. */
const APP = { name: 'GP Connect Workstation', version: '0.1.0' };
const user = {
  sdsUserId: '555021935107',
  name: 'JONES, Claire (Dr)',
  roleProfileId: '555021936108',
  organisation: 'Y90001',
};

function lines(dir: string): AuditRecord[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n'))
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as AuditRecord);
}

async function seed(dir: string, count: number): Promise<void> {
  const audit = await openAuditService({ directory: dir, currentUser: () => user, log: () => undefined });
  for (let i = 0; i < count; i += 1) {
    await audit.record({ action: 'trace', outcome: 'success', nhsNumber: '9658218873', odsCode: 'A20047' });
  }
  await audit.close();
}

describe('audit service', () => {
  it('rotates by size and carries the chain across files; query reads every file, newest first', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gpc-audit-svc-'));
    const audit = await openAuditService({ directory: dir, maxBytes: 4096, currentUser: () => user });
    for (let i = 0; i < 60; i += 1) {
      await audit.record({ action: 'view-section', outcome: i % 3 === 0 ? 'failure' : 'success', target: `S${i}` });
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.jsonl')).length).toBeGreaterThan(2);
    expect(await audit.verify()).toMatchObject({ records: 60, breaks: [] });
    const all = await audit.query();
    expect(all.total).toBe(60);
    expect(all.records.map((r) => r.seq)).toEqual(Array.from({ length: 60 }, (_, i) => 60 - i));
    expect((await audit.query({ outcome: 'failure', limit: 5 })).records).toHaveLength(5);
    expect((await audit.query({ outcome: 'failure' })).total).toBe(20);
    await audit.close();
  });

  it('a tampered trail: reported loudly on start, the break recorded in the trail, the file left as it was', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gpc-audit-svc-'));
    await seed(dir, 4);
    const file = path.join(dir, readdirSync(dir)[0] ?? '');
    const tampered = readFileSync(file, 'utf8').replace('"outcome":"success"', '"outcome":"failure"');
    writeFileSync(file, tampered);
    const logged: string[] = [];
    const audit = await openAuditService({ directory: dir, log: (l) => logged.push(l) });
    expect(audit.status().breaks.length).toBeGreaterThan(0);
    expect(logged.join('\n')).toMatch(/AUDIT CHAIN BROKEN/);
    const records = lines(dir);
    expect(
      records.some(
        (r) => r.action === 'audit-chain-break' && 'note' in r && /does not match its hash/.test(r.note ?? ''),
      ),
    ).toBe(true);
    expect(readFileSync(file, 'utf8').startsWith(tampered)).toBe(true);
    // Later verifications keep reporting it: recording the break does not heal the chain.
    expect((await audit.verify()).breaks.length).toBeGreaterThan(0);
    await audit.close();
  });

  it('through the app: the admin sees the break in audit.status and the diagnostics report says so', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gpc-audit-svc-'));
    await seed(dir, 3);
    const file = path.join(dir, readdirSync(dir)[0] ?? '');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"nhsNumber":"9658218873"', '"nhsNumber":"9434765919"'));
    const services = await buildServices({ mode: 'demo', audit: { directory: dir } }, APP);
    const dispatch = createDispatcher(services.handlers, { error: () => undefined });
    try {
      const status = await dispatch('audit.status', {}, { host: 'preview' });
      expect(status).toMatchObject({ ok: true, value: { mayView: true } });
      if (!status.ok) throw new Error('unreachable');
      expect((status.value as { chain: { breaks: string[] } }).chain.breaks[0]).toMatch(/does not match its hash/);
      const report = await dispatch('admin.diagnostics', {}, { host: 'preview' });
      expect(report.ok && (report.value as { text: string }).text).toMatch(/audit\s+CHAIN BROKEN/);
    } finally {
      await services.close();
    }
  });

  it('refuses the viewer to a user who is not a local admin, in main, and records the attempt', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gpc-audit-svc-'));
    const config: WorkstationConfig = {
      mode: 'demo',
      audit: { directory: dir, admins: { sdsUserIds: ['999999999999'] } },
    };
    const services = await buildServices(config, APP);
    const dispatch = createDispatcher(services.handlers, { error: () => undefined });
    try {
      expect(await dispatch('app.info', {}, { host: 'preview' })).toMatchObject({
        ok: true,
        value: { auditAdmin: false },
      });
      expect(await dispatch('audit.status', {}, { host: 'preview' })).toEqual({ ok: true, value: { mayView: false } });
      for (const channel of ['audit.search', 'audit.export', 'audit.verify'] as const) {
        expect(await dispatch(channel, {}, { host: 'preview' })).toMatchObject({
          ok: false,
          error: { code: 'NOT_AUTHORISED', message: expect.stringContaining('local administrators') },
        });
      }
      const refused = lines(dir).filter((r) => r.errorCode === 'NOT_AUTHORISED');
      expect(refused.map((r) => r.action)).toEqual(['audit-view', 'audit-export', 'audit-view']);
      expect(refused[0]?.user?.sdsUserId).toBe('555021935107');
    } finally {
      await services.close();
    }
  });

  it('an admin by role profile may view', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gpc-audit-svc-'));
    const config: WorkstationConfig = {
      mode: 'demo',
      audit: { directory: dir, admins: { roleProfileIds: ['555021936108'] } },
    };
    const services = await buildServices(config, APP);
    const dispatch = createDispatcher(services.handlers, { error: () => undefined });
    try {
      expect(await dispatch('audit.search', {}, { host: 'preview' })).toMatchObject({ ok: true });
    } finally {
      await services.close();
    }
  });

  it('in the desktop app the CSV goes to the host’s save dialog, never back to the renderer; a cancel saves nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gpc-audit-svc-'));
    await seed(dir, 3);
    const config: WorkstationConfig = {
      mode: 'demo',
      audit: { directory: dir, admins: { roleProfileIds: ['555021936108'] } },
    };
    // Electron's dialog cannot run here: this stands in for it, answering as the user would.
    const offered: { content: string; fileName: string; extensions: readonly string[] }[] = [];
    let answer = true;
    const services = await buildServices(config, APP, {
      saveFile: (content, fileName, filter) => {
        offered.push({ content: String(content), fileName, extensions: filter.extensions });
        return Promise.resolve({ saved: answer });
      },
    });
    const dispatch = createDispatcher(services.handlers, { error: () => undefined });
    try {
      const saved = await dispatch('audit.export', {}, { host: 'preview' });
      expect(saved).toMatchObject({ ok: true, value: { csv: '', savedByHost: true } });
      expect(offered).toHaveLength(1);
      expect(offered[0]?.fileName).toMatch(/^gpc-audit-\d{8}-\d{4}\.csv$/);
      expect(offered[0]?.extensions).toEqual(['csv']);
      expect(offered[0]?.content.split('\r\n')[0]).toContain('"Ssp-TraceID"');
      answer = false;
      expect(await dispatch('audit.export', {}, { host: 'preview' })).toMatchObject({
        ok: true,
        value: { csv: '', savedByHost: false },
      });
    } finally {
      await services.close();
    }
  });
});
