import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkstationConfig } from '../../../main/config/load-config';
import { writeDemonstratorFiles } from '../../../main/demonstrator/config-files';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import type { RequestLogEntry } from '../../../main/demonstrator/request-log';
import { fullRecordParameters } from '../../../main/gpconnect/structured';
import type { LiveServices } from '../../../main/live-services';
import { configuredRequester, createLiveServices } from '../../../main/live-services';
import { GpConnectClient } from '../../../main/spine/gp-connect-client';
import { SpineError } from '../../../main/spine/spine-error';
import type { LiveConfig } from '../../../shared/config/config-schema';
import { fhirJsonToXml } from '../../../shared/fhir/xml';
import { INTERACTIONS } from '../../../shared/gpconnect/interactions';
import { demoBooking, findBookableSlot } from '../../fixtures/live-demo';

/**
 * The consumer's wire formats (SPEC §2, issue 5 item 6) against the in-process demonstrator: JSON by default, STU3
 * XML for the practices in `gpconnect.xmlPractices`, the same JSON objects for callers either way.
 */
let demo: Demonstrator;
let jsonLive: LiveServices;
let xmlLive: LiveServices;
let xmlConfig: LiveConfig;
const product = { name: 'GP Connect Workstation', version: '0.1.0' };
const XML = 'application/fhir+xml';
const FHIR_JSON = 'application/fhir+json';

beforeAll(async () => {
  demo = await startDemonstrator({ port: 0 });
  const dir = mkdtempSync(path.join(tmpdir(), 'gpc-xml-'));
  const files = await writeDemonstratorFiles(demo, dir);
  // The XML switch as a user would add it: one more layer over the demonstrator's configuration.
  const layer = path.join(dir, 'xml.json');
  writeFileSync(layer, JSON.stringify({ gpconnect: { xmlPractices: ['A20047'] } }));
  const plain = loadWorkstationConfig({ file: files.config });
  const xml = loadWorkstationConfig({ userFile: files.config, file: layer });
  if (plain.mode !== 'live' || xml.mode !== 'live') throw new Error('expected live configurations');
  xmlConfig = xml;
  const options = { product, today: () => new Date().toISOString().slice(0, 10) };
  jsonLive = await createLiveServices(plain, options);
  xmlLive = await createLiveServices(xml, options);
});
afterAll(async () => {
  await jsonLive?.close();
  await xmlLive?.close();
  await demo?.close();
});

/** What the demonstrator saw for one of our calls, found by its Ssp-TraceID. */
function sent(traceId: string): RequestLogEntry {
  const entry = demo.requestLog.all().find((e) => e.headers['ssp-traceid'] === traceId);
  if (!entry) throw new Error(`no request with trace id ${traceId}`);
  return entry;
}

function lastSent(interaction: string): RequestLogEntry {
  const entry = demo.requestLog
    .all()
    .filter((e) => e.interactionId === `urn:nhs:names:services:gpconnect:${interaction}`)
    .at(-1);
  if (!entry) throw new Error(`no ${interaction} request`);
  return entry;
}

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    if (err instanceof SpineError) return err.failure;
    throw err;
  }
  throw new Error('expected a SpineError');
}

const isoDate = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const slotSearch = { start: isoDate(15), end: isoDate(21), searchFilter: [] as string[] };
/** Bundle.id echoes each call's own Ssp-TraceID: everything else must match. */
const withoutId = (bundle: fhir.Bundle): fhir.Bundle => ({ ...bundle, id: '' });

describe('configuration', () => {
  it('is JSON unless the practice is listed in gpconnect.xmlPractices', () => {
    expect(jsonLive.ctx.config.gpconnect).toBeUndefined();
    expect(xmlConfig.gpconnect?.xmlPractices).toEqual(['A20047']);
  });
});

describe('Access Record Structured in XML', () => {
  it('returns the same record as in JSON mode, and the request really went as XML', async () => {
    const json = await jsonLive.structured.get('A20047', fullRecordParameters('9658218873'));
    const xml = await xmlLive.structured.get('A20047', fullRecordParameters('9658218873'));
    expect(xml.bundle.id).toBe(xml.traceId);
    expect(xml.bundle.entry?.length).toBeGreaterThan(50);
    expect(withoutId(xml.bundle)).toEqual(withoutId(json.bundle));

    const asXml = sent(xml.traceId);
    expect(asXml.status).toBe(200);
    expect(asXml.headers['accept']).toBe(XML);
    expect(asXml.headers['content-type']).toBe(`${XML};charset=utf-8`);
    // The demonstrator read the XML body through the codec: its log holds the Parameters as (redacted) JSON.
    expect(asXml.body).toMatchObject({ resourceType: 'Parameters' });
    const asJson = sent(json.traceId);
    expect(asJson.headers['accept']).toBe(FHIR_JSON);
    expect(asJson.headers['content-type']).toBe(`${FHIR_JSON};charset=utf-8`);
  });

  it('decodes an XML OperationOutcome into the same typed failure as JSON', async () => {
    const json = await failureOf(jsonLive.structured.get('A20047', fullRecordParameters('9450056234')));
    const xml = await failureOf(xmlLive.structured.get('A20047', fullRecordParameters('9450056234')));
    expect(xml).toMatchObject({ code: 'NO_PATIENT_CONSENT', httpStatus: 403 });
    expect({ ...xml, traceId: '' }).toEqual({ ...json, traceId: '' });
    expect(sent(xml.traceId ?? '').headers['accept']).toBe(XML);
  });
});

describe('Appointment Management in XML', () => {
  it('finds the same free slots as in JSON mode', async () => {
    const json = await jsonLive.appointments.searchFreeSlots('A20047', slotSearch);
    const xml = await xmlLive.appointments.searchFreeSlots('A20047', slotSearch);
    expect(xml.entry?.some((e) => e.resource?.resourceType === 'Slot')).toBe(true);
    expect(withoutId(xml)).toEqual(withoutId(json));
    expect(lastSent('fhir:rest:search:slot-1').headers['accept']).toBe(XML);
  });

  it('books with an XML Appointment body and reads the answer', async () => {
    const target = await findBookableSlot(xmlLive, 'A20047', '9658218873');
    const booked = await xmlLive.appointments.book('A20047', demoBooking(target, 'Review of blood pressure readings'));
    expect(booked.resource).toMatchObject({ resourceType: 'Appointment', status: 'booked' });
    expect(booked.etag).toBe('W/"1"');
    const request = lastSent('fhir:rest:create:appointment-1');
    expect(request).toMatchObject({ status: 201, body: { resourceType: 'Appointment' } });
    expect(request.headers['content-type']).toBe(`${XML};charset=utf-8`);
    expect(request.headers['accept']).toBe(XML);
  });
});

describe('practices not listed, and HTML', () => {
  it('stays JSON for practices not in xmlPractices and for Access Record HTML (DSTU2)', async () => {
    await xmlLive.foundations.metadata('B82617');
    expect(lastSent('fhir:rest:read:metadata-1').headers['accept']).toBe(FHIR_JSON);
    await xmlLive.html.get('A20047', '9658218873', 'SUM');
    expect(lastSent('fhir:operation:gpc.getcarerecord').headers['accept']).toBe('application/json+fhir');
  });
});

describe('the consumer-test request: chunked, gzip-accepting, XML body with a JSON Accept', () => {
  it('is accepted and answered in JSON, gzipped', async () => {
    const response = await xmlLive.gpc.call({
      interaction: INTERACTIONS.getStructuredRecord,
      odsCode: 'A20047',
      method: 'POST',
      path: 'Patient/$gpc.getstructuredrecord',
      body: fullRecordParameters('9658218873'),
      headers: { accept: FHIR_JSON },
      chunked: true,
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(`${FHIR_JSON};charset=utf-8`);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.json).toMatchObject({ resourceType: 'Bundle', type: 'collection', id: response.traceId });

    const request = sent(response.traceId);
    expect(request.headers['transfer-encoding']).toBe('chunked');
    expect(request.headers['content-length']).toBeUndefined();
    expect(request.headers['accept-encoding']).toMatch(/gzip/);
    expect(request.headers['content-type']).toBe(`${XML};charset=utf-8`);
    expect(request.headers['accept']).toBe(FHIR_JSON);
    expect(request.body).toMatchObject({ resourceType: 'Parameters' });
  });
});

describe('an XML answer that cannot be read', () => {
  it('is a typed INVALID_RESPONSE failure, not a crash or an empty record', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    // An answer cut short in transit: codec output, truncated (and gzipped, as providers send it).
    const whole = fhirJsonToXml({ resourceType: 'Bundle', type: 'collection' });
    agent
      .get(new URL(demo.sspBaseUrl).origin)
      .intercept({ path: () => true, method: 'POST' })
      .reply(200, gzipSync(whole.slice(0, -5)), {
        headers: { 'content-type': `${XML};charset=utf-8`, 'content-encoding': 'gzip' },
      });
    const exchanges: string[] = [];
    const client = new GpConnectClient(
      { ...xmlLive.ctx, agent },
      xmlLive.sds,
      () => configuredRequester(xmlConfig, product),
      (record) => exchanges.push(record.errorCode ?? 'ok'),
    );
    const failure = await failureOf(
      client.call({
        interaction: INTERACTIONS.getStructuredRecord,
        odsCode: 'A20047',
        method: 'POST',
        path: 'Patient/$gpc.getstructuredrecord',
        body: fullRecordParameters('9658218873'),
      }),
    );
    expect(failure).toMatchObject({ code: 'INVALID_RESPONSE', retryable: false });
    expect(failure.detail).toMatch(/FHIR XML/);
    expect(failure.traceId).toBeDefined();
    expect(exchanges).toEqual(['INVALID_RESPONSE']);
    await agent.close();
  });
});
