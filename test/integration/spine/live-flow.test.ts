import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveConfig } from '../../../shared/config/config-schema';
import { INTERACTIONS } from '../../../shared/gpconnect/interactions';
import { loadWorkstationConfig } from '../../../main/config/load-config';
import { writeDemonstratorFiles } from '../../../main/demonstrator/config-files';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import type { LiveServices } from '../../../main/live-services';
import { createLiveServices } from '../../../main/live-services';
import type { ExchangeRecord } from '../../../main/spine/gp-connect-client';
import { SpineError } from '../../../main/spine/spine-error';

/**
 * The consumer's Spine flow end to end against the offline demonstrator over mutual TLS, configured exactly as a
 * user would: the demonstrator writes config.json, the loader reads it, the live services are built from it.
 */
let demo: Demonstrator;
let config: LiveConfig;
let live: LiveServices;
const exchanges: ExchangeRecord[] = [];

beforeAll(async () => {
  demo = await startDemonstrator({ port: 0 });
  const files = await writeDemonstratorFiles(demo, mkdtempSync(path.join(tmpdir(), 'gpc-live-')));
  const loaded = loadWorkstationConfig({ file: files.config });
  if (loaded.mode !== 'live') throw new Error('the demonstrator config should be live mode');
  config = loaded;
  live = await createLiveServices(config, {
    product: { name: 'GP Connect Workstation', version: '0.1.0' },
    today: () => '2026-11-25',
    onExchange: (r) => exchanges.push(r),
  });
});
afterAll(async () => {
  await live?.close();
  await demo?.close();
});

async function failureOf(promise: Promise<unknown>): Promise<SpineError['failure']> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof SpineError) return err.failure;
    throw err;
  }
  throw new Error('expected a SpineError');
}

describe('PDS trace over mutual TLS', () => {
  it('traces a patient into the banner summary, with the registered practice', async () => {
    const patient = await live.patients.lookup('9658218873');
    expect(patient).toMatchObject({ nhsNumber: '9658218873', restricted: false, source: 'PDS' });
    expect(patient?.registeredPractice?.odsCode).toBe('A20047');
  });

  it('follows a superseded NHS number to the current record and says so', async () => {
    const patient = await live.patients.lookup('9658220215');
    expect(patient).toMatchObject({ nhsNumber: '9990002002', supersededFrom: '9658220215' });
  });

  it('marks a restricted patient and carries no address or practice', async () => {
    const patient = await live.patients.lookup('9658220142');
    expect(patient?.restricted).toBe(true);
    expect(patient?.address).toBeUndefined();
    expect(patient?.registeredPractice).toBeUndefined();
  });

  it('answers null for a number PDS does not hold', async () => {
    expect(await live.patients.lookup('9999999999')).toBeNull();
  });

  it('sent a fresh X-Request-ID that PDS echoed', () => {
    const pdsCalls = demo.requestLog.all().filter((e) => e.service === 'pds');
    const ids = pdsCalls.map((e) => e.headers['x-request-id']);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('SDS lookup', () => {
  it('finds the service root exactly as SDS holds it and the provider ASID', async () => {
    const provider = await live.sds.resolve('A20047', INTERACTIONS.metadata.id);
    expect(provider.serviceRoot).toBe(demo.serviceRoot('A20047'));
    expect(provider.asid).toMatch(/^\d{12}$/);
  });

  it('gives the Structured root for a Structured interaction', async () => {
    const provider = await live.sds.resolve('A20047', INTERACTIONS.getStructuredRecord.id);
    expect(provider.serviceRoot).toBe(demo.serviceRoot('A20047', 'structured'));
  });

  it('says plainly when a practice has no endpoint', async () => {
    const failure = await failureOf(live.sds.resolve('Z99999', INTERACTIONS.metadata.id));
    expect(failure.code).toBe('SDS_NO_ENDPOINT');
  });
});

describe('GP Connect through SSP', () => {
  it('reads Foundations metadata', async () => {
    const capability = await live.foundations.metadata('A20047');
    expect(capability.resourceType).toBe('CapabilityStatement');
  });

  it('finds the patient at the practice by NHS number', async () => {
    const patients = await live.foundations.findPatient('A20047', '9658218873');
    expect(patients).toHaveLength(1);
    expect(patients[0]?.identifier?.some((i: fhir.Identifier) => i.value === '9658218873')).toBe(true);
  });

  it('finds nobody for a patient who is sensitive at the practice', async () => {
    expect(await live.foundations.findPatient('A20047', '9658220150')).toEqual([]);
  });

  it('reports the practice’s error code, HTTP status and trace id when a read fails', async () => {
    const failure = await failureOf(live.foundations.readPatient('A20047', 'no-such-id'));
    expect(failure.code).toBe('PATIENT_NOT_FOUND');
    expect(failure.httpStatus).toBe(404);
    expect(failure.traceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('put a valid JWT on the wire: decoded from what the provider received, not from what the builder returned', () => {
    const entry = demo.requestLog
      .all()
      .find((e) => e.interactionId === INTERACTIONS.metadata.id && e.headers['authorization']);
    const header = entry?.headers['authorization'] ?? '';
    expect(header.startsWith('Bearer ')).toBe(true);
    const token = header.slice('Bearer '.length);
    const { payload, header: jose } = UnsecuredJWT.decode(token, { currentDate: new Date() });
    expect(jose).toEqual({ alg: 'none', typ: 'JWT' });
    expect(payload).toMatchObject({
      iss: config.consumer.endpointUrl,
      aud: demo.serviceRoot('A20047'),
      requested_scope: 'organization/*.read',
      requesting_organization: { identifier: [{ value: config.consumer.odsCode }] },
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
  });

  it('used a new Ssp-TraceID per request and recorded every exchange for the audit', () => {
    const traceIds = exchanges.map((e) => e.traceId);
    expect(new Set(traceIds).size).toBe(traceIds.length);
    expect(exchanges.every((e) => e.from === config.consumer.asid && /^\d{12}$/.test(e.to))).toBe(true);
    expect(exchanges.some((e) => e.errorCode === 'PATIENT_NOT_FOUND' && e.httpStatus === 404)).toBe(true);
  });
});
