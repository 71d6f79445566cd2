import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The built `gpc` command line, as IT would run it (`npm test` builds before the Vitest suites). */
const GPC = 'out/main/gpc.js';
const dir = mkdtempSync(path.join(tmpdir(), 'gpc-policy-cli-'));

function gpc(...args: string[]) {
  if (!existsSync(GPC)) throw new Error(`${GPC} is missing: run \`npm run build\` first`);
  const r = spawnSync(process.execPath, [GPC, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function policy(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('gpc policy check FILE', { timeout: 60_000 }, () => {
  it('accepts the documented sample and prints every key it locks', () => {
    const r = gpc('policy', 'check', 'docs/policy.sample.json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid; it sets and locks 17 setting(s)');
    expect(r.stdout).toContain('spine.sspBaseUrl = "https://proxy.opentest.hscic.gov.uk"');
    expect(r.stdout).toContain('session.inactivityMinutes = 10');
    expect(r.stdout).toContain('appointments.favourites = ["A20047","B82617"]');
    expect(r.stdout).toContain('updates.enabled = false');
  });

  it('rejects a broken policy (exit 1), naming every key at fault with the reason', () => {
    const r = gpc(
      'policy',
      'check',
      policy('broken.json', {
        mode: 'production',
        consumer: { asid: '12345' },
        spine: { pdsBaseUrl: 'http://pds.example' },
        tls: { windowsCertStore: { location: 'Machine', subject: 'x' } },
        session: { inactivityMinutes: 0 },
        explorer: { enabled: 'no' },
        audit: { directory: 'relative/logs' },
        appointments: { favourites: ['A20047', 'not ods'] },
        updates: { enabeld: true },
      }),
    );
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('not a valid policy file');
    for (const message of [
      'mode: mode must be "demo" or "live"',
      'consumer.asid: must be a 12-digit ASID',
      'spine.pdsBaseUrl: must be an https:// URL',
      'tls.windowsCertStore.location: must be "LocalMachine" or "CurrentUser"',
      'session.inactivityMinutes: must be at least 1 minute',
      'explorer.enabled: must be true or false',
      'audit.directory: must be an absolute folder path',
      'appointments.favourites.1: must be an ODS code',
      'updates: Unrecognized key: "enabeld"',
    ]) {
      expect(r.stderr).toContain(message);
    }
    expect(r.code).toBe(1);
  });

  it('rejects a file that is not JSON (exit 1)', () => {
    const broken = gpc('policy', 'check', policy('not-json.json', '{"mode": '));
    expect(broken.stderr).toContain('is not valid JSON');
    expect(broken.code).toBe(1);
  });

  it('never echoes the secrets of a valid policy', () => {
    const secret = gpc('policy', 'check', policy('secret.json', { spine: { sdsApiKey: 'SUPER-SECRET-KEY' } }));
    expect(secret.code).toBe(0);
    expect(secret.stdout).toContain('spine.sdsApiKey = (set, not shown)');
    expect(secret.stdout).not.toContain('SUPER-SECRET-KEY');
  });

  it.each([
    [['policy', 'check', path.join(dir, 'missing.json')], 'cannot be read (ENOENT)'],
    [['policy', 'lint', 'x.json'], 'usage: gpc policy check FILE'],
  ])('%j exits 2 with a clear message', (args, message) => {
    const r = gpc(...args);
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(2);
  });
});

describe('gpc app.about (the About box channel, from the built app)', { timeout: 60_000 }, () => {
  it('reports version, flavour, the commit and the release notes compiled in at build time', () => {
    const r = gpc('app.about');
    expect(r.code).toBe(0);
    const about = JSON.parse(r.stdout) as {
      version: string;
      flavour: string;
      commit: string;
      host: string;
      runtime: { electron: string | null; node: string };
      releases: { version: string; items: string[] }[];
    };
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(about).toMatchObject({ version: pkg.version, flavour: 'clinical', host: 'cli' });
    expect(about.commit).toMatch(/^[0-9a-f]{12}(-modified)?$/);
    expect(about.runtime).toMatchObject({ electron: null, node: process.versions.node });
    expect(about.releases[0]?.version).toBe(pkg.version);
    expect(about.releases[0]?.items.length).toBeGreaterThan(0);
  });
});
