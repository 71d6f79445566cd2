import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../main/config/config-error';
import { effectiveSettings } from '../../../main/config/effective-settings';
import { loadConfigWithLocks, loadWorkstationConfig } from '../../../main/config/load-config';
import { loadStartupConfig } from '../../../main/config/startup-config';
import { LIVE_CONFIG } from '../../fixtures/live-config';

const dir = mkdtempSync(path.join(tmpdir(), 'gpc-policy-'));
function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

describe('the demo build refuses live mode from every source', () => {
  const demo = { flavour: 'demo' } as const;
  const liveFile = () => file('live.json', LIVE_CONFIG);

  it.each([
    ['the user settings file', () => ({ userFile: liveFile() }), {}],
    ['an explicit --config file', () => ({ file: liveFile() }), {}],
    ['machine policy', () => ({ policyFile: liveFile() }), {}],
    ['the GPC_MODE variable', () => ({}), { GPC_MODE: 'live' }],
    ['policy setting only the mode', () => ({ policyFile: file('mode-only.json', { mode: 'live' }) }), {}],
    [
      'GPC_MODE=live over a demo policy',
      () => ({ policyFile: file('demo-policy.json', { mode: 'demo' }) }),
      { GPC_MODE: 'live' },
    ],
  ])('%s', (_label, sources, env) => {
    const load = () => loadWorkstationConfig(sources(), env, demo);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/not available in the GP Connect Workstation demo build/);
  });

  it('names the file that asked for live', () => {
    const userFile = liveFile();
    expect(() => loadWorkstationConfig({ userFile }, {}, demo)).toThrow(`${userFile}: mode "live"`);
  });

  it('the same sources give live mode in the clinical build (the refusal is the flavour’s doing)', () => {
    expect(loadWorkstationConfig({ file: liveFile() }, {}, { flavour: 'clinical' }).mode).toBe('live');
    expect(loadWorkstationConfig({ policyFile: liveFile() }, {}, { flavour: 'clinical' }).mode).toBe('live');
  });

  it('runs demo mode with everything else the files set, and reports the mode as fixed by the build', () => {
    const userFile = file('demo-user.json', { mode: 'demo', session: { inactivityMinutes: 5 } });
    const { config, locks } = loadConfigWithLocks({ userFile }, {}, demo);
    expect(config).toEqual({ mode: 'demo', session: { inactivityMinutes: 5 } });
    expect(locks.get('mode')).toBe('build');
  });
});

describe('machine policy', () => {
  it('overrides the user’s settings and GPC_MODE, and reports exactly the keys it sets as locked', () => {
    const policyFile = file('p.json', {
      mode: 'demo',
      session: { inactivityMinutes: 5 },
      explorer: { enabled: false },
      appointments: { favourites: ['A20047'] },
    });
    const userFile = file('u.json', {
      session: { inactivityMinutes: 30 },
      explorer: { enabled: true },
      updates: { enabled: true },
      appointments: { favourites: ['B82617'] },
    });
    const { config, locks } = loadConfigWithLocks({ policyFile, userFile }, { GPC_MODE: 'live' });
    expect(config).toMatchObject({
      mode: 'demo',
      session: { inactivityMinutes: 5 },
      explorer: { enabled: false },
      appointments: { favourites: ['A20047'] },
      updates: { enabled: true },
    });
    expect([...locks.keys()].sort()).toEqual([
      'appointments.favourites',
      'explorer.enabled',
      'mode',
      'session.inactivityMinutes',
    ]);
  });

  it.each([
    [{ session: { inactivityMinutes: 0 } }, 'session.inactivityMinutes: must be at least 1 minute'],
    [{ session: { inactivityMinutes: '10' } }, 'session.inactivityMinutes: must be a number of minutes'],
    [{ audit: { directory: 'logs' } }, 'audit.directory: must be an absolute folder path'],
    [{ appointments: { favourites: ['a20047'] } }, 'appointments.favourites.0: must be an ODS code'],
    [{ updates: { enabled: 'yes' } }, 'updates.enabled: must be true or false'],
    [
      { tls: { windowsCertStore: { location: 'LocalMachine' } } },
      'tls.windowsCertStore: needs a thumbprint or a subject',
    ],
    [{ spine: { sspBaseUrl: 'http://ssp' } }, 'spine.sspBaseUrl: must be an https:// URL'],
    [{ explorer: { enable: true } }, 'explorer: Unrecognized key'],
  ])('refuses a broken policy %j, naming the policy file and the key', (policy, message) => {
    const policyFile = file('broken-policy.json', policy);
    expect(() => loadWorkstationConfig({ policyFile })).toThrow(`${policyFile}: ${message}`);
  });

  it('the startup loader reads policy from GPC_POLICY_FILE only where overriding is allowed', () => {
    const policyFile = file('moved.json', { session: { inactivityMinutes: 3 } });
    const env = { GPC_POLICY_FILE: policyFile, XDG_CONFIG_HOME: dir, APPDATA: dir };
    const moved = loadStartupConfig(env, { flavour: 'clinical', policyOverride: true });
    expect(moved.config).toMatchObject({ session: { inactivityMinutes: 3 } });
    expect(moved.settings).toMatchObject({ policyFile, policyPresent: true });
    const packaged = loadStartupConfig(env, { flavour: 'clinical', policyOverride: false });
    expect(packaged.config).not.toHaveProperty('session');
    expect(packaged.settings.policyFile).not.toBe(policyFile);
  });
});

describe('effective settings (the Settings screen)', () => {
  it('marks policy-set keys as locked, shows defaults, and never includes secrets or the private key', () => {
    const policyFile = file('secret-policy.json', {
      ...LIVE_CONFIG,
      spine: { ...LIVE_CONFIG.spine, sdsApiKey: 'SECRET-API-KEY-123' },
      tls: { pkcs12: 'endpoint.p12', pkcs12Passphrase: 'SECRET-PASSPHRASE-456', trustedCa: ['ca.pem'] },
    });
    const userFile = file('secret-user.json', { explorer: { enabled: true } });
    const { config, locks } = loadConfigWithLocks({ policyFile, userFile });
    const report = effectiveSettings(config, locks, { file: policyFile, present: true });
    const text = JSON.stringify(report);
    expect(text).not.toContain('SECRET-API-KEY-123');
    expect(text).not.toContain('SECRET-PASSPHRASE-456');
    expect(report.entries.map((e) => e.key)).not.toEqual(
      expect.arrayContaining(['spine.sdsApiKey', 'tls.pkcs12Passphrase', 'tls.clientKey']),
    );
    const entry = (key: string) => report.entries.find((e) => e.key === key);
    expect(entry('spine.sspBaseUrl')).toMatchObject({ value: LIVE_CONFIG.spine.sspBaseUrl, lockedBy: 'policy' });
    expect(entry('tls.pkcs12')).toMatchObject({ value: path.join(dir, 'endpoint.p12'), lockedBy: 'policy' });
    expect(entry('explorer.enabled')).toMatchObject({ value: true, isDefault: false, lockedBy: null });
    expect(entry('session.inactivityMinutes')).toMatchObject({ value: 10, isDefault: true, lockedBy: null });
    expect(entry('updates.enabled')).toMatchObject({ value: false, isDefault: true, lockedBy: null });
  });

  it('shows the Windows certificate store selection as one line, locked as a whole', () => {
    const policyFile = file('store-policy.json', {
      tls: { windowsCertStore: { location: 'LocalMachine', subject: 'ws.example.nhs.uk' } },
    });
    const { config, locks } = loadConfigWithLocks({ policyFile });
    const report = effectiveSettings(config, locks, { file: policyFile, present: true });
    // Demo mode keeps tls as given; the entry is what IT will see once the machine goes live.
    expect(report.entries.find((e) => e.key === 'tls.windowsCertStore')).toMatchObject({
      value: 'LocalMachine store, subject ws.example.nhs.uk',
      lockedBy: 'policy',
    });
  });
});
