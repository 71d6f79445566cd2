import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../main/config/config-error';
import { configPaths } from '../../../main/config/config-paths';
import { loadWorkstationConfig } from '../../../main/config/load-config';
import { LIVE_CONFIG } from '../../fixtures/live-config';

const dir = mkdtempSync(path.join(tmpdir(), 'gpc-config-'));
function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

describe('loadWorkstationConfig', () => {
  it('is demo mode with no files at all', () => {
    expect(
      loadWorkstationConfig({ policyFile: path.join(dir, 'none.json'), userFile: path.join(dir, 'none2.json') }),
    ).toEqual({
      mode: 'demo',
    });
  });

  it('reads a complete live file and resolves relative TLS paths against its folder', () => {
    const config = loadWorkstationConfig({
      file: file('live.json', {
        ...LIVE_CONFIG,
        tls: { clientCertificate: 'c.pem', clientKey: 'k.pem', trustedCa: ['ca/root.pem', '/abs/sub.pem'] },
      }),
    });
    expect(config.mode).toBe('live');
    if (config.mode === 'live') {
      expect(config.tls.clientCertificate).toBe(path.join(dir, 'c.pem'));
      expect(config.tls.trustedCa).toEqual([path.join(dir, 'ca/root.pem'), '/abs/sub.pem']);
    }
  });

  it('layers defaults < user settings < machine policy, key by key: policy wins where it sets a key', () => {
    const policyFile = file('policy.json', {
      ...LIVE_CONFIG,
      spine: { ...LIVE_CONFIG.spine, sdsApiKey: 'policy-key' },
      identity: { sdsUserId: LIVE_CONFIG.identity.sdsUserId },
    });
    const userFile = file('user.json', {
      identity: { ...LIVE_CONFIG.identity, givenName: 'Sam', sdsUserId: '999999999999' },
      spine: { sdsApiKey: 'user-key' },
    });
    const config = loadWorkstationConfig({ policyFile, userFile });
    expect(config).toMatchObject({
      mode: 'live',
      spine: { sdsApiKey: 'policy-key' },
      identity: { givenName: 'Sam', familyName: 'Jones', sdsUserId: LIVE_CONFIG.identity.sdsUserId },
    });
  });

  it('lets GPC_MODE=demo override a live file (npm start, demo builds)', () => {
    const config = loadWorkstationConfig({ file: file('live2.json', LIVE_CONFIG) }, { GPC_MODE: 'demo' });
    expect(config.mode).toBe('demo');
  });

  it.each([
    ['a wrong key type', { ...LIVE_CONFIG, consumer: { ...LIVE_CONFIG.consumer, asid: 123 } }, 'consumer.asid'],
    [
      'a plain http URL',
      { ...LIVE_CONFIG, spine: { ...LIVE_CONFIG.spine, sspBaseUrl: 'http://ssp.example' } },
      'spine.sspBaseUrl: must be an https:// URL',
    ],
    ['an unknown key', { ...LIVE_CONFIG, spine: { ...LIVE_CONFIG.spine, sspBaseUrl2: 'x' } }, 'spine'],
    ['a missing section', { mode: 'live', consumer: LIVE_CONFIG.consumer }, 'spine'],
    [
      'certificate without key',
      { ...LIVE_CONFIG, tls: { clientCertificate: 'c.pem', trustedCa: ['ca.pem'] } },
      'tls.clientKey',
    ],
    ['an unknown mode', { mode: 'production' }, 'mode must be "demo" or "live"'],
  ])('refuses %s, naming the file and the key', (_label, content, message) => {
    const p = file('bad.json', content);
    expect(() => loadWorkstationConfig({ file: p })).toThrow(ConfigError);
    try {
      loadWorkstationConfig({ file: p });
    } catch (err) {
      expect((err as Error).message).toContain(p);
      expect((err as Error).message).toContain(message);
    }
  });

  it('names the policy file when the fault came from policy, not the user file', () => {
    const policyFile = file('policy-bad.json', {
      ...LIVE_CONFIG,
      consumer: { ...LIVE_CONFIG.consumer, odsCode: 'lower case' },
    });
    const userFile = file('user-ok.json', { identity: LIVE_CONFIG.identity });
    expect(() => loadWorkstationConfig({ policyFile, userFile })).toThrow(`${policyFile}: consumer.odsCode`);
  });

  it('refuses a file that is not JSON, or missing when given explicitly', () => {
    expect(() => loadWorkstationConfig({ file: file('broken.json', '{ "mode": ') })).toThrow(/is not valid JSON/);
    expect(() => loadWorkstationConfig({ file: path.join(dir, 'missing.json') })).toThrow(/cannot be read \(ENOENT\)/);
  });

  it('reads gpconnect.xmlPractices (optional) in live and demo mode; a policy list replaces the user’s, not merged', () => {
    const live = loadWorkstationConfig({
      file: file('xml-live.json', { ...LIVE_CONFIG, gpconnect: { xmlPractices: ['A20047', 'B82617'] } }),
    });
    expect(live).toMatchObject({ mode: 'live', gpconnect: { xmlPractices: ['A20047', 'B82617'] } });
    expect(loadWorkstationConfig({ file: file('xml-none.json', LIVE_CONFIG) })).not.toHaveProperty('gpconnect');
    expect(loadWorkstationConfig({ file: file('xml-empty.json', { ...LIVE_CONFIG, gpconnect: {} }) })).toMatchObject({
      gpconnect: {},
    });
    const demo = loadWorkstationConfig({
      file: file('xml-demo.json', { mode: 'demo', gpconnect: { xmlPractices: [] } }),
    });
    expect(demo).toEqual({ mode: 'demo', gpconnect: { xmlPractices: [] } });
    const policyFile = file('xml-policy.json', { ...LIVE_CONFIG, gpconnect: { xmlPractices: ['A20047'] } });
    const userFile = file('xml-user.json', { gpconnect: { xmlPractices: ['C84123', 'B82617'] } });
    expect(loadWorkstationConfig({ policyFile, userFile })).toMatchObject({ gpconnect: { xmlPractices: ['A20047'] } });
  });

  it.each([
    [
      'a practice that is not an ODS code',
      { xmlPractices: ['a20047'] },
      'gpconnect.xmlPractices.0: must be an ODS code',
    ],
    ['a list given as a string', { xmlPractices: 'A20047' }, 'gpconnect.xmlPractices'],
    ['an unknown gpconnect key', { xmlPractice: ['A20047'] }, 'gpconnect'],
  ])('refuses %s in gpconnect, naming the file and the key', (_label, gpconnect, message) => {
    for (const base of [LIVE_CONFIG, { mode: 'demo' }]) {
      const p = file('xml-bad.json', { ...base, gpconnect });
      expect(() => loadWorkstationConfig({ file: p })).toThrow(ConfigError);
      expect(() => loadWorkstationConfig({ file: p })).toThrow(`${p}: ${message}`);
    }
  });

  it('refuses prototype keys', () => {
    expect(() => loadWorkstationConfig({ file: file('proto.json', '{"__proto__": {"mode": "live"}}') })).toThrow(
      /not allowed/,
    );
  });
});

describe('configPaths', () => {
  it('puts policy where users cannot write it', () => {
    expect(configPaths('linux', {}, '/home/u').policyFile).toBe('/etc/gp-connect-workstation/policy.json');
    expect(configPaths('win32', { ProgramData: 'C:\\ProgramData' }, 'C:\\Users\\u').policyFile).toBe(
      'C:\\ProgramData\\GP Connect Workstation\\policy.json',
    );
    expect(configPaths('linux', { XDG_CONFIG_HOME: '/x' }, '/home/u').userFile).toBe(
      '/x/gp-connect-workstation/settings.json',
    );
  });
});
