import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../../main/assure/scenarios';
import { writeDemonstratorFiles } from '../../../main/demonstrator/config-files';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';

/** `gpc assure` as IT runs it (the built command line; `npm test` builds first), and the evidence pack it writes. */
const GPC = 'out/main/gpc.js';
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

function gpc(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!existsSync(GPC)) throw new Error(`${GPC} is missing: run \`npm run build\` first`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [GPC, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)],
  );
}

describe('gpc assure against the built-in demonstrator', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'gpc-assure-pack-'));
  let run: Awaited<ReturnType<typeof gpc>>;
  let summary: { scenarios: Record<string, unknown>[] };

  beforeAll(async () => {
    run = await gpc(['assure', '--out', out]);
    const file = path.join(out, 'summary.json');
    // When the run wrote no pack, what it said is the only clue: show it rather than a bare ENOENT.
    if (!existsSync(file)) throw new Error(`no summary.json; exit ${run.code}\n${run.stdout}\n${run.stderr}`);
    summary = JSON.parse(readFileSync(file, 'utf8')) as typeof summary;
  }, 600_000);
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('every scenario passes and the exit code is 0', () => {
    const failed = summary.scenarios.filter((s) => s['pass'] !== true);
    expect(failed).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${SCENARIOS.length} of ${SCENARIOS.length} scenarios passed`);
  });

  it('summary.json holds scenarios: [{ id, area, pass, reason }], exactly, one per scenario in the data file', () => {
    expect(summary.scenarios.map((s) => s['id'])).toEqual(SCENARIOS.map((s) => s.id));
    for (const s of summary.scenarios) {
      expect(Object.keys(s).sort()).toEqual(['area', 'id', 'pass', 'reason']);
      expect(typeof s['reason']).toBe('string');
    }
    expect(new Set(summary.scenarios.map((s) => s['area']))).toEqual(
      new Set(['spine', 'foundations', 'html', 'structured', 'appointments']),
    );
  });

  it('one folder per scenario: redacted request/response pairs, its audit records, its result', () => {
    for (const scenario of SCENARIOS) {
      const dir = path.join(out, scenario.id);
      const exchanges = JSON.parse(readFileSync(path.join(dir, 'exchanges.json'), 'utf8')) as unknown[];
      const audit = readFileSync(path.join(dir, 'audit.jsonl'), 'utf8').trim().split('\n').filter(Boolean);
      expect(JSON.parse(readFileSync(path.join(dir, 'result.json'), 'utf8'))).toMatchObject({ id: scenario.id });
      // Scenarios refused before anything is sent (a consumer-side check) have no exchange to show.
      if (!['APT-02', 'HTML-05'].includes(scenario.id)) expect(exchanges.length).toBeGreaterThan(0);
      // APT-02 is refused by input validation, before any handler runs: nothing to audit.
      if (scenario.id !== 'APT-02') expect(audit.length).toBeGreaterThan(0);
    }
    const failure = readFileSync(path.join(out, 'SPINE-ERR-01', 'audit.jsonl'), 'utf8');
    expect(failure).toContain('"outcome":"failure"');
    expect(failure).toContain('NO_PATIENT_CONSENT');
  });

  it('no full NHS number, key material or SDS API key anywhere in the pack', () => {
    const text = filesUnder(out)
      .filter((f) => !f.endsWith('.png'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    for (const nhs of ['9658218873', '9434765919', '9450056234']) expect(text).not.toContain(nhs);
    expect(text).toContain('*** *** 8873');
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).toContain('[redacted: SDS API key]');
  });

  it('a screenshot for each display scenario; summary.html opens in Chromium', async () => {
    for (const scenario of SCENARIOS.filter((s) => s.screenshot)) {
      expect(existsSync(path.join(out, scenario.id, 'screenshot.png')), scenario.id).toBe(true);
    }
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
    });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(path.join(out, 'summary.html')).href);
      await expect(page.title()).resolves.toContain(`${SCENARIOS.length} of ${SCENARIOS.length} passed`);
      expect(await page.locator('tbody tr').count()).toBe(SCENARIOS.length);
      expect(await page.locator('tbody tr.fail').count()).toBe(0);
      const link = page.getByRole('link', { name: 'screenshot' }).first();
      const shot = await link.getAttribute('href');
      expect(shot && existsSync(path.join(out, shot))).toBe(true);
    } finally {
      await browser.close();
    }
  });
});

describe('gpc assure against a configured environment', () => {
  it('reports a scenario it cannot run as failed, with the reason, and exits 1', async () => {
    const demo = await startDemonstrator({ port: 0 });
    const dir = mkdtempSync(path.join(tmpdir(), 'gpc-assure-env-'));
    try {
      const files = await writeDemonstratorFiles(demo, path.join(dir, 'env'));
      const out = path.join(dir, 'pack');
      const r = await gpc([
        '--config',
        files.config,
        'assure',
        '--out',
        out,
        '--no-screenshots',
        '--only',
        'FND-01',
        '--only',
        'SPINE-ERR-03',
      ]);
      expect(r.code).toBe(1);
      const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
        scenarios: { id: string; pass: boolean; reason: string }[];
      };
      expect(summary.scenarios).toEqual([
        {
          id: 'SPINE-ERR-03',
          area: 'spine',
          pass: false,
          reason: 'not run: needs the built-in demonstrator to inject the fault',
        },
        expect.objectContaining({ id: 'FND-01', pass: true }),
      ]);
    } finally {
      await demo.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('an unknown scenario id exits 2 before anything runs', async () => {
    const r = await gpc(['assure', '--out', tmpdir(), '--only', 'NOPE-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown scenario NOPE-1');
  });
});
