import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The Electronegativity gate must block an insecure window, not just run (the tool itself exits 0 on findings). */
describe('security gate', () => {
  it('fails on a planted insecure BrowserWindow and names the checks', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gpc-insecure-'));
    writeFileSync(
      path.join(dir, 'main.js'),
      `const { BrowserWindow } = require('electron');
new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });\n`,
    );
    const r = spawnSync(process.execPath, ['scripts/security-gate.mjs', '--input', dir], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('block the build');
    expect(r.stderr).toMatch(/NODE_INTEGRATION|CONTEXT_ISOLATION|SANDBOX|WEB_SECURITY/);
  }, 120_000);
});
