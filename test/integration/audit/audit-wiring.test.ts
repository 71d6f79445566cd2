import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkstationConfig } from '../../../main/config/load-config';
import { writeDemonstratorFiles } from '../../../main/demonstrator/config-files';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import type { Dispatch } from '../../../main/ipc/dispatcher';
import { createDispatcher } from '../../../main/ipc/dispatcher';
import type { Services } from '../../../main/services';
import { buildServices } from '../../../main/services';
import type { AuditRecord } from '../../../shared/audit/audit-record';
import { INTERACTIONS } from '../../../shared/gpconnect/interactions';
import type { Result } from '../../../shared/ipc/errors';

/**
 * The audit trail as the app wires it (buildServices), against the demonstrator over mutual TLS: what an interaction
 * and an action record hold, that the answer comes back only once its records are on disk, and that no clinical
 * content reaches the files.
 */
const APP = { name: 'GP Connect Workstation', version: '0.1.0' };
const DISSENT = '9450056234';
const RICH = '9658218873';

let demo: Demonstrator;
let services: Services;
let dispatch: Dispatch;
let auditDir: string;

function auditText(dir = auditDir): string {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('');
}
function auditRecords(dir = auditDir): AuditRecord[] {
  return auditText(dir)
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as AuditRecord);
}
function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  return [...items].reverse().find(test);
}
async function ok<T>(r: Promise<Result<unknown>>): Promise<T> {
  const result = await r;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

beforeAll(async () => {
  demo = await startDemonstrator({ port: 0 });
  const files = await writeDemonstratorFiles(demo, mkdtempSync(path.join(tmpdir(), 'gpc-audit-wiring-')));
  auditDir = path.join(path.dirname(files.config), 'audit');
  // The demonstrator's user is this workstation's local admin.
  const admins = path.join(path.dirname(files.config), 'admins.json');
  writeFileSync(admins, JSON.stringify({ audit: { admins: { sdsUserIds: ['555021935107'] } } }));
  const config = loadWorkstationConfig({ userFile: files.config, file: admins });
  services = await buildServices(config, APP, { actAsConfiguredUser: true });
  dispatch = createDispatcher(services.handlers, { error: () => undefined });
});
afterAll(async () => {
  await services?.close();
  await demo?.close();
});

describe('a failed interaction (the dissent patient)', () => {
  it('is one interaction record with the Spine headers, target, status, error code and the JWT who/what/when', async () => {
    await ok(dispatch('patient.trace', { nhsNumber: DISSENT }, { host: 'cli' }));
    const result = await dispatch('record.structured', { nhsNumber: DISSENT }, { host: 'cli' });
    expect(result).toMatchObject({ ok: false, error: { code: 'SPINE_ERROR', spine: { code: 'NO_PATIENT_CONSENT' } } });
    // Read straight after the answer: the records were fsync'd before it came back.
    const records = auditRecords();
    const interaction = findLast(
      records,
      (r) => r.action === 'interaction' && r.interactionId === INTERACTIONS.getStructuredRecord.id,
    );
    const seen = findLast(demo.requestLog.all(), (e) => e.interactionId === INTERACTIONS.getStructuredRecord.id);
    expect(seen).toBeDefined();
    expect(interaction).toMatchObject({
      action: 'interaction',
      outcome: 'failure',
      interactionId: INTERACTIONS.getStructuredRecord.id,
      traceId: seen?.headers['ssp-traceid'],
      from: seen?.headers['ssp-from'],
      to: seen?.headers['ssp-to'],
      odsCode: 'A20047',
      httpStatus: 403,
      errorCode: 'NO_PATIENT_CONSENT',
      nhsNumber: DISSENT,
      user: {
        sdsUserId: '555021935107',
        name: 'JONES, Claire (Dr)',
        roleProfileId: '555021936108',
        organisation: expect.stringMatching(/^[A-Z0-9]{3,10}$/),
      },
      jwt: {
        practitionerSdsUserId: '555021935107',
        practitionerRoleProfileId: '555021936108',
        reasonForRequest: 'directcare',
        requestedScope: 'patient/*.read',
      },
    });
    if (interaction?.action !== 'interaction') throw new Error('no interaction record');
    expect(interaction.from).toMatch(/^\d{12}$/);
    expect(interaction.to).toMatch(/^\d{12}$/);
    const jwt = interaction.jwt;
    expect(jwt?.organisationOdsCode).toBe(interaction.user?.organisation);
    expect(Date.parse(jwt?.expiresAt ?? '') - Date.parse(jwt?.issuedAt ?? '')).toBe(300_000);
    // The user action behind it follows it in the chain, with the app's code and the same trace id.
    const action = records.at(-1);
    expect(action).toMatchObject({
      action: 'structured-record',
      outcome: 'failure',
      nhsNumber: DISSENT,
      errorCode: 'SPINE_ERROR NO_PATIENT_CONSENT',
      traceId: interaction.traceId,
    });
    expect(action?.seq).toBe(interaction.seq + 1);
  });

  it('the HTML record (0.7.x JWT) is audited with the patient its requested_record names', async () => {
    await ok(dispatch('patient.trace', { nhsNumber: DISSENT }, { host: 'cli' }));
    await dispatch('record.html', { nhsNumber: DISSENT, section: 'SUM' }, { host: 'cli' });
    const records = auditRecords();
    const interaction = findLast(
      records,
      (r) => r.action === 'interaction' && r.interactionId === INTERACTIONS.getCareRecord.id,
    );
    expect(interaction).toMatchObject({
      outcome: 'failure',
      httpStatus: 403,
      errorCode: 'NO_PATIENT_CONSENT',
      nhsNumber: DISSENT,
      jwt: { practitionerSdsUserId: '555021935107', reasonForRequest: 'directcare', requestedScope: 'patient/*.read' },
    });
    expect(records.at(-1)).toMatchObject({
      action: 'view-section',
      target: 'SUM',
      errorCode: 'SPINE_ERROR NO_PATIENT_CONSENT',
    });
  });
});

describe('user actions', () => {
  it('a trace is recorded with who, which patient and the registered practice', async () => {
    await ok(dispatch('patient.trace', { nhsNumber: RICH }, { host: 'cli' }));
    expect(auditRecords().at(-1)).toMatchObject({
      action: 'trace',
      outcome: 'success',
      nhsNumber: RICH,
      odsCode: 'A20047',
      user: { sdsUserId: '555021935107' },
    });
  });

  it('a slot search across practices is one search-slots record naming the window and the practices', async () => {
    await ok(dispatch('patient.trace', { nhsNumber: RICH }, { host: 'cli' }));
    await ok(
      dispatch(
        'slots.searchStart',
        { nhsNumber: RICH, practices: ['A20047', 'B82617'], from: '2026-12-01', to: '2026-12-07' },
        { host: 'cli' },
      ),
    );
    // The practices answer in the background: their interaction records may follow the search's.
    expect(findLast(auditRecords(), (r) => r.action === 'search-slots')).toMatchObject({
      action: 'search-slots',
      outcome: 'success',
      nhsNumber: RICH,
      target: '2026-12-01..2026-12-07 at A20047 B82617',
    });
  });

  it('a refused request (bad NHS number) never reaches a handler and is not a patient-data action', async () => {
    const before = auditRecords().length;
    const r = await dispatch('patient.trace', { nhsNumber: '9434765918' }, { host: 'cli' });
    expect(r.ok).toBe(false);
    expect(auditRecords().length).toBe(before);
  });
});

/** Every string value in a JSON tree. */
function strings(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => strings(n, out));
  else if (node && typeof node === 'object') Object.values(node).forEach((n) => strings(n, out));
  return out;
}

describe('no clinical content in the audit files', () => {
  it('after a full structured record and HTML sections, no record text, name or address is in the trail', async () => {
    const trace = await ok<{ patient: unknown }>(dispatch('patient.trace', { nhsNumber: RICH }, { host: 'cli' }));
    // The structured record's view model: every clinical area as text the screen shows.
    const structured = await ok<unknown>(dispatch('record.structured', { nhsNumber: RICH }, { host: 'cli' }));
    const html = await ok<{ html: string }>(
      dispatch('record.html', { nhsNumber: RICH, section: 'SUM' }, { host: 'cli' }),
    );
    const text = auditText();
    // Clinical terms, dates, names and addresses from the answers: long enough to be specific, not an id or code.
    const fromRecord = strings(structured).filter((s) => /[a-z]{4,}.*\s.*[a-z]{3,}/i.test(s) && s.length >= 8);
    const fromHtml = html.html
      .replace(/<[^>]+>/g, '\n')
      .split('\n')
      .map((s) => s.trim())
      .filter((s) => /[a-z]{4,}\s+[a-z]{3,}/i.test(s));
    const fromPatient = strings(trace.patient).filter((s) => /[a-z]{3,}/i.test(s) && s.length >= 5);
    expect(fromRecord.length).toBeGreaterThan(50);
    expect(fromHtml.length).toBeGreaterThan(5);
    const leaked = [...fromRecord, ...fromHtml, ...fromPatient].filter(
      (s) => text.includes(s) || text.includes(JSON.stringify(s).slice(1, -1)),
    );
    // Our own organisation name and the practice ODS code are not clinical; nothing else may appear.
    expect(leaked.filter((s) => !/Riverside Medical Practice|A20047|GP Connect/.test(s))).toEqual([]);
    expect(text).toContain(RICH);
  });
});

describe('the viewer channels', () => {
  it('filter by patient, user, outcome and date range; newest first', async () => {
    const byPatient = await ok<{ records: AuditRecord[]; total: number }>(
      dispatch('audit.search', { nhsNumber: DISSENT }, { host: 'cli' }),
    );
    expect(byPatient.total).toBeGreaterThan(0);
    expect(byPatient.records.every((r) => r.nhsNumber === DISSENT)).toBe(true);
    expect(byPatient.records[0]?.seq).toBeGreaterThan(byPatient.records.at(-1)?.seq ?? Infinity);
    const failures = await ok<{ records: AuditRecord[] }>(
      dispatch('audit.search', { nhsNumber: DISSENT, outcome: 'failure' }, { host: 'cli' }),
    );
    expect(failures.records.length).toBeGreaterThan(0);
    expect(failures.records.every((r) => r.outcome === 'failure')).toBe(true);
    const byName = await ok<{ total: number }>(dispatch('audit.search', { user: 'jones' }, { host: 'cli' }));
    const byId = await ok<{ total: number }>(dispatch('audit.search', { user: '555021935107' }, { host: 'cli' }));
    const all = await ok<{ total: number }>(dispatch('audit.search', {}, { host: 'cli' }));
    expect(byName.total).toBe(all.total);
    expect(byId.total).toBe(all.total);
    expect(await ok<{ total: number }>(dispatch('audit.search', { user: 'nobody' }, { host: 'cli' }))).toMatchObject({
      total: 0,
    });
    const today = new Date().toISOString().slice(0, 10);
    expect(await ok(dispatch('audit.search', { from: today, to: today }, { host: 'cli' }))).toMatchObject({
      total: all.total,
    });
    expect(await ok(dispatch('audit.search', { to: '2020-01-01' }, { host: 'cli' }))).toMatchObject({ total: 0 });
    const bad = await dispatch('audit.search', { from: '2026-02-01', to: '2026-01-01' }, { host: 'cli' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('exports CSV (one row per record, quoted) and records the export itself', async () => {
    const before = auditRecords().length;
    const out = await ok<{ csv: string; rows: number; filename: string }>(
      dispatch('audit.export', { nhsNumber: DISSENT }, { host: 'cli' }),
    );
    expect(out.filename).toMatch(/^gpc-audit-\d{8}-\d{4}\.csv$/);
    const lines = out.csv.trimEnd().split('\r\n');
    expect(lines.length).toBe(out.rows + 1);
    expect(lines[0]).toContain('"Ssp-TraceID"');
    expect(lines.slice(1).every((l) => l.includes(`"${DISSENT}"`))).toBe(true);
    expect(auditRecords().length).toBe(before + 1);
    expect(auditRecords().at(-1)).toMatchObject({ action: 'audit-export', outcome: 'success', nhsNumber: DISSENT });
  });

  it('status: the chain verified at start, for an admin', async () => {
    expect(await ok(dispatch('audit.status', {}, { host: 'cli' }))).toMatchObject({
      mayView: true,
      chain: { breaks: [], tornBytes: 0 },
    });
    expect(await ok(dispatch('audit.verify', {}, { host: 'cli' }))).toMatchObject({ breaks: [] });
  });
});

describe('Settings → Diagnostics', () => {
  it('runs the doctor checks against the configuration and gives a report without secrets or patient data', async () => {
    const report = await ok<{ passed: boolean; text: string; checks: { check: string; verdict: string }[] }>(
      dispatch('admin.diagnostics', {}, { host: 'cli' }),
    );
    expect(report.checks.map((c) => c.check)).toEqual(
      expect.arrayContaining([
        'configuration',
        'certificate',
        'private key',
        'certificate chain',
        'SSP TLS',
        'clock skew',
      ]),
    );
    expect(report.passed).toBe(true);
    expect(report.text).toContain('doctor: all checks passed');
    expect(report.text).toMatch(/audit\s+chain verified/);
    expect(report.text).not.toContain(demo.sdsApiKey);
    expect(report.text).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
    expect(report.text).not.toMatch(/\b\d{10}\b/);
  });
});
