import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import { SCENARIOS, parseScenario } from '../../../main/demonstrator/scenarios';
import { addDays, ukDate } from '../../../main/demonstrator/uk-time';
import { call, errorCode, gpcRequest, send } from './helpers';

let demo: Demonstrator;
beforeAll(async () => {
  demo = await startDemonstrator({ port: 0 });
});
afterAll(async () => {
  await demo.close();
});
afterEach(() => {
  demo.scenarios.deactivate();
});

type Resource = Record<string, unknown>;
const metadata = { interaction: 'fhir:rest:read:metadata-1', request: '/metadata' };
const JSON_BODY = { 'Content-Type': 'application/fhir+json;charset=utf-8' };
const resources = (bundle: Resource) =>
  ((bundle['entry'] as { resource: Resource }[] | undefined) ?? []).map((e) => e.resource);

async function admin(method: string, path: string, token: string | null = demo.admin.token) {
  const res = await fetch(`${demo.admin.url}${path}`, {
    method,
    headers: token === null ? {} : { Authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as Resource };
}

async function firstFreeSlot(): Promise<{ slot: Resource; location: string }> {
  const d = ukDate(new Date());
  const res = await send(demo, {
    interaction: 'fhir:rest:search:slot-1',
    request: `/Slot?start=ge${addDays(d, 6)}&end=le${addDays(d, 12)}&status=free&_include=Slot:schedule`,
  });
  const all = resources(res.body);
  const slot = all.find((r) => r['resourceType'] === 'Slot');
  const schedule = all.find(
    (r) => `Schedule/${String(r['id'])}` === (slot?.['schedule'] as { reference: string }).reference,
  );
  const location = ((schedule?.['actor'] as { reference: string }[]) ?? []).find((a) =>
    a.reference.startsWith('Location/'),
  );
  if (!slot || !location) throw new Error('no free slot');
  return { slot, location: location.reference };
}

function bookingBody(slot: Resource, location: string): string {
  return JSON.stringify({
    resourceType: 'Appointment',
    meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Appointment-1'] },
    contained: [
      {
        resourceType: 'Organization',
        id: '1',
        identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'Y90001' }],
        name: 'Workstation Demo Trust',
        telecom: [{ system: 'phone', value: '01632 960999' }],
      },
    ],
    extension: [
      {
        url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-BookingOrganisation-1',
        valueReference: { reference: '#1' },
      },
    ],
    status: 'booked',
    description: 'Review',
    start: slot['start'],
    end: slot['end'],
    slot: [{ reference: `Slot/${String(slot['id'])}` }],
    created: new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    participant: [
      { actor: { reference: 'Patient/10' }, status: 'accepted' },
      { actor: { reference: location }, status: 'accepted' },
    ],
  });
}

const book = (body: string) =>
  send(demo, {
    interaction: 'fhir:rest:create:appointment-1',
    request: '/Appointment',
    method: 'POST',
    body,
    headers: JSON_BODY,
  });

describe('admin endpoint', () => {
  it('needs the run’s token', async () => {
    expect((await admin('GET', '/scenarios', null)).status).toBe(401);
    expect((await admin('GET', '/scenarios', 'not-the-token')).status).toBe(401);
  });

  it('lists, switches on and off; unknown names and bad values are refused', async () => {
    const listed = await admin('GET', '/scenarios');
    expect(listed.status).toBe(200);
    expect(Object.keys(listed.body['available'] as Resource)).toHaveLength(Object.keys(SCENARIOS).length);
    const on = await admin('PUT', '/scenarios/http-500?ods=B82617');
    expect(on.body['active']).toEqual([{ name: 'http-500', odsCode: 'B82617' }]);
    expect((await send(demo, { ...metadata, ods: 'B82617' })).status).toBe(500);
    expect((await send(demo, metadata)).status).toBe(200);
    await admin('DELETE', '/scenarios/http-500');
    expect((await send(demo, { ...metadata, ods: 'B82617' })).status).toBe(200);
    expect((await admin('PUT', '/scenarios/no-such-thing')).status).toBe(404);
    expect((await admin('PUT', '/scenarios/slow-practice?value=soon')).status).toBe(400);
  });

  it('parses --scenario NAME[:NUMBER][@ODS]', () => {
    expect(parseScenario('slow-practice:1500@B82617')).toEqual({
      name: 'slow-practice',
      value: 1500,
      odsCode: 'B82617',
    });
    expect(parseScenario('timeout')).toEqual({ name: 'timeout' });
    expect(parseScenario('teapot')).toMatch(/unknown scenario/);
    expect(parseScenario('slow-practice:fast')).toMatch(/NAME\[:NUMBER\]/);
  });
});

describe('scenarios', () => {
  it('slow practice answers after N ms, only at that practice', async () => {
    demo.scenarios.activate({ name: 'slow-practice', value: 400, odsCode: 'A20047' });
    let t = performance.now();
    expect((await send(demo, metadata)).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(390);
    t = performance.now();
    await send(demo, { ...metadata, ods: 'C84123' });
    expect(performance.now() - t).toBeLessThan(390);
  });

  it('timeout: no answer until the client gives up', async () => {
    demo.scenarios.activate({ name: 'timeout' });
    const { url, call: options } = gpcRequest(demo, metadata);
    const outcome = await Promise.race([
      call(demo, url, options).then(() => 'answered'),
      new Promise((resolve) => setTimeout(() => resolve('no answer'), 500)),
    ]);
    expect(outcome).toBe('no answer');
    expect(demo.requestLog.last()?.errorCode).toBe('TIMEOUT');
  });

  it('502 from SSP when the practice is unreachable', async () => {
    demo.scenarios.activate({ name: 'http-502' });
    const res = await send(demo, metadata);
    expect(res.status).toBe(502);
    expect(errorCode(res.body)).toMatch(/^ERROR_COMMUNICATING_TO_ENDPOINT_URL_https:\/\/127\.0\.0\.1/);
  });

  it('502 for the next N calls only, then the practice answers again', async () => {
    demo.scenarios.activate({ name: 'http-502', value: 2 });
    expect((await send(demo, metadata)).status).toBe(502);
    expect((await send(demo, metadata)).status).toBe(502);
    expect((await send(demo, metadata)).status).toBe(200);
  });

  it('no sharing agreement: SSP 403 FOT_CHECK_FAILED naming sender and receiver', async () => {
    demo.scenarios.activate({ name: 'no-sharing-agreement', odsCode: 'A20047' });
    const res = await send(demo, metadata);
    expect(res.status).toBe(403);
    expect(errorCode(res.body)).toMatch(/^FOT_CHECK_FAILED_MESSAGESENDER_\d+_MESSAGERECEIVER_\d+$/);
    expect((await send(demo, { ...metadata, ods: 'C84123' })).status).toBe(200);
  });

  it('GP Connect disabled at a practice: 403 ACCESS DENIED', async () => {
    demo.scenarios.activate({ name: 'gp-connect-disabled', odsCode: 'A20047' });
    const res = await send(demo, metadata);
    expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status: 403, code: 'ACCESS DENIED' });
  });

  it('slot taken between search and book: 409 DUPLICATE_REJECTED', async () => {
    const { slot, location } = await firstFreeSlot();
    demo.scenarios.activate({ name: 'slot-taken' });
    const res = await book(bookingBody(slot, location));
    expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status: 409, code: 'DUPLICATE_REJECTED' });
  });

  it('dropped connection after a booking was committed: the appointment exists', async () => {
    const { slot, location } = await firstFreeSlot();
    demo.scenarios.activate({ name: 'drop-after-booking' });
    await expect(book(bookingBody(slot, location))).rejects.toThrow(/socket hang up|ECONNRESET/);
    demo.scenarios.deactivate('drop-after-booking');
    const booked = [...demo.state.book('A20047').appointments.values()].find((a) =>
      a.slotIds.includes(String(slot['id'])),
    );
    expect(booked).toBeDefined();
    const read = await send(demo, {
      interaction: 'fhir:rest:read:appointment-1',
      request: `/Appointment/${String(booked?.id)}`,
    });
    expect(read.status).toBe(200);
    // Retrying the same booking blindly is now a duplicate.
    expect((await book(bookingBody(slot, location))).status).toBe(409);
  });

  it('stale If-Match: someone else changed the appointment first', async () => {
    const { slot, location } = await firstFreeSlot();
    const booked = await book(bookingBody(slot, location));
    expect(booked.status).toBe(201);
    demo.scenarios.activate({ name: 'stale-if-match' });
    const res = await send(demo, {
      interaction: 'fhir:rest:update:appointment-1',
      request: `/Appointment/${String(booked.body['id'])}`,
      method: 'PUT',
      body: JSON.stringify({ ...booked.body, comment: 'please call first' }),
      headers: { ...JSON_BODY, 'If-Match': 'W/"1"' },
    });
    expect(res.status).toBe(409);
  });

  it('expired server certificate and wrong CA fail the TLS handshake; valid again when switched off', async () => {
    demo.scenarios.activate({ name: 'expired-certificate' });
    await expect(send(demo, metadata)).rejects.toThrow(/expired/i);
    demo.scenarios.activate({ name: 'wrong-ca' });
    await expect(send(demo, metadata)).rejects.toThrow(/self[- ]signed|unable to verify|issuer/i);
    demo.scenarios.deactivate();
    expect((await send(demo, metadata)).status).toBe(200);
  });
});

describe('determinism', () => {
  it('the same seed gives the same appointment books; another seed another', async () => {
    const at = new Date('2026-06-01T08:00:00Z');
    const { ProviderState } = await import('../../../main/demonstrator/provider/provider-state');
    const slots = (seed: number) =>
      JSON.stringify(
        [...new ProviderState(seed, at).book('A20047').slots.values()].map((s) => [s.id, s.start, s.status, s.channel]),
      );
    expect(slots(7)).toBe(slots(7));
    expect(slots(7)).not.toBe(slots(8));
  });
});
