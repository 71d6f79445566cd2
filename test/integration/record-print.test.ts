import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkstationConfig } from '../../main/config/load-config';
import { writeDemonstratorFiles } from '../../main/demonstrator/config-files';
import type { Demonstrator } from '../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../main/demonstrator/demonstrator';
import type { Dispatch } from '../../main/ipc/dispatcher';
import { createDispatcher } from '../../main/ipc/dispatcher';
import { recordingAudit } from '../fixtures/recording-audit';
import { createHandlers } from '../../main/ipc/handlers';
import type { LiveServices } from '../../main/live-services';
import { createLiveServices } from '../../main/live-services';
import type { HtmlRecordSection } from '../../shared/gpconnect/html-record-view';
import type { Result } from '../../shared/ipc/errors';
import type { RecordPdfResult, RecordPrintout } from '../../shared/ipc/features/record-print.contract';

/**
 * `record.print` and `record.pdf` through the real handler table against the demonstrator: the printout is built
 * only from sections main sent for the traced patient, names the user, and every printout (or refusal) is audited.
 */
let demo: Demonstrator;
let live: LiveServices;
let dispatch: Dispatch;
let withPdf: Dispatch;
const audit = recordingAudit();
const events = audit.actions;
const saved: { document: string; fileName: string }[] = [];

beforeAll(async () => {
  demo = await startDemonstrator({ port: 0 });
  const files = await writeDemonstratorFiles(demo, mkdtempSync(path.join(tmpdir(), 'gpc-record-print-')));
  const config = loadWorkstationConfig({ file: files.config });
  if (config.mode !== 'live') throw new Error('the demonstrator config should be live mode');
  live = await createLiveServices(config, {
    product: { name: 'GP Connect Workstation', version: '0.1.0' },
    today: () => '2026-11-25',
  });
  const base = {
    appName: 'GP Connect Workstation',
    version: '0.1.0',
    mode: 'live' as const,
    live,
    now: () => new Date('2026-11-25T10:00:00Z'),
    audit,
  };
  dispatch = createDispatcher(createHandlers(base), { error: () => undefined });
  withPdf = createDispatcher(
    createHandlers({
      ...base,
      currentUser: () => ({
        sdsUserId: '999999999999',
        name: { family: 'Okafor', given: ['Ngozi'], prefix: 'Dr' },
        roleProfileId: '555555555555',
        roleName: 'Clinical Practitioner',
        organisation: { odsCode: 'Y90001', name: 'Urgent Treatment Centre' },
        source: 'demo',
      }),
      pdf: {
        stylesheet: () => Promise.resolve('.gpc-print__banner { border: 2px solid #005eb8; }'),
        save: (document, fileName) => {
          saved.push({ document, fileName });
          return Promise.resolve({ saved: true });
        },
      },
    }),
    { error: () => undefined },
  );
});
afterAll(async () => {
  await live?.close();
  await demo?.close();
});

async function sectionOf(d: Dispatch, nhsNumber: string, section: string): Promise<HtmlRecordSection> {
  expect((await d('patient.trace', { nhsNumber }, { host: 'cli' })).ok).toBe(true);
  const r = (await d('record.html', { nhsNumber, section }, { host: 'cli' })) as Result<HtmlRecordSection>;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('record.print', () => {
  it('composes the printout from the section main sent, under the traced banner, naming the configured user', async () => {
    const sum = await sectionOf(dispatch, '9434765919', 'SUM');
    events.length = 0;
    const r = (await dispatch(
      'record.print',
      { nhsNumber: '943 476 5919', scope: 'section', traceIds: [sum.traceId] },
      { host: 'cli' },
    )) as Result<RecordPrintout>;
    if (!r.ok) throw new Error(r.error.message);
    const doc = new JSDOM(r.value.document).window.document;
    expect(doc.querySelector('.gpc-print__banner')?.textContent).toContain('943 476 5919');
    // The configured identity of the demonstrator configuration, until someone signs in.
    expect(doc.querySelector('.gpc-print__user')?.textContent).toMatch(/^Printed by .+ \(SDS user ID \d+/);
    expect(doc.querySelector('.gpc-print__provider')?.innerHTML).toBe(sum.html);
    expect(doc.querySelectorAll('script').length).toBe(0);
    expect(events).toEqual([
      expect.objectContaining({
        action: 'print',
        nhsNumber: '9434765919',
        target: 'print SUM',
        odsCode: 'A20047',
        outcome: 'success',
        traceId: sum.traceId,
      }),
    ]);
  });

  it('refuses a section it never sent, or one of another patient, and audits the refusal', async () => {
    const other = await sectionOf(dispatch, '9658218873', 'SUM');
    events.length = 0;
    const foreign = await dispatch(
      'record.print',
      { nhsNumber: '9434765919', scope: 'section', traceIds: [other.traceId] },
      { host: 'cli' },
    );
    expect(foreign.ok).toBe(false);
    if (!foreign.ok) expect(foreign.error.code).toBe('SECTION_NOT_HELD');
    const unknown = await dispatch(
      'record.print',
      { nhsNumber: '9434765919', scope: 'section', traceIds: ['0b0b0b0b-0000-4000-8000-000000000000'] },
      { host: 'cli' },
    );
    expect(unknown.ok).toBe(false);
    expect(events.map((e) => [e.action, e.outcome, e.errorCode])).toEqual([
      ['print', 'failure', 'SECTION_NOT_HELD'],
      ['print', 'failure', 'SECTION_NOT_HELD'],
    ]);
  });

  it('needs a recent trace, like the record itself', async () => {
    const r = await dispatch(
      'record.print',
      { nhsNumber: '9658218865', scope: 'record', traceIds: ['0b0b0b0b-0000-4000-8000-000000000000'] },
      { host: 'cli' },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('TRACE_REQUIRED');
  });

  it('rejects input that is not a printout request', async () => {
    for (const input of [
      { nhsNumber: '9434765919', scope: 'section', traceIds: [] },
      { nhsNumber: '9434765919', scope: 'everything', traceIds: ['0b0b0b0b-0000-4000-8000-000000000000'] },
      { nhsNumber: '9434765919', scope: 'section', traceIds: ['<b>'] },
      { nhsNumber: '9434765919', scope: 'section', traceIds: ['0b0b0b0b-0000-4000-8000-000000000000'], html: '<x>' },
    ]) {
      const r = await dispatch('record.print', input, { host: 'cli' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
    }
  });
});

describe('record.pdf', () => {
  it('is not available where the host has no PDF export, and says what to do instead', async () => {
    const sum = await sectionOf(dispatch, '9434765919', 'SUM');
    const r = await dispatch(
      'record.pdf',
      { nhsNumber: '9434765919', scope: 'section', traceIds: [sum.traceId] },
      { host: 'cli' },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('NOT_AVAILABLE');
      expect(r.error.message).toContain('Save as PDF');
    }
  });

  it('hands the host a standalone document with the stylesheet inlined, named for the signed-in user', async () => {
    const sum = await sectionOf(withPdf, '9434765919', 'SUM');
    const med = await sectionOf(withPdf, '9434765919', 'MED');
    events.length = 0;
    const r = (await withPdf(
      'record.pdf',
      { nhsNumber: '9434765919', scope: 'record', traceIds: [med.traceId, sum.traceId] },
      { host: 'cli' },
    )) as Result<RecordPdfResult>;
    expect(r).toEqual({ ok: true, value: { saved: true } });
    const last = saved.at(-1);
    expect(last?.fileName).toBe('gp-record-9434765919-record.pdf');
    const doc = new JSDOM(last?.document ?? '').window.document;
    expect(doc.querySelector('style')?.textContent).toContain('.gpc-print__banner');
    expect(doc.querySelector('link')).toBeNull();
    expect(doc.querySelector('.gpc-print__user')?.textContent).toContain(
      'Printed by Dr Ngozi Okafor (SDS user ID 999999999999, Urgent Treatment Centre (Y90001))',
    );
    // Spec order whatever the order asked for.
    expect([...doc.querySelectorAll('.gpc-print__provider h1')].map((h) => h.textContent)).toEqual([
      'Summary',
      'Medications',
    ]);
    expect(events).toEqual([expect.objectContaining({ action: 'print', target: 'pdf SUM,MED', outcome: 'success' })]);
  });
});
