import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemonstratorFiles } from '../../../main/demonstrator/config-files';
import { PRACTICE_PATIENTS } from '../../../main/demonstrator/data/practice-patients';
import { DEMO_PDS_PATIENTS, SUPERSEDED_NHS_NUMBERS, pdsRecordFor } from '../../../main/demonstrator/data/pds-patients';
import { PRACTICES } from '../../../main/demonstrator/data/practices';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import { isRestricted, pdsPatientSchema } from '../../../main/directory/pds-patient';
import { isValidNhsNumber } from '../../../shared/nhs/nhs-number';
import { call } from './helpers';

/** The NHS numbers issue 4 item 5 names, which anyone following the consumer test scripts will type. */
const PUBLISHED_CASE_NUMBERS = [
  '9658218873',
  '9658218865',
  '9324926233',
  '9658220150',
  '9658220142',
  '9658220290',
  '9658219748',
  '9658219691',
  '9658219705',
  '9658220215',
  '9450056234',
  '9658220169',
  '9658218903',
  '9658218989',
  '9999999999',
];

const readme = readFileSync(new URL('../../../main/demonstrator/README.md', import.meta.url), 'utf8');
const tableNumbers = new Set([...readme.matchAll(/^\| (\d{10}) \|/gm)].map((m) => m[1]));

describe('synthetic data set', () => {
  const allNumbers = new Set([
    ...DEMO_PDS_PATIENTS.map((p) => String(p['id'])),
    ...PRACTICE_PATIENTS.map((p) => p.nhsNumber),
    ...SUPERSEDED_NHS_NUMBERS.keys(),
    ...PUBLISHED_CASE_NUMBERS,
  ]);

  it('documents every NHS number in the README table, and only those', () => {
    expect([...allNumbers].filter((n) => !tableNumbers.has(n))).toEqual([]);
    expect([...tableNumbers].filter((n) => n !== undefined && !allNumbers.has(n))).toEqual([]);
  });

  it('uses only NHS numbers with a valid check digit', () => {
    expect([...allNumbers].filter((n) => !isValidNhsNumber(n))).toEqual([]);
  });

  it('keeps the patients the app’s demo mode relies on', () => {
    for (const id of ['9434765919', '9990000387', '9990000751']) expect(pdsRecordFor(id)).toBeDefined();
  });

  it('holds every published case number on PDS except 9999999999', () => {
    const missing = PUBLISHED_CASE_NUMBERS.filter((n) => !pdsRecordFor(n));
    expect(missing).toEqual(['9999999999']);
  });

  it('gives every practice record a PDS record and a practice that exists, with unique logical ids per practice', () => {
    for (const record of PRACTICE_PATIENTS) {
      expect(pdsRecordFor(record.nhsNumber), record.nhsNumber).toBeDefined();
      const practice = PRACTICES.find((p) => p.odsCode === record.practice);
      expect(practice, record.practice).toBeDefined();
      expect(practice?.practitioners.some((p) => p.id === record.usualGpId)).toBe(true);
      expect(practice?.locations.some((l) => l.id === record.preferredLocationId)).toBe(true);
    }
    const keys = PRACTICE_PATIENTS.map((r) => `${r.practice}/${r.logicalId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('withholds address, telecom and GP from every restricted PDS record', () => {
    for (const resource of DEMO_PDS_PATIENTS) {
      if (!isRestricted(pdsPatientSchema.parse(resource))) continue;
      expect(resource).not.toHaveProperty('address');
      expect(resource).not.toHaveProperty('telecom');
      expect(resource).not.toHaveProperty('generalPractitioner');
    }
  });

  it('has at least three practices, one with Structured disabled and one on an older version', () => {
    expect(PRACTICES.length).toBeGreaterThanOrEqual(3);
    expect(PRACTICES.some((p) => !p.structured.enabled)).toBe(true);
    expect(PRACTICES.some((p) => p.structured.enabled && p.structured.version !== '1.6.0')).toBe(true);
  });
});

describe('files for a consumer (--out DIR)', () => {
  let demo: Demonstrator;
  beforeAll(async () => {
    demo = await startDemonstrator({ port: 0 });
  });
  afterAll(async () => {
    await demo.close();
  });

  it('writes the CA, client certificate, key (owner-only) and a config.json pointing at this run', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gpc-demo-test-'));
    const files = await writeDemonstratorFiles(demo, dir);
    const config = JSON.parse(readFileSync(files.config, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(Object.keys(config).sort()).toEqual(['audit', 'consumer', 'identity', 'mode', 'spine', 'tls']);
    // The run's audit trail stays in the run's folder (an absolute path, as the schema asks).
    expect(config['audit']).toEqual({ directory: path.join(dir, 'audit') });
    expect(Object.keys(config['consumer'] ?? {}).sort()).toEqual(
      ['asid', 'deviceId', 'endpointUrl', 'odsCode', 'organisationName', 'organisationType', 'telephone'].sort(),
    );
    expect(config['spine']).toEqual({
      sspBaseUrl: demo.sspBaseUrl,
      pdsBaseUrl: demo.pdsBaseUrl,
      sdsBaseUrl: demo.sdsBaseUrl,
      sdsApiKey: demo.sdsApiKey,
    });
    expect(config['tls']).toEqual({
      clientCertificate: path.join(dir, 'client-cert.pem'),
      clientKey: path.join(dir, 'client-key.pem'),
      trustedCa: [path.join(dir, 'ca.pem')],
    });
    expect(Object.keys(config['identity'] ?? {}).sort()).toEqual(
      ['familyName', 'givenName', 'prefix', 'roleProfileId', 'sdsUserId'].sort(),
    );
    expect(statSync(files.clientKey).mode & 0o077).toBe(0);

    // The written files are enough to reach the demonstrator.
    const tls = config['tls'] as { clientCertificate: string; clientKey: string };
    const res = await call(demo, `${demo.pdsBaseUrl}/Patient/9658218873`, {
      clientCert: { cert: readFileSync(tls.clientCertificate, 'utf8'), key: readFileSync(tls.clientKey, 'utf8') },
      headers: { 'X-Request-ID': '0b7a4c8e-1f2d-4e3a-9b5c-6d7e8f9a0b1c' },
    });
    expect(res.status).toBe(200);
  });
});
