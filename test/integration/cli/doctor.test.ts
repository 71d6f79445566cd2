import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveConfig } from '../../../shared/config/config-schema';
import { runDoctor } from '../../../main/cli/doctor';
import { loadWorkstationConfig } from '../../../main/config/load-config';
import { writeDemonstratorFiles } from '../../../main/demonstrator/config-files';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import { issue } from '../../fixtures/pki';

let demo: Demonstrator;
let config: LiveConfig;
let configFile: string;
const dir = mkdtempSync(path.join(tmpdir(), 'gpc-doctor-'));

beforeAll(async () => {
  demo = await startDemonstrator({ port: 0 });
  configFile = (await writeDemonstratorFiles(demo, dir)).config;
  const loaded = loadWorkstationConfig({ file: configFile });
  if (loaded.mode !== 'live') throw new Error('expected live');
  config = loaded;
});
afterAll(async () => demo?.close());

describe('gpc doctor', () => {
  it('passes every line against the demonstrator', async () => {
    const lines = await runDoctor(config, configFile, () => new Date());
    expect(lines.filter((l) => l.verdict === 'fail')).toEqual([]);
    expect(lines.map((l) => l.check)).toEqual([
      'configuration',
      'certificate',
      'private key',
      'certificate chain',
      'SSP DNS',
      'SSP TLS',
      'PDS DNS',
      'PDS TLS',
      'SDS DNS',
      'SDS TLS',
      'clock skew',
    ]);
  });

  it('fails the certificate line for an expired endpoint certificate, naming the date', async () => {
    const expired = issue({
      commonName: 'gpc-workstation.demonstrator.invalid',
      issuer: demo.pki.ca,
      usage: 'client',
      notBefore: new Date('2024-01-01T00:00:00Z'),
      notAfter: new Date('2025-03-31T12:00:00Z'),
    });
    writeFileSync(path.join(dir, 'expired-cert.pem'), expired.certificate);
    writeFileSync(path.join(dir, 'expired-key.pem'), expired.privateKey);
    const lines = await runDoctor(
      {
        ...config,
        tls: {
          ...config.tls,
          clientCertificate: path.join(dir, 'expired-cert.pem'),
          clientKey: path.join(dir, 'expired-key.pem'),
        },
      },
      configFile,
      () => new Date(),
    );
    expect(lines.find((l) => l.check === 'certificate')).toMatchObject({
      verdict: 'fail',
      detail: expect.stringContaining('expired on 2025-03-31'),
    });
    // The server refuses an expired client certificate at the handshake, and doctor says so.
    expect(lines.find((l) => l.check === 'SSP TLS')?.verdict).toBe('fail');
  });

  it('fails the chain line for a certificate from another CA, and the key line for a mismatched key', async () => {
    const stranger = issue({ commonName: 'stranger', usage: 'client' });
    const other = issue({ commonName: 'other', usage: 'client' });
    writeFileSync(path.join(dir, 'stranger-cert.pem'), stranger.certificate);
    writeFileSync(path.join(dir, 'other-key.pem'), other.privateKey);
    const lines = await runDoctor(
      {
        ...config,
        tls: {
          ...config.tls,
          clientCertificate: path.join(dir, 'stranger-cert.pem'),
          clientKey: path.join(dir, 'other-key.pem'),
        },
      },
      configFile,
      () => new Date(),
    );
    expect(lines.find((l) => l.check === 'private key')?.verdict).toBe('fail');
    expect(lines.find((l) => l.check === 'certificate chain')?.verdict).toBe('fail');
  });

  it('fails the clock line when the workstation clock is far off', async () => {
    const lines = await runDoctor(config, configFile, () => new Date(Date.now() + 15 * 60_000));
    expect(lines.find((l) => l.check === 'clock skew')).toMatchObject({
      verdict: 'fail',
      detail: expect.stringContaining('NTP'),
    });
  });
});
