import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import type { Browser, BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStartupConfig } from '../../main/config/startup-config';
import type { PdfExporter } from '../../main/gpconnect/print-document';
import { PRINT_PARTITION } from '../../main/gpconnect/print-document';
import type { Dispatch } from '../../main/ipc/dispatcher';
import { createDispatcher } from '../../main/ipc/dispatcher';
import type { AppLog } from '../../main/logging/app-log';
import { createAppLog, logFileIn } from '../../main/logging/app-log';
import type { Services } from '../../main/services';
import { buildServices } from '../../main/services';
import type { StructuredRecordView } from '../../shared/ipc/features/record-structured.contract';
import type { HtmlRecordSection } from '../../shared/gpconnect/html-record-view';
import type { Result } from '../../shared/ipc/errors';
import type { PatientTrace } from '../../shared/ipc/contract';
import type {
  BookingOutcome,
  SlotSearchProgress,
  SlotSearchStarted,
} from '../../shared/ipc/features/appointments.contract';
import type {
  ExplorerExchangeDetail,
  ExplorerExport,
  ExplorerSession,
} from '../../shared/ipc/features/explorer.contract';
import type { RecordPrintout } from '../../shared/ipc/features/record-print.contract';
import type { SessionState } from '../../shared/ipc/features/session.contract';
import { addDays, ukDate } from '../../shared/appointments/uk-time';
import type { Needle, ScanReport } from '../fixtures/at-rest-scan';
import { findIn, nhsNumberForms, scanForNeedles, uniqueNeedles } from '../fixtures/at-rest-scan';
import { pdfPageTexts } from '../e2e/pdf-text';

/**
 * No patient data at rest (issue 12 item 4; ARCHITECTURE "Data handling"). A clinician's whole session runs through
 * the handler table the Electron main process registers, built as `main/electron/index.ts` builds it (start-up
 * config from the environment, no audit folder given, the app log in the logs folder with the same IPC error hook),
 * in demo mode against the built-in demonstrator: sign in, trace, HTML sections, structured record, slot search and
 * booking, printout and PDF (rendered by Chromium in memory, as Electron's `printToPDF`), explorer export, lock,
 * sign out, close. Every place the process could write (home, XDG config/cache/data/state, the app's data and logs
 * folders, TMPDIR) is a fresh folder of this test; afterwards every byte there is searched for what the session
 * learnt about the patient. Only the audit trail may hold anything, and only metadata: the NHS number, never a name,
 * an address or record text.
 */
const NHS = '9434765919';
const PRACTICE = 'A20047';
const DESCRIPTION = 'Review of wheeze after inhaler change';
const COMMENT = 'Prefers morning, hearing aid user';
const HTML_SECTIONS = ['SUM', 'PRB', 'MED', 'ALL', 'ENC', 'CLI'] as const;
/** The keys an audit record may have (shared/audit/audit-record.ts): metadata only. */
const AUDIT_KEYS = new Set([
  'seq',
  'at',
  'user',
  'prevHash',
  'hash',
  'action',
  'outcome',
  'nhsNumber',
  'errorCode',
  'odsCode',
  'traceId',
  'target',
  'note',
  'interactionId',
  'from',
  'to',
  'httpStatus',
  'jwt',
]);

const ENV_KEYS = ['TMPDIR', 'HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME'] as const;
const savedEnv = new Map(ENV_KEYS.map((k) => [k, process.env[k]]));

/** Fresh folders for everything the app could write, all under one root that the scan covers. */
const root = mkdtempSync(path.join(tmpdir(), 'gpc-at-rest-'));
const dirs = {
  tmp: path.join(root, 'tmp'),
  home: path.join(root, 'home'),
  config: path.join(root, 'config'),
  cache: path.join(root, 'cache'),
  data: path.join(root, 'data'),
  state: path.join(root, 'state'),
  /** Electron's `app.getPath('userData')` (and under it `logs`, as on Linux). */
  userData: path.join(root, 'userData'),
};
const logsDir = path.join(dirs.userData, 'logs');

/** What the session received, gathered as it goes: the needles of the scan. */
const received: {
  trace?: PatientTrace;
  sections: HtmlRecordSection[];
  structured?: StructuredRecordView;
  booking?: BookingOutcome;
  printout?: RecordPrintout;
  pdfDocument?: string;
  pdfText?: string;
  exportText?: string;
  telecoms: string[];
} = { sections: [], telecoms: [] };

let services: Services | undefined;
let dispatch: Dispatch;
let log: AppLog;
let scan: ScanReport;
let needles: Needle[] = [];

const CHROMIUM = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
};
/** The session's Chromium: its profile (in our TMPDIR) stays on disk until after the scan, like Electron's userData. */
let browser: Browser | undefined;

/** Renders a document to PDF in memory: JavaScript off, nothing fetched but the document itself. */
async function renderPdf(context: BrowserContext, document: string): Promise<Buffer> {
  const page = await context.newPage();
  const url = `data:text/html;charset=utf-8;base64,${Buffer.from(document, 'utf8').toString('base64')}`;
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url);
  return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
}

/**
 * PDF export as Electron does it (`main/electron/pdf-export.ts`): Chromium renders the document to a buffer in an
 * off-the-record context, as the in-memory `PRINT_PARTITION`. The save dialog, which writes only where the clinician
 * chooses, is the part that cannot run here.
 */
function chromiumPdfExporter(stylesheet: string): PdfExporter {
  return {
    stylesheet: () => Promise.resolve(stylesheet),
    save: async (document) => {
      browser ??= await chromium.launch(CHROMIUM);
      const context = await browser.newContext({ javaScriptEnabled: false });
      try {
        received.pdfDocument = document;
        received.pdfText = (await pdfPageTexts(new Uint8Array(await renderPdf(context, document)))).join('\n');
      } finally {
        await context.close();
      }
      return { saved: true };
    },
  };
}

const call = async <T>(channel: string, input: unknown = {}): Promise<Result<T>> =>
  (await dispatch(channel, input, { host: 'electron' })) as Result<T>;
const ok = async <T>(channel: string, input: unknown = {}): Promise<T> => {
  const r = await call<T>(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
};

/** Text cells of sanitised section HTML: what the clinician read (dates and short codes left out). */
function sectionTexts(html: string): string[] {
  const doc = new JSDOM(`<body>${html}</body>`).window.document;
  return [...doc.querySelectorAll('td, p, li')]
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((t) => t.length >= 12 && /[a-z]{4}/i.test(t) && !/^\d{1,2}[- ][A-Za-z]{3}[- ]\d{4}$/.test(t));
}

/** Display text of the record's items, area by area (problems, medications, allergies, consultations...). */
function structuredTexts(view: StructuredRecordView): string[] {
  const out: string[] = [];
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (['text', 'title', 'display', 'dosage', 'patientInstruction', 'description', 'notes'].includes(key)) {
        out.push(value);
      }
      return;
    }
    if (Array.isArray(value)) {
      for (const v of value) visit(v, key);
      return;
    }
    if (value && typeof value === 'object') {
      // Availability wording ("No known allergies recorded") is the app's, not the patient's.
      for (const [k, v] of Object.entries(value)) if (k !== 'availability' && k !== 'endedAvailability') visit(v, k);
    }
  };
  visit(view.areas, 'areas');
  return out.filter((t) => t.length >= 8 && /[a-z]{4}/i.test(t) && !/^\d/.test(t));
}

/** Patient telecoms in the response bodies the session received (PDS and the practice's Patient resources). */
function patientTelecoms(body: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (o['resourceType'] === 'Patient' && Array.isArray(o['telecom'])) {
        for (const t of o['telecom'] as { value?: unknown }[]) if (typeof t.value === 'string') found.push(t.value);
      }
      Object.values(o).forEach(walk);
    }
  };
  try {
    walk(JSON.parse(body));
  } catch {
    // XML or truncated bodies: the view models cover them.
  }
  return found;
}

/** Everything that identifies the patient or is their record, from the answers the session actually got. */
function patientNeedles(): { identity: Needle[]; nhs: Needle[]; record: Needle[] } {
  const p = received.trace?.patient;
  if (!p) throw new Error('the session traced nobody');
  const [y, m, d] = p.birthDate.split('-');
  const month = new Date(`${p.birthDate}T12:00:00Z`).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  const identity: Needle[] = [
    { label: 'family name', text: p.name.family },
    ...p.name.given.map((g) => ({ label: 'given name', text: g })),
    { label: 'date of birth', text: p.birthDate },
    { label: 'date of birth', text: `${d}-${month}-${y}` },
    { label: 'date of birth', text: `${d}/${m}/${y}` },
    ...(p.address?.lines ?? []).map((l) => ({ label: 'address line', text: l })),
    ...(p.address?.postcode
      ? [
          { label: 'postcode', text: p.address.postcode },
          { label: 'postcode', text: p.address.postcode.replace(/\s/g, '') },
        ]
      : []),
    ...received.telecoms.map((t) => ({ label: 'telephone', text: t })),
  ];
  const record: Needle[] = [
    ...received.sections.flatMap((s) =>
      sectionTexts(s.html).map((text) => ({ label: `${s.section.code} text`, text })),
    ),
    ...(received.structured ? structuredTexts(received.structured) : []).map((text) => ({
      label: 'record text',
      text,
    })),
    { label: 'booking description', text: DESCRIPTION },
    { label: 'booking comment', text: COMMENT },
  ];
  return {
    identity: uniqueNeedles(identity),
    nhs: nhsNumberForms(NHS).map((text) => ({ label: 'NHS number', text })),
    record: uniqueNeedles(record),
  };
}

beforeAll(async () => {
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  // Before anything runs: os.tmpdir() and os.homedir() read these on every call, and child processes inherit them.
  process.env['TMPDIR'] = dirs.tmp;
  process.env['HOME'] = dirs.home;
  process.env['XDG_CONFIG_HOME'] = dirs.config;
  process.env['XDG_CACHE_HOME'] = dirs.cache;
  process.env['XDG_DATA_HOME'] = dirs.data;
  process.env['XDG_STATE_HOME'] = dirs.state;

  // As main/electron/index.ts: start-up configuration, services, the app log, the dispatcher's error hook.
  const { config, settings } = loadStartupConfig(
    { ...process.env, GPC_MODE: 'demo', GPC_POLICY_FILE: path.join(root, 'no-policy.json') },
    { flavour: 'clinical', policyOverride: true },
  );
  expect(config.mode).toBe('demo');
  const stylesheet = await readFile(path.join(import.meta.dirname, '../../renderer/public/record-print.css'), 'utf8');
  services = await buildServices(
    config,
    { name: 'GP Connect Workstation', version: 'at-rest' },
    { settings, pdf: chromiumPdfExporter(stylesheet) },
  );
  log = createAppLog({ file: logFileIn(logsDir) }, 'electron');
  log.info('started', { version: 'at-rest' });
  const handlers = {
    ...services.handlers,
    // One handler with a bug, as careless code would have: it throws with the patient in its message. The real
    // hook must log that it failed (so the log is not empty) without what it said.
    'patient.lookup': () => Promise.reject(new Error(`cannot trace ${NHS} (Amelia Hartley, HG1 4RT)`)),
  };
  dispatch = createDispatcher(handlers, { error: (message, fields) => log.error(`ipc: ${message}`, fields) });

  // The scripted session.
  const signedOut = await ok<SessionState>('session.status');
  expect(signedOut.phase).toBe('signed-out');
  expect((await ok<SessionState>('session.signInDemo', { clinicianId: 'gp' })).phase).toBe('active');

  received.trace = await ok<PatientTrace>('patient.trace', { nhsNumber: '943 476 5919' });
  for (const section of HTML_SECTIONS) {
    received.sections.push(await ok<HtmlRecordSection>('record.html', { nhsNumber: NHS, section }));
  }
  received.structured = await ok<StructuredRecordView>('record.structured', { nhsNumber: NHS });

  const from = addDays(ukDate(new Date()), 2);
  const started = await ok<SlotSearchStarted>('slots.searchStart', {
    nhsNumber: NHS,
    practices: [PRACTICE],
    from,
    to: addDays(from, 7),
  });
  let progress: SlotSearchProgress | undefined;
  for (let i = 0; i < 200 && !progress?.done; i += 1) {
    if (i > 0) await new Promise((r) => setTimeout(r, 50));
    progress = await ok<SlotSearchProgress>('slots.searchPoll', { searchId: started.searchId });
  }
  const slot = progress?.practices[0]?.slots?.find((s) => s.bookable);
  if (!slot) throw new Error('the demonstrator offered no bookable slot');
  received.booking = await ok<BookingOutcome>('appointment.book', {
    nhsNumber: NHS,
    odsCode: PRACTICE,
    slotIds: [slot.id],
    description: DESCRIPTION,
    comment: COMMENT,
    attemptId: crypto.randomUUID(),
  });

  const traceIds = received.sections.map((s) => s.traceId);
  received.printout = await ok<RecordPrintout>('record.print', { nhsNumber: NHS, scope: 'record', traceIds });
  expect(await ok('record.pdf', { nhsNumber: NHS, scope: 'record', traceIds })).toEqual({ saved: true });

  // The explorer (on in demo mode) holds the session's raw answers in memory; its export is handed back, not saved.
  const explorer = await ok<ExplorerSession>('explorer.session');
  for (const x of explorer.exchanges) {
    const detail = await ok<ExplorerExchangeDetail>('explorer.exchange', { id: x.id });
    received.telecoms.push(...patientTelecoms(detail.responseBody ?? ''));
  }
  received.exportText = (await ok<ExplorerExport>('explorer.export', { format: 'postman' })).text;

  const crashed = await call('patient.lookup', { nhsNumber: NHS });
  expect(crashed.ok ? 'ok' : crashed.error.code).toBe('INTERNAL_ERROR');

  expect((await ok<SessionState>('session.lock')).phase).toBe('locked');
  const locked = await call('record.structured', { nhsNumber: NHS });
  expect(locked.ok ? 'ok' : locked.error.code).toBe('SESSION_LOCKED');
  expect((await ok<SessionState>('session.signOut')).phase).toBe('signed-out');
  await services.close();
  services = undefined;
  log.flush();

  const { identity, nhs, record } = patientNeedles();
  needles = [...nhs, ...identity, ...record];
  scan = await scanForNeedles([root], needles);
}, 90_000);

afterAll(async () => {
  await services?.close();
  await browser?.close();
  for (const [k, v] of savedEnv) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await rm(root, { recursive: true, force: true });
});

const auditDirOf = (files: readonly string[]) =>
  files.filter((f) => /[/\\]gpc-demo-audit-[^/\\]+[/\\]audit-\d{6}\.jsonl$/.test(f));

describe('the scanner', () => {
  it('finds a planted name however it is stored, and nothing where there is nothing', async () => {
    const name: Needle = { label: 'family name', text: 'Hartley' };
    const planted = mkdtempSync(path.join(root, 'self-check-'));
    try {
      writeFileSync(path.join(planted, 'plain.json'), '{"family":"HARTLEY"}');
      writeFileSync(
        path.join(planted, 'wide.bin'),
        Buffer.concat([Buffer.from([0]), Buffer.from('x Hartley', 'utf16le')]),
      );
      writeFileSync(
        path.join(planted, 'url.txt'),
        `data:text/html;base64,${Buffer.from('<b>Mrs Hartley</b>').toString('base64')}`,
      );
      mkdirSync(path.join(planted, 'deep', 'er'), { recursive: true });
      writeFileSync(path.join(planted, 'deep', 'er', 'clean.log'), 'nothing to see');
      const report = await scanForNeedles([planted], [name]);
      expect(report.files).toHaveLength(4);
      expect(report.hits.map((h) => [path.basename(h.file), h.view]).sort()).toEqual([
        ['plain.json', 'text'],
        ['url.txt', 'base64'],
        ['wide.bin', 'utf16le'],
      ]);
    } finally {
      await rm(planted, { recursive: true, force: true });
    }
  });

  it('reads the text of a PDF, whose bytes alone would hide it', async () => {
    const text = received.pdfText ?? '';
    // The PDF the session made held the patient (in memory): the scanner must be able to see inside one.
    expect(text).toContain('943 476 5919');
    if (!browser) throw new Error('the session made no PDF');
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      // A title of its own: Chromium names an untitled PDF after its URL, which would hold the name in base64.
      const pdf = await renderPdf(context, '<title>Printout</title><p>Patient: Hartley</p>');
      expect(pdf.toString('latin1').toLowerCase()).not.toContain('hartley');
      expect(await findIn(pdf, [{ label: 'family name', text: 'Hartley' }])).toEqual([
        { needle: { label: 'family name', text: 'Hartley' }, view: 'pdf-text' },
      ]);
    } finally {
      await context.close();
    }
  });

  it('finds what a persistent Chromium profile keeps of a printout: why the print partition is in memory', async () => {
    // Electron's print window renders in PRINT_PARTITION; a `persist:` partition would be a profile like this one.
    expect(PRINT_PARTITION).not.toMatch(/^persist:/);
    const profile = mkdtempSync(path.join(root, 'persistent-profile-'));
    try {
      const context = await chromium.launchPersistentContext(profile, { ...CHROMIUM, javaScriptEnabled: false });
      try {
        await renderPdf(context, received.pdfDocument ?? '');
      } finally {
        await context.close();
      }
      const report = await scanForNeedles([profile], needles);
      const labels = new Set(report.hits.map((h) => h.needle.label));
      expect(labels).toContain('family name');
      expect(labels).toContain('NHS number');
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
});

describe('after a whole session, at rest', () => {
  it('the session really held the patient: every needle came from an answer it received', () => {
    const family = received.trace?.patient.name.family ?? '';
    expect(family).toBe('Hartley');
    expect(received.sections.some((s) => s.html.length > 200)).toBe(true);
    expect(received.printout?.document.toLowerCase()).toContain(family.toLowerCase());
    expect(received.pdfText?.toLowerCase()).toContain(family.toLowerCase());
    expect(received.booking?.appointment.description).toBe(DESCRIPTION);
    expect(received.exportText?.length ?? 0).toBeGreaterThan(1000);
    const labels = new Set(needles.map((n) => n.label));
    for (const label of ['NHS number', 'family name', 'given name', 'date of birth', 'address line', 'postcode']) {
      expect(labels, label).toContain(label);
    }
    expect(labels).toContain('record text');
    expect(needles.filter((n) => n.label.endsWith(' text')).length).toBeGreaterThan(20);
    const byFolder = new Map<string, number>();
    for (const f of scan.files) {
      const top = path.relative(root, f).split(path.sep).slice(0, 2).join('/');
      byFolder.set(top, (byFolder.get(top) ?? 0) + 1);
    }
    process.stdout.write(
      `at-rest: ${scan.files.length} files, ${scan.bytes} bytes, ${needles.length} needles (${[
        ...new Set(needles.map((n) => n.label)),
      ]
        .map((l) => `${needles.filter((n) => n.label === l).length} ${l}`)
        .join(', ')}); ${[...byFolder].map(([dir, n]) => `${dir} ${n}`).join(', ')}\n`,
    );
  });

  it('the app did write where it should: the audit trail in TMPDIR, the log in the logs folder', () => {
    expect(auditDirOf(scan.files).length).toBeGreaterThan(0);
    expect(scan.files).toContain(logFileIn(logsDir));
    // Nothing of ours was written to the real temporary folder instead: our TMPDIR was the one used.
    expect(readdirSync(dirs.tmp).some((f) => f.startsWith('gpc-demo-audit-'))).toBe(true);
  });

  it('no file but the audit trail holds anything of the patient, in any encoding', () => {
    const audit = new Set(auditDirOf(scan.files));
    const leaks = scan.hits
      .filter((h) => !audit.has(h.file))
      .map((h) => `${path.relative(root, h.file)}: ${h.needle.label} "${h.needle.text}" (${h.view})`);
    expect(leaks).toEqual([]);
  });

  it('the audit trail holds metadata only: the NHS number, never a name, an address or record text', async () => {
    const files = auditDirOf(scan.files);
    const records = (await Promise.all(files.map((f) => readFile(f, 'utf8'))))
      .flatMap((t) => t.split('\n'))
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // The session was audited: trace, sections, record, booking, printouts, with the patient's NHS number.
    const actions = new Set(records.filter((r) => r['nhsNumber'] === NHS).map((r) => r['action']));
    for (const a of ['trace', 'view-section', 'structured-record', 'book', 'print', 'interaction']) {
      expect(actions, a).toContain(a);
    }
    for (const r of records) expect(Object.keys(r).filter((k) => !AUDIT_KEYS.has(k))).toEqual([]);
    const audit = new Set(files);
    const inAudit = scan.hits
      .filter((h) => audit.has(h.file) && h.needle.label !== 'NHS number')
      .map((h) => `${path.basename(h.file)}: ${h.needle.label} "${h.needle.text}"`);
    expect(inAudit).toEqual([]);
  });

  it('the application log says what failed, and holds no patient data or secret', async () => {
    const text = await readFile(logFileIn(logsDir), 'utf8');
    expect(text).toContain('"msg":"started"');
    expect(text).toContain('ipc: handler failed');
    expect(text).toContain('patient.lookup');
    const hits = (await findIn(Buffer.from(text), needles)).map((h) => `${h.needle.label} "${h.needle.text}"`);
    expect(hits).toEqual([]);
    for (const secret of [
      /eyJ[\w-]{8,}\.[\w-]{8,}/,
      /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
      /Bearer\s+(?!\[redacted\])\S/i,
    ]) {
      expect(text).not.toMatch(secret);
    }
  });
});
