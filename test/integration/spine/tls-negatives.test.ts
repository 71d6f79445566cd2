import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpineError } from '../../../main/spine/spine-error';
import { spineHttp } from '../../../main/spine/spine-http';
import type { TlsCredentials } from '../../../main/spine/tls-agent';
import { createSpineAgent } from '../../../main/spine/tls-agent';
import { SPINE_CIPHERS, SPINE_MAX_TLS_VERSION } from '../../../main/spine/tls-policy';
import type { Issued } from '../../fixtures/pki';
import { ca, issue } from '../../fixtures/pki';
import type { Peer } from '../../fixtures/tls-peers';
import { startNginx, startOpensslServer } from '../../fixtures/tls-peers';

/**
 * The consumer's TLS against real peers: each way a Spine connection must be refused, refused with a reason an IT
 * service desk can act on. openssl s_server and nginx play the server.
 */
let spineCa: Issued;
let otherCa: Issued;
let consumer: TlsCredentials;
let strangerConsumer: TlsCredentials;
const peers: Peer[] = [];

beforeAll(() => {
  spineCa = ca('Test Spine Root CA');
  otherCa = ca('Some Other CA');
  const client = issue({ commonName: 'workstation.example', issuer: spineCa, usage: 'client' });
  const stranger = issue({ commonName: 'workstation.example', issuer: otherCa, usage: 'client' });
  consumer = { certificate: client.certificate, privateKey: client.privateKey, trustedCa: [spineCa.certificate] };
  strangerConsumer = { ...consumer, certificate: stranger.certificate, privateKey: stranger.privateKey };
});
afterAll(async () => {
  await Promise.all(peers.map((p) => p.close()));
});

const goodServer = () =>
  issue({ commonName: '127.0.0.1', issuer: spineCa, ipAddresses: ['127.0.0.1'], usage: 'server' });

async function peer(start: Promise<Peer>): Promise<Peer> {
  const p = await start;
  peers.push(p);
  return p;
}

async function refusal(agent: Agent, url: string): Promise<SpineError['failure']> {
  try {
    const response = await spineHttp(agent, { method: 'GET', url, headers: {}, timeoutMs: 10_000 });
    throw new Error(`expected a refusal, got HTTP ${response.status}`);
  } catch (err) {
    if (err instanceof SpineError) return err.failure;
    throw err;
  } finally {
    await agent.close();
  }
}

describe('TLS mutual authentication against real peers', () => {
  it('connects to a proper peer (control case)', async () => {
    const p = await peer(startOpensslServer({ server: goodServer(), requireClientCa: spineCa }));
    const agent = createSpineAgent(consumer);
    const response = await spineHttp(agent, { method: 'GET', url: p.url, headers: {}, timeoutMs: 10_000 });
    await agent.close();
    expect(response.status).toBe(200);
  });

  it('no client certificate: the server refuses the handshake', async () => {
    const p = await peer(startOpensslServer({ server: goodServer(), requireClientCa: spineCa }));
    const bare = new Agent({
      connect: {
        ca: [spineCa.certificate],
        minVersion: 'TLSv1.2',
        maxVersion: SPINE_MAX_TLS_VERSION,
        ciphers: SPINE_CIPHERS,
      },
    });
    const failure = await refusal(bare, p.url);
    expect(failure.code).toBe('TLS_FAILED');
    expect(failure.detail).toContain('refused our client certificate');
  });

  it('client certificate from another CA: the server refuses it', async () => {
    const p = await peer(startOpensslServer({ server: goodServer(), requireClientCa: spineCa }));
    const failure = await refusal(createSpineAgent(strangerConsumer), p.url);
    expect(failure.code).toBe('TLS_FAILED');
    expect(failure.detail).toContain('refused our client certificate');
  });

  it('client certificate from another CA at nginx (ssl_verify_client on): refused, said plainly', async () => {
    const p = await peer(startNginx({ server: goodServer(), clientCa: spineCa }));
    const failure = await refusal(createSpineAgent(strangerConsumer), p.url);
    expect(failure.code).toBe('TLS_FAILED');
    expect(failure.detail).toContain('refused our client certificate');
  });

  it('nginx accepts our own certificate (control case)', async () => {
    const p = await peer(startNginx({ server: goodServer(), clientCa: spineCa }));
    const agent = createSpineAgent(consumer);
    const response = await spineHttp(agent, { method: 'GET', url: p.url, headers: {}, timeoutMs: 10_000 });
    await agent.close();
    expect(response.status).toBe(200);
  });

  it('expired server certificate: refused', async () => {
    const expired = issue({
      commonName: '127.0.0.1',
      issuer: spineCa,
      ipAddresses: ['127.0.0.1'],
      usage: 'server',
      notBefore: new Date('2024-01-01'),
      notAfter: new Date('2025-01-01'),
    });
    const p = await peer(startOpensslServer({ server: expired }));
    const failure = await refusal(createSpineAgent(consumer), p.url);
    expect(failure).toMatchObject({ code: 'TLS_FAILED', detail: expect.stringContaining('has expired') });
  });

  it('hostname mismatch: refused', async () => {
    const elsewhere = issue({
      commonName: 'ssp.example.nhs.uk',
      issuer: spineCa,
      dnsNames: ['ssp.example.nhs.uk'],
      usage: 'server',
    });
    const p = await peer(startOpensslServer({ server: elsewhere }));
    const failure = await refusal(createSpineAgent(consumer), p.url);
    expect(failure).toMatchObject({
      code: 'TLS_FAILED',
      detail: expect.stringContaining("does not match the server's name"),
    });
  });

  it('self-signed server: refused', async () => {
    const selfSigned = issue({ commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], usage: 'server' });
    const p = await peer(startOpensslServer({ server: selfSigned }));
    const failure = await refusal(createSpineAgent(consumer), p.url);
    expect(failure).toMatchObject({ code: 'TLS_FAILED', detail: expect.stringContaining('self-signed') });
  });

  it('server that speaks only TLS 1.0/1.1: refused', async () => {
    const p = await peer(
      startOpensslServer({ server: goodServer(), extraArgs: ['-tls1_1', '-cipher', 'DEFAULT@SECLEVEL=0'] }),
    );
    const failure = await refusal(createSpineAgent(consumer), p.url);
    expect(failure).toMatchObject({ code: 'TLS_FAILED', detail: expect.stringContaining('TLS 1.2 or later') });
  });
});
