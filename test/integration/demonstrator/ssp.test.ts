import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demonstrator } from '../../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../../main/demonstrator/demonstrator';
import { LIMITED_CONSUMER, practiceByOds } from '../../../main/demonstrator/data/practices';
import { call, errorCode, gpcRequest, send } from './helpers';

let demo: Demonstrator;
beforeAll(async () => {
  demo = await startDemonstrator({ port: 0 });
});
afterAll(async () => {
  await demo.close();
});

const metadata = { interaction: 'fhir:rest:read:metadata-1', request: '/metadata' } as const;
const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../assets/gpconnect/examples/errors/${name}`, import.meta.url), 'utf8')) as {
    issue: { code: string; details: { coding: { system: string; code: string }[] } }[];
  };

describe('SSP front: https://127.0.0.1:PORT/<service root>/<fhir request>', () => {
  it('parses the service root out of the proxied URL and forwards to that practice', async () => {
    const { url } = gpcRequest(demo, metadata);
    expect(url).toBe(`${demo.baseUrl}/${demo.baseUrl}/A20047/STU3/1/gpconnect/metadata`);
    const res = await send(demo, metadata);
    expect(res.status).toBe(200);
    const entry = demo.requestLog.last();
    expect(entry).toMatchObject({
      service: 'ssp',
      serviceRoot: demo.serviceRoot('A20047'),
      interactionId: 'urn:nhs:names:services:gpconnect:fhir:rest:read:metadata-1',
      status: 200,
    });
  });

  it('routes a query string and a Structured root (the longer root wins)', async () => {
    const find = await send(demo, {
      interaction: 'fhir:rest:search:patient-1',
      request: '/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number%7C9658218873',
    });
    expect(find.status).toBe(200);
    const structured = await send(demo, {
      ods: 'C84123',
      interaction: 'structured:fhir:rest:read:metadata-1',
      request: '/metadata',
    });
    expect(demo.requestLog.last()?.serviceRoot).toBe(demo.serviceRoot('C84123', 'structured'));
    expect(structured.status).toBe(403);
    expect(errorCode(structured.body)).toBe('ACCESS DENIED');
  });

  it('lets the provider be called directly at its service root too (what SSP forwards to)', async () => {
    const res = await send(demo, { ...metadata, via: 'direct' });
    expect(res.status).toBe(200);
    expect(demo.requestLog.last()?.service).toBe('provider');
  });

  it('403 ASID_CHECK_FAILED for a sender ASID SSP does not know, in the shape of the published example', async () => {
    const res = await send(demo, { ...metadata, headers: { 'Ssp-From': '999999999999' } });
    expect(res.status).toBe(403);
    expect(errorCode(res.body)).toBe('ASID_CHECK_FAILED_MESSAGESENDER_999999999999');
    const published = example('ssp-403-ASID_CHECK_FAILED.json');
    const issue = (res.body['issue'] as typeof published.issue)[0];
    expect(issue?.code).toBe(published.issue[0]?.code);
    expect(issue?.details.coding[0]?.system).toBe(published.issue[0]?.details.coding[0]?.system);
    expect(issue?.details.coding[0]?.code).toBe('403');
  });

  it('403 ASID_CHECK_FAILED when Ssp-From is missing', async () => {
    const res = await send(demo, { ...metadata, headers: { 'Ssp-From': undefined } });
    expect(res.status).toBe(403);
    expect(errorCode(res.body)).toBe('ASID_CHECK_FAILED_MESSAGESENDER_');
  });

  it('403 PARTYKEY_INTERACTION_CHECK_FAILED for a receiver ASID not registered for the interaction', async () => {
    const res = await send(demo, { ...metadata, headers: { 'Ssp-To': '123456789012' } });
    expect(res.status).toBe(403);
    expect(errorCode(res.body)).toBe('PARTYKEY_INTERACTION_CHECK_FAILED_MESSAGERECEIVER_123456789012');
    const unknownInteraction = await send(demo, {
      ...metadata,
      headers: { 'Ssp-InteractionID': 'urn:nhs:names:services:gpconnect:fhir:rest:read:metadata-9' },
    });
    expect(unknownInteraction.status).toBe(403);
  });

  it('403 FOT_CHECK_FAILED when the consumer has no sharing agreement with the practice', async () => {
    const b82617 = practiceByOds('B82617')?.asid ?? '';
    const refused = await send(demo, { ...metadata, ods: 'B82617', headers: { 'Ssp-From': LIMITED_CONSUMER.asid } });
    expect(refused.status).toBe(403);
    expect(errorCode(refused.body)).toBe(
      `FOT_CHECK_FAILED_MESSAGESENDER_${LIMITED_CONSUMER.asid}_MESSAGERECEIVER_${b82617}`,
    );
    const allowed = await send(demo, { ...metadata, headers: { 'Ssp-From': LIMITED_CONSUMER.asid } });
    expect(allowed.status).toBe(200);
  });

  it('400 when the target URL is not the root SDS holds for the receiver (other practice, case, wrong root)', async () => {
    const otherPractice = await send(demo, { ...metadata, headers: { 'Ssp-To': practiceByOds('B82617')?.asid } });
    expect(otherPractice.status).toBe(400);
    expect(errorCode(otherPractice.body)).toMatch(
      new RegExp(
        `^ENDPOINT_${demo.serviceRoot('B82617')}_CPAID_S20001A001114_VARIES_FROM_TARGETURL_${demo.serviceRoot('A20047')}$`,
      ),
    );

    const lowerCase = gpcRequest(demo, metadata);
    const res = await call(demo, lowerCase.url.replace('/A20047/', '/a20047/'), lowerCase.call);
    expect(res.status).toBe(400);
    expect(errorCode(res.body)).toMatch(/VARIES_FROM_TARGETURL/);

    // A Structured interaction sent to the Foundations root.
    const wrongRoot = gpcRequest(demo, { interaction: 'structured:fhir:rest:read:metadata-1', request: '/metadata' });
    const misrouted = await call(demo, wrongRoot.url.replace('/gpconnect/structured/', '/gpconnect/'), wrongRoot.call);
    expect(misrouted.status).toBe(400);

    // An IP substituted or a port added would also differ from SDS: the root must be used exactly as held.
    const added = await call(demo, lowerCase.url.replace(`/${demo.baseUrl}/`, `/${demo.baseUrl}:443/`), lowerCase.call);
    expect(added.status).toBe(400);
  });

  it('405 for a verb no GP Connect interaction uses', async () => {
    const res = await send(demo, { ...metadata, method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(errorCode(res.body)).toBe('405: Method Not Allowed');
  });

  it('answers 404 for paths that are neither SSP, a provider, PDS nor SDS', async () => {
    const res = await call(demo, '/nothing-here');
    expect(res.status).toBe(404);
  });
});
