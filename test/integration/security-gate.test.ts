import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditVerdict } from '../../scripts/audit-gate.mjs';

function node(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, args, {
    encoding: 'utf8',
    timeout: 120_000,
    // CI allows an unreachable advisory service (GPC_AUDIT_OFFLINE); each test here says for itself whether it does.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'GPC_AUDIT_OFFLINE')), ...env },
  });
}

/**
 * A copy of the built app (out/) whose main window gets Node: `nodeIntegration: true`, and `sandbox: true` gone
 * (with the sandbox on, Electron ignores nodeIntegration, and so does the tool).
 */
function plantedBuild(): string {
  if (!existsSync('out/main/index.js')) throw new Error('out/ is missing: run `npm run build` first');
  const dir = mkdtempSync(path.join(tmpdir(), 'gpc-planted-'));
  for (const part of ['main', 'preload', 'renderer'])
    cpSync(path.join('out', part), path.join(dir, part), { recursive: true });
  const main = path.join(dir, 'main', 'index.js');
  const source = readFileSync(main, 'utf8');
  if (!source.includes('nodeIntegration: false,') || !source.includes('sandbox: true,')) {
    throw new Error('the built main window no longer sets nodeIntegration: false and sandbox: true');
  }
  writeFileSync(
    main,
    source.replace('nodeIntegration: false,', 'nodeIntegration: true,').replace('sandbox: true,', ''),
  );
  return dir;
}

function plantedApp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gpc-insecure-'));
  writeFileSync(
    path.join(dir, 'main.js'),
    `const { BrowserWindow } = require('electron');
new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });\n`,
  );
  return dir;
}

/** The Electronegativity gate must block an insecure window, not just run (the tool itself exits 0 on findings). */
describe('security gate (Electronegativity)', () => {
  it('fails on the built app with nodeIntegration: true planted in the main window, naming the check', () => {
    const r = node(['scripts/security-gate.mjs', '--input', plantedBuild()]);
    expect(r.stderr).toContain('block the build');
    // The tool rates an explicit nodeIntegration: true INFORMATIONAL; the gate blocks it as a definite finding.
    expect(r.stderr).toMatch(/INFORMATIONAL\s+NODE_INTEGRATION_JS_CHECK main\/index\.js:\d+/);
    expect(r.stderr).toMatch(/MEDIUM\s+SANDBOX_JS_CHECK main\/index\.js:\d+/);
    expect(r.stderr).toContain('2 finding(s) block the build');
    // Only the planted line blocks: the reviewed preload finding stays accepted.
    expect(r.stdout).toMatch(/MEDIUM\s+PRELOAD_JS_CHECK main\/index\.js:\d+ \(accepted/);
    expect(r.status).toBe(1);
  }, 120_000);

  it('fails on a planted insecure window (no isolation, no sandbox, no web security)', () => {
    const r = node(['scripts/security-gate.mjs', '--input', plantedApp()]);
    expect(r.stderr).toContain('block the build');
    expect(r.stderr).toMatch(/HIGH\s+CONTEXT_ISOLATION_JS_CHECK main\.js:2/);
    expect(r.stderr).toMatch(/MEDIUM\s+SANDBOX_JS_CHECK main\.js:2/);
    expect(r.status).toBe(1);
  }, 120_000);

  it('refuses an allow-list entry without a written reason before scanning', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gpc-allow-'));
    const allowlist = path.join(dir, 'allow.json');
    writeFileSync(
      allowlist,
      JSON.stringify({
        accepted: [
          { rule: 'NODE_INTEGRATION_JS_CHECK', file: 'main.js', reason: '', reviewedBy: 'x', reviewedOn: 'y' },
        ],
      }),
    );
    const r = node(['scripts/security-gate.mjs', '--input', plantedApp(), '--allowlist', allowlist]);
    expect(r.stderr).toContain('accepted.0.reason must be written');
    expect(r.status).toBe(2);
  });
});

describe('security gate (npm audit of production dependencies)', () => {
  it('fails closed, saying so, when the advisory service cannot be asked; passes only when told to skip', () => {
    // A registry address where nothing listens: what an offline machine sees.
    const env = { npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0' };
    const r = node(['scripts/audit-gate.mjs'], env);
    expect(r.stderr).toContain('NOT checked for advisories');
    expect(r.status).toBe(3);
    const skipped = node(['scripts/audit-gate.mjs'], { ...env, GPC_AUDIT_OFFLINE: 'allow' });
    expect(skipped.stderr).toContain('SKIPPED');
    expect(skipped.status).toBe(0);
  }, 120_000);

  // The advisory service cannot run here: its report shape (npm audit --json, auditReportVersion 2) is given.
  const report = (vulnerabilities: Record<string, { severity: string }>) =>
    JSON.stringify({
      auditReportVersion: 2,
      vulnerabilities: Object.fromEntries(
        Object.entries(vulnerabilities).map(([name, v]) => [
          name,
          { name, severity: v.severity, range: '<1.0.0', via: [{ title: `${name} flaw`, url: 'https://example' }] },
        ]),
      ),
      metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 0, critical: 0, total: 1 } },
    });

  it('blocks high and critical advisories, not moderate ones', () => {
    expect(auditVerdict(report({ a: { severity: 'moderate' } }))).toMatchObject({ verdict: 'pass' });
    const verdict = auditVerdict(
      report({ a: { severity: 'moderate' }, b: { severity: 'high' }, c: { severity: 'critical' } }),
    );
    expect(verdict.verdict).toBe('fail');
    const findings = verdict.verdict === 'fail' ? verdict.findings.join('\n') : '';
    expect(findings).toMatch(/high\s+b <1\.0\.0: b flaw/);
    expect(findings).toMatch(/critical c/);
    expect(findings).not.toMatch(/ a </);
  });

  it('treats an error reply as unavailable, never as a pass', () => {
    expect(auditVerdict('{"message":"405 Method Not Allowed"}')).toEqual({
      verdict: 'unavailable',
      why: '405 Method Not Allowed',
    });
    expect(auditVerdict('')).toMatchObject({ verdict: 'unavailable' });
  });
});
