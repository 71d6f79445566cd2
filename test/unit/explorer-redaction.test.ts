import { spawnSync } from 'node:child_process';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { curlCommand, shellQuote } from '../../main/explorer/curl';
import { ExchangeLog } from '../../main/explorer/exchange-log';
import {
  REDACTED_CREDENTIAL,
  maskAuthorization,
  maskBody,
  maskNhsInText,
  redactHeaders,
} from '../../main/explorer/redaction';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const unsigned = (claims: unknown) => `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;

describe('explorer redaction and masking', () => {
  it('masks valid NHS numbers only: not ASIDs, not numbers with a wrong check digit', () => {
    expect(maskNhsInText('Patient/9434765919 and 943 476 5918 and 9434765918 and 200000000985')).toBe(
      'Patient/*** *** 5919 and 943 476 5918 and 9434765918 and 200000000985',
    );
  });

  it('masks strings in JSON bodies but never numbers such as iat', () => {
    const masked = JSON.parse(
      maskBody(JSON.stringify({ value: '9658218873', iat: 9658218873, nested: [{ v: 'x 9658218873 y' }] })),
    ) as Record<string, unknown>;
    expect(masked).toEqual({ value: '*** *** 8873', iat: 9658218873, nested: [{ v: 'x *** *** 8873 y' }] });
  });

  it('removes the SDS apikey, cookies and any credential-bearing Authorization; keeps the unsigned GP Connect JWT', () => {
    const jwt = unsigned({ sub: 'u1' });
    const signed = `Bearer ${b64({ alg: 'RS512', typ: 'JWT' })}.${b64({ sub: 'u1' })}.c2lnbmF0dXJl`;
    expect(redactHeaders({ apikey: 'secret-key', cookie: 'a=b', authorization: jwt })).toEqual({
      apikey: '[redacted: SDS API key]',
      cookie: '[redacted: cookie]',
      authorization: jwt,
    });
    expect(redactHeaders({ authorization: signed }).authorization).toBe(REDACTED_CREDENTIAL);
    expect(redactHeaders({ authorization: 'Bearer opaque-oauth-token' }).authorization).toBe(REDACTED_CREDENTIAL);
  });

  it('never keeps key material: a PEM block in a body or header is gone before it is stored', () => {
    const log = new ExchangeLog();
    const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
    log.record({
      startedAt: new Date(),
      durationMs: 1,
      method: 'POST',
      url: 'https://ssp.example/x',
      requestHeaders: { 'x-debug': key },
      requestBody: `{"k":${JSON.stringify(key)}}`,
      status: 200,
      responseHeaders: {},
      responseBody: key,
    });
    const stored = JSON.stringify(log.list());
    expect(stored).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(stored).toContain('[redacted: key or certificate]');
  });

  it('re-encodes a 0.7.x JWT with its requested_record masked, so base64 does not leak the NHS number', () => {
    const masked = maskAuthorization(
      unsigned({ requested_record: { identifier: [{ value: '9434765919' }] }, iat: 1717410000 }),
    );
    expect(masked).not.toContain(b64('9434765919').slice(0, 10));
    const claims = decodeJwt(masked.slice('Bearer '.length));
    expect(claims).toEqual({ requested_record: { identifier: [{ value: '*** *** 5919' }] }, iat: 1717410000 });
  });

  it('bounds the session log to its capacity, dropping the oldest', () => {
    const log = new ExchangeLog({ capacity: 3 });
    for (let i = 0; i < 5; i += 1) {
      log.record({ startedAt: new Date(), durationMs: 1, method: 'GET', url: `https://x/${i}`, requestHeaders: {} });
    }
    expect(log.list().map((e) => e.url)).toEqual(['https://x/2', 'https://x/3', 'https://x/4']);
    expect(log.dropped).toBe(2);
  });
});

describe('curl export', () => {
  const nasty = `it's "quoted" $HOME \`date\` \\ \n newline; rm -rf /`;

  it('single-quotes so that a POSIX shell gives back exactly the value', () => {
    const r = spawnSync('sh', ['-c', `printf %s ${shellQuote(nasty)}`], { encoding: 'utf8' });
    expect(r.stdout).toBe(nasty);
  });

  it('a command a shell parses into the right arguments, with the certificate flags as placeholders', () => {
    const command = curlCommand({
      method: 'POST',
      url: 'https://ssp/https://p/A/STU3/1/gpconnect/structured/Patient/$gpc.getstructuredrecord',
      requestHeaders: { 'ssp-traceid': 't', 'accept-encoding': 'gzip', 'content-length': '9', 'x-odd': nasty },
      requestBody: nasty,
    });
    // Replace curl with a printer of its arguments, one per line, and let sh parse the command.
    const script = `curl() { for a in "$@"; do printf '%s\\n--\\n' "$a"; done; }\n${command}`;
    const r = spawnSync('sh', ['-c', script], {
      encoding: 'utf8',
      env: { GPC_CLIENT_CERT: 'CERT', GPC_CLIENT_KEY: 'KEY', GPC_SPINE_CA: 'CA' },
    });
    const args = r.stdout.split('\n--\n').slice(0, -1);
    expect(args).toEqual([
      '--request',
      'POST',
      '--cert',
      'CERT',
      '--key',
      'KEY',
      '--cacert',
      'CA',
      '--header',
      'ssp-traceid: t',
      '--header',
      `x-odd: ${nasty}`,
      '--compressed',
      '--data-binary',
      nasty,
      'https://ssp/https://p/A/STU3/1/gpconnect/structured/Patient/$gpc.getstructuredrecord',
    ]);
  });
});
