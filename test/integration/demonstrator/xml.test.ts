import https from 'node:https';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import { addDays, ukDate } from '../../../main/demonstrator/uk-time';
import { DEMO_CONSUMER_ENDPOINT_URL, DEMO_IDENTITY } from '../../../main/demonstrator/config-files';
import { WORKSTATION_CONSUMER } from '../../../main/demonstrator/data/practices';
import type { Requester } from '../../../main/spine/gpc-jwt';
import { buildHtmlJwt } from '../../../main/spine/html-jwt';
import { fhirJsonToXml, fhirXmlToJson } from '../../../shared/fhir/xml';
import type { GpcRequestOptions, Response } from './helpers';
import { errorCode, gpcRequest, send } from './helpers';

/** The STU3 XML wire format of the provider (SPEC §2): Accept, _format, Content-Type, XML bodies, gzip, chunked. */
let demo: Demonstrator;
beforeAll(async () => {
  demo = await startDemonstrator({ port: 0 });
});
afterEach(() => {
  demo.scenarios.deactivate();
});
afterAll(async () => {
  await demo.close();
});

type Resource = Record<string, unknown>;
const XML = 'application/fhir+xml';
const XML_REPLY = 'application/fhir+xml;charset=utf-8';
const JSON_REPLY = 'application/fhir+json;charset=utf-8';
const XML_BODY = { 'Content-Type': `${XML};charset=utf-8` };
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const example = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../../assets/gpconnect/examples/${path}`, import.meta.url), 'utf8')) as Resource;
const resources = (bundle: Resource) =>
  ((bundle['entry'] as { resource: Resource }[] | undefined) ?? []).map((e) => e.resource);

/** The body of a reply, decoded by its Content-Type (XML through the codec, never by hand). */
function decoded(res: Response): Resource {
  const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.raw) : res.raw).toString('utf8');
  return String(res.headers['content-type']).startsWith(XML) ? fhirXmlToJson(text) : (JSON.parse(text) as Resource);
}

async function expectXml(options: GpcRequestOptions, status: number): Promise<Resource> {
  const res = await send(demo, options);
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status, type: XML_REPLY });
  expect(res.raw.toString('utf8')).toMatch(
    /^<\?xml version="1\.0" encoding="UTF-8"\?><[A-Za-z]+ xmlns="http:\/\/hl7\.org\/fhir">/,
  );
  return decoded(res);
}

async function expectXmlError(options: GpcRequestOptions, status: number, code: string): Promise<Resource> {
  const body = await expectXml(options, status);
  expect({ resourceType: body['resourceType'], code: errorCode(body) }).toEqual({
    resourceType: 'OperationOutcome',
    code,
  });
  return body;
}

const metadata: GpcRequestOptions = { interaction: 'fhir:rest:read:metadata-1', request: '/metadata' };
const findPatient = (nhsNumber: string): GpcRequestOptions => ({
  interaction: 'fhir:rest:search:patient-1',
  request: `/Patient?identifier=${NHS}%7C${nhsNumber}`,
});
const parameters = (nhsNumber: string): Resource => ({
  resourceType: 'Parameters',
  parameter: [
    { name: 'patientNHSNumber', valueIdentifier: { system: NHS, value: nhsNumber } },
    { name: 'includeAllergies', part: [{ name: 'includeResolvedAllergies', valueBoolean: true }] },
    { name: 'includeMedication' },
  ],
});
const structured = (body: string, headers: Readonly<Record<string, string | undefined>>): GpcRequestOptions => ({
  interaction: 'fhir:operation:gpc.getstructuredrecord-1',
  request: '/Patient/$gpc.getstructuredrecord',
  method: 'POST',
  body,
  headers,
});
/** Bundle.id echoes the trace id: the rest of two answers to the same question must be equal. */
const withoutId = (bundle: Resource): Resource => ({ ...bundle, id: undefined });

describe('responses in XML (Accept)', () => {
  it('metadata: the same CapabilityStatement as JSON', async () => {
    const xml = await expectXml({ ...metadata, headers: { Accept: XML } }, 200);
    const json = await send(demo, metadata);
    expect(json.headers['content-type']).toBe(JSON_REPLY);
    expect(xml['resourceType']).toBe('CapabilityStatement');
    expect(xml).toEqual(json.body);
  });

  it('find patient: the same searchset Bundle as JSON', async () => {
    const xml = await expectXml({ ...findPatient('9658218873'), headers: { Accept: `${XML};charset=utf-8` } }, 200);
    const json = await send(demo, findPatient('9658218873'));
    expect(xml['type']).toBe('searchset');
    expect(resources(xml).map((r) => r['resourceType'])).toContain('Patient');
    expect(withoutId(xml)).toEqual(withoutId(json.body));
  });

  it('reads with an ETag keep it in XML', async () => {
    const found = await send(demo, findPatient('9658218873'));
    const id = String(resources(found.body)[0]?.['id']);
    const res = await send(demo, {
      interaction: 'fhir:rest:read:patient-1',
      request: `/Patient/${id}`,
      headers: { Accept: XML },
    });
    expect(res.headers['content-type']).toBe(XML_REPLY);
    expect(res.headers['etag']).toMatch(/^W\/"\d+"$/);
    expect(decoded(res)['id']).toBe(id);
  });

  it('an Accept list is read by q value; a wildcard follows the request', async () => {
    await expectXml({ ...metadata, headers: { Accept: `application/fhir+json;q=0.5, ${XML}` } }, 200);
    const json = await send(demo, { ...metadata, headers: { Accept: `${XML};q=0, application/fhir+json` } });
    expect(json.headers['content-type']).toBe(JSON_REPLY);
    const any = await send(demo, { ...metadata, headers: { Accept: '*/*' } });
    expect(any.headers['content-type']).toBe(JSON_REPLY);
  });
});

describe('request bodies in XML', () => {
  it('structured record: an XML Parameters body gets the same Bundle as the JSON body', async () => {
    const xml = await expectXml(structured(fhirJsonToXml(parameters('9658218873')), { ...XML_BODY, Accept: XML }), 200);
    const json = await send(demo, structured(JSON.stringify(parameters('9658218873')), { 'Content-Type': JSON_REPLY }));
    expect(json.status).toBe(200);
    expect(xml['type']).toBe('collection');
    expect(withoutId(xml)).toEqual(withoutId(json.body));
  });

  it('every structured patient case can be answered in XML; empty Lists keep emptyReason, lose `entry: []`', async () => {
    const xml = await expectXml(structured(fhirJsonToXml(parameters('9658218903')), { ...XML_BODY, Accept: XML }), 200);
    const json = await send(demo, structured(JSON.stringify(parameters('9658218903')), { 'Content-Type': JSON_REPLY }));
    const emptyLists = (bundle: Resource) =>
      resources(bundle).filter((r) => r['resourceType'] === 'List' && r['emptyReason'] !== undefined);
    expect(emptyLists(json.body).map((l) => l['entry'])).toContainEqual([]);
    expect(emptyLists(xml).length).toBe(emptyLists(json.body).length);
    expect(emptyLists(xml).every((l) => l['entry'] === undefined)).toBe(true);
  });

  it('no Accept and no _format: the answer follows the request Content-Type', async () => {
    const body = await expectXml(
      structured(fhirJsonToXml(parameters('9658218873')), { ...XML_BODY, Accept: undefined }),
      200,
    );
    expect(body['resourceType']).toBe('Bundle');
  });

  it('an XML body with a JSON Accept: XML in, JSON out', async () => {
    const res = await send(
      demo,
      structured(fhirJsonToXml(parameters('9658218873')), { ...XML_BODY, Accept: 'application/fhir+json' }),
    );
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 200, type: JSON_REPLY });
    expect(res.body['resourceType']).toBe('Bundle');
  });

  it('the request log keeps an XML body as redacted JSON', async () => {
    await send(demo, structured(fhirJsonToXml(parameters('9658218873')), { ...XML_BODY, Accept: XML }));
    const logged = demo.requestLog.last();
    expect(logged?.body).toMatchObject({ resourceType: 'Parameters' });
    expect(JSON.stringify(logged?.body)).not.toContain('9658218873');
  });

  it('book appointment: an XML Appointment is booked and answered in XML (201, Location, ETag)', async () => {
    const { slot, location } = await firstFree(3);
    const res = await send(demo, {
      interaction: 'fhir:rest:create:appointment-1',
      request: '/Appointment',
      method: 'POST',
      body: fhirJsonToXml(booking([slot], location)),
      headers: { ...XML_BODY, Accept: XML },
    });
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 201, type: XML_REPLY });
    const appointment = decoded(res);
    expect(appointment).toMatchObject({ resourceType: 'Appointment', status: 'booked' });
    expect(res.headers['location']).toContain(`Appointment/${String(appointment['id'])}`);
    expect(res.headers['etag']).toBe('W/"1"');
    // Booked for real: the slot is no longer free.
    const again = await send(demo, {
      interaction: 'fhir:rest:create:appointment-1',
      request: '/Appointment',
      method: 'POST',
      body: fhirJsonToXml(booking([slot], location)),
      headers: { ...XML_BODY, Accept: XML },
    });
    expect({ status: again.status, code: errorCode(decoded(again)) }).toEqual({
      status: 409,
      code: 'DUPLICATE_REJECTED',
    });
  });

  it('slot taken between search and book (scenario) also reads XML bookings', async () => {
    const { slot, location } = await firstFree(4);
    demo.scenarios.activate({ name: 'slot-taken' });
    await expectXmlError(
      {
        interaction: 'fhir:rest:create:appointment-1',
        request: '/Appointment',
        method: 'POST',
        body: fhirJsonToXml(booking([slot], location)),
        headers: { ...XML_BODY, Accept: XML },
      },
      409,
      'DUPLICATE_REJECTED',
    );
  });
});

describe('errors in the negotiated format', () => {
  it('a provider error (dissent) is an XML OperationOutcome with the GP Connect profile', async () => {
    const body = await expectXmlError(
      structured(fhirJsonToXml(parameters('9450056234')), { ...XML_BODY, Accept: XML }),
      403,
      'NO_PATIENT_CONSENT',
    );
    expect(body['meta']).toEqual({
      profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1'],
    });
  });

  it('header and JWT faults, found before the format is checked, still answer in XML', async () => {
    await expectXmlError({ ...metadata, headers: { Accept: XML, 'Ssp-TraceID': 'not-a-uuid' } }, 400, 'BAD_REQUEST');
    await expectXmlError(
      { ...metadata, headers: { Accept: XML }, claims: { sub: 'someone-else' } },
      400,
      'BAD_REQUEST',
    );
    await expectXmlError(
      {
        ...findPatient('9324926233'),
        request: '/Patient/99999',
        interaction: 'fhir:rest:read:patient-1',
        headers: { Accept: XML },
      },
      404,
      'PATIENT_NOT_FOUND',
    );
  });

  it('injected faults (GP Connect disabled, 500) answer in XML too', async () => {
    demo.scenarios.activate({ name: 'gp-connect-disabled', odsCode: 'A20047' });
    await expectXmlError({ ...metadata, headers: { Accept: XML } }, 403, 'ACCESS DENIED');
    demo.scenarios.deactivate();
    demo.scenarios.activate({ name: 'http-500' });
    await expectXmlError({ ...metadata, request: '/metadata?_format=xml' }, 500, 'INTERNAL_SERVER_ERROR');
  });
});

describe('_format (SPEC §2: wins over Accept)', () => {
  it('_format=xml beats a JSON Accept; _format=json beats an XML Accept', async () => {
    await expectXml(
      { ...metadata, request: '/metadata?_format=xml', headers: { Accept: 'application/fhir+json' } },
      200,
    );
    await expectXml(
      {
        ...metadata,
        request: `/metadata?_format=${encodeURIComponent(XML)}`,
        headers: { Accept: 'application/fhir+json' },
      },
      200,
    );
    const json = await send(demo, { ...metadata, request: '/metadata?_format=json', headers: { Accept: XML } });
    expect({ status: json.status, type: json.headers['content-type'] }).toEqual({ status: 200, type: JSON_REPLY });
  });

  it('_format=xml with a JSON body: JSON in, XML out', async () => {
    const body = await expectXml(
      {
        ...structured(JSON.stringify(parameters('9658218873')), { 'Content-Type': JSON_REPLY }),
        request: '/Patient/$gpc.getstructuredrecord?_format=xml',
      },
      200,
    );
    expect(body['type']).toBe('collection');
  });
});

describe('415 Unsupported Media Type', () => {
  it('for a response format nobody serves, by Accept or by _format (even with a usable Accept)', async () => {
    for (const options of [
      { ...metadata, headers: { Accept: 'text/html' } },
      { ...metadata, request: '/metadata?_format=text/turtle', headers: { Accept: XML } },
    ]) {
      const res = await send(demo, options);
      expect({ status: res.status, code: errorCode(res.body), type: res.headers['content-type'] }).toEqual({
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        type: JSON_REPLY,
      });
    }
  });

  it('for a request body type that is neither FHIR JSON nor FHIR XML', async () => {
    const res = await send(
      demo,
      structured('patientNHSNumber=9658218873', { 'Content-Type': 'text/plain', Accept: XML }),
    );
    expect({ status: res.status, code: errorCode(decoded(res)) }).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });

  it('for XML on Access Record HTML 0.7.4 (DSTU2 is served as JSON only)', async () => {
    const requester: Requester = {
      consumer: {
        endpointUrl: DEMO_CONSUMER_ENDPOINT_URL,
        odsCode: WORKSTATION_CONSUMER.odsCode,
        organisationName: WORKSTATION_CONSUMER.name,
        deviceId: 'GPCW-DEMO-0001',
      },
      user: { id: DEMO_IDENTITY.sdsUserId, ...DEMO_IDENTITY },
      product: { name: 'GP Connect Workstation', version: '0.1.0' },
    };
    const dstu2 = (request: string, accept: string) =>
      send(demo, {
        interaction: 'fhir:rest:read:metadata',
        request,
        jwt: buildHtmlJwt(requester, { now: new Date(), odsCode: 'A20047' }),
        headers: { Accept: accept },
      });
    expect((await dstu2('/metadata', 'application/json+fhir')).status).toBe(200);
    for (const res of [
      await dstu2('/metadata', 'application/xml+fhir'),
      await dstu2('/metadata?_format=xml', 'application/json+fhir'),
    ]) {
      expect({ status: res.status, code: errorCode(res.body), type: res.headers['content-type'] }).toEqual({
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        type: 'application/json+fhir;charset=utf-8',
      });
    }
  });
});

describe('malformed and invalid XML bodies (SPEC §8)', () => {
  const cases: [string, string, number, string][] = [
    ['not XML at all', 'this is not xml', 400, 'BAD_REQUEST'],
    ['unclosed element', '<Parameters xmlns="http://hl7.org/fhir"><parameter>', 400, 'BAD_REQUEST'],
    [
      'outside the FHIR namespace',
      '<Parameters><parameter><name value="x"/></parameter></Parameters>',
      400,
      'BAD_REQUEST',
    ],
    [
      'a DOCTYPE (entity expansion)',
      '<?xml version="1.0"?><!DOCTYPE Parameters [<!ENTITY x "y">]><Parameters xmlns="http://hl7.org/fhir"/>',
      400,
      'BAD_REQUEST',
    ],
    ['an unknown resource type', '<Nonsense xmlns="http://hl7.org/fhir"/>', 422, 'INVALID_RESOURCE'],
    [
      'an element STU3 does not define',
      '<Parameters xmlns="http://hl7.org/fhir"><parameter><colour value="red"/></parameter></Parameters>',
      422,
      'INVALID_RESOURCE',
    ],
    [
      'a wrongly typed primitive',
      '<Parameters xmlns="http://hl7.org/fhir"><parameter><name value="x"/><valueBoolean value="yes"/></parameter></Parameters>',
      422,
      'INVALID_RESOURCE',
    ],
  ];
  it.each(cases.map(([name, body, status, code]) => [name, status, code, body] as const))(
    '%s → %i %s, as an XML OperationOutcome',
    async (_name, status, code, body) => {
      const outcome = await expectXmlError(structured(body, { ...XML_BODY, Accept: XML }), status, code);
      expect(JSON.stringify(outcome['issue'])).toMatch(/diagnostics/);
    },
  );

  it('a body that is not UTF-8 → 400 BAD_REQUEST', async () => {
    const { url, call: options } = gpcRequest(demo, structured('', { ...XML_BODY, Accept: 'application/fhir+json' }));
    const latin1 = Buffer.from(
      '<Parameters xmlns="http://hl7.org/fhir"><parameter><name value="caf\xe9"/></parameter></Parameters>',
      'latin1',
    );
    const res = await rawRequest(url, options.headers ?? {}, [latin1]);
    expect({ status: res.status, code: errorCode(decoded(res)) }).toEqual({ status: 400, code: 'BAD_REQUEST' });
  });
});

describe('transfer: chunked request bodies and gzip', () => {
  it('accepts a chunked XML body (Transfer-Encoding: chunked, no Content-Length)', async () => {
    const xml = Buffer.from(fhirJsonToXml(parameters('9658218873')), 'utf8');
    const { url, call: options } = gpcRequest(demo, structured('', { ...XML_BODY, Accept: XML }));
    // Three chunks, cut mid-element: the server must put them back together before decoding.
    const third = Math.floor(xml.length / 3);
    const res = await rawRequest(url, options.headers ?? {}, [
      xml.subarray(0, third),
      xml.subarray(third, 2 * third),
      xml.subarray(2 * third),
    ]);
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 200, type: XML_REPLY });
    expect(decoded(res)['type']).toBe('collection');
    const logged = demo.requestLog.last();
    expect(logged?.headers['transfer-encoding']).toBe('chunked');
    expect(logged?.headers['content-length']).toBeUndefined();
  });

  it('gzips an XML answer when asked', async () => {
    const res = await send(demo, { ...findPatient('9658218873'), headers: { Accept: XML, 'Accept-Encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe(XML_REPLY);
    expect(Number(res.headers['content-length'])).toBe(res.raw.length);
    const body = decoded(res);
    expect(body['type']).toBe('searchset');
  });
});

/** A request written in pieces: Node sends Transfer-Encoding: chunked and no Content-Length. */
function rawRequest(
  url: string,
  headers: Readonly<Record<string, string | undefined>>,
  chunks: readonly Buffer[],
): Promise<Response> {
  const target = new URL(url);
  const sent: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) sent[k] = v;
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        hostname: target.hostname,
        port: target.port,
        path: url.slice(target.origin.length),
        method: 'POST',
        headers: sent,
        ca: demo.pki.ca.certificate,
        cert: demo.pki.client.certificate,
        key: demo.pki.client.privateKey,
        agent: false,
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: {}, raw: Buffer.concat(parts) }),
        );
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

/** Free slots from a day on, with the Location of their schedule (what a booking names). */
async function firstFree(fromDay: number): Promise<{ slot: Resource; location: string }> {
  const today = ukDate(new Date());
  const res = await send(demo, {
    interaction: 'fhir:rest:search:slot-1',
    request: `/Slot?start=ge${addDays(today, fromDay)}&end=le${addDays(today, fromDay + 6)}&status=free&_include=Slot:schedule`,
  });
  const all = resources(res.body);
  const slot = all.find((r) => r['resourceType'] === 'Slot');
  if (!slot) throw new Error('the book has no free slot');
  const schedule = all.find(
    (s) => `Schedule/${String(s['id'])}` === (slot['schedule'] as { reference: string }).reference,
  );
  const location = ((schedule?.['actor'] as { reference: string }[] | undefined) ?? []).find((a) =>
    a.reference.startsWith('Location/'),
  );
  return { slot, location: location?.reference ?? '' };
}

function booking(slots: Resource[], location: string): Resource {
  const request = example('appointments/book_appt_request_example.json');
  const contained = (request['contained'] as Resource[])[0] ?? {};
  return {
    ...request,
    contained: [
      { ...contained, identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'Y90001' }] },
    ],
    start: slots[0]?.['start'],
    end: slots[slots.length - 1]?.['end'],
    slot: slots.map((s) => ({ reference: `Slot/${String(s['id'])}` })),
    created: new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    participant: [
      { actor: { reference: 'Patient/10' }, status: 'accepted' },
      { actor: { reference: location }, status: 'accepted' },
    ],
  };
}
