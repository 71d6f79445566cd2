import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTlsCredentials } from '../../../main/certs/credentials';
import { certificateBlocker, certificateWarning, reportCertificate } from '../../../main/certs/certificate-report';
import { ca, issue } from '../../fixtures/pki';

const dir = mkdtempSync(path.join(tmpdir(), 'gpc-certs-'));

describe('endpoint key and CSR (gpc csr)', () => {
  it('writes a CSR that OpenSSL verifies, for the FQDN, and a private key only the owner can read', () => {
    const out = path.join(dir, 'csr');
    const r = spawnSync(
      process.execPath,
      [
        'out/main/gpc.js',
        'csr',
        '--fqdn',
        'gpc-ws01.example-trust.nhs.uk',
        '--out',
        out,
        '--organisation',
        'Example Trust',
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    const csrFile = path.join(out, 'endpoint.csr');
    const subject = execFileSync('openssl', ['req', '-in', csrFile, '-noout', '-verify', '-subject'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(subject).toContain('CN = gpc-ws01.example-trust.nhs.uk');
    const text = execFileSync('openssl', ['req', '-in', csrFile, '-noout', '-text'], { encoding: 'utf8' });
    expect(text).toContain('DNS:gpc-ws01.example-trust.nhs.uk');
    expect(statSync(path.join(out, 'endpoint-key.pem')).mode & 0o777).toBe(0o600);
  });

  it('never overwrites an existing key', () => {
    const out = path.join(dir, 'csr');
    const r = spawnSync(process.execPath, ['out/main/gpc.js', 'csr', '--fqdn', 'other.example.nhs.uk', '--out', out], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('already exists');
  });

  it('refuses something that is not an FQDN', () => {
    const r = spawnSync(
      process.execPath,
      ['out/main/gpc.js', 'csr', '--fqdn', 'not a name', '--out', path.join(dir, 'x')],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is not a fully qualified domain name');
    expect(existsSync(path.join(dir, 'x', 'endpoint-key.pem'))).toBe(false);
  });
});

describe('PKCS#12 endpoint certificate', () => {
  const root = ca('Spine Root (test)');
  const leaf = issue({ commonName: 'gpc-ws01.example-trust.nhs.uk', issuer: root, usage: 'client' });
  const certFile = path.join(dir, 'leaf.pem');
  const keyFile = path.join(dir, 'leaf-key.pem');
  const caFile = path.join(dir, 'root.pem');
  const p12 = path.join(dir, 'endpoint.p12');
  writeFileSync(certFile, leaf.certificate);
  writeFileSync(keyFile, leaf.privateKey);
  writeFileSync(caFile, root.certificate);
  // Made by OpenSSL, as the issuing process would, so the reader is tested against a real PKCS#12.
  execFileSync('openssl', [
    'pkcs12',
    '-export',
    '-in',
    certFile,
    '-inkey',
    keyFile,
    '-out',
    p12,
    '-passout',
    'pass:correct horse',
    '-certpbe',
    'AES-256-CBC',
    '-keypbe',
    'AES-256-CBC',
    '-macalg',
    'sha256',
  ]);

  it('imports certificate and key with the passphrase, and the certificate reports as usable', async () => {
    const credentials = await loadTlsCredentials({
      pkcs12: p12,
      pkcs12Passphrase: 'correct horse',
      trustedCa: [caFile],
    });
    const report = reportCertificate(credentials, new Date());
    expect(report.subject).toContain('CN=gpc-ws01.example-trust.nhs.uk');
    expect(report.keyMatches).toBe(true);
    expect(report.chainProblem).toBeNull();
    expect(certificateBlocker(report)).toBeNull();
  });

  it('says plainly when the passphrase is wrong', async () => {
    await expect(loadTlsCredentials({ pkcs12: p12, pkcs12Passphrase: 'wrong', trustedCa: [caFile] })).rejects.toThrow(
      /passphrase for .* is wrong/,
    );
  });

  it('warns 30 days before expiry and blocks live mode once expired, naming the date', async () => {
    const credentials = await loadTlsCredentials({
      clientCertificate: certFile,
      clientKey: keyFile,
      trustedCa: [caFile],
    });
    const notAfter = new Date(reportCertificate(credentials, new Date()).notAfter);
    const soon = reportCertificate(credentials, new Date(notAfter.getTime() - 10 * 86_400_000));
    expect(certificateWarning(soon)).toMatch(/expires in 9 days|expires in 10 days/);
    const after = reportCertificate(credentials, new Date(notAfter.getTime() + 86_400_000));
    expect(certificateBlocker(after)).toContain(`expired on ${notAfter.toISOString().slice(0, 10)}`);
  });

  it('blocks a certificate that does not chain to the trusted CAs', async () => {
    const otherRoot = ca('Other Root');
    const otherFile = path.join(dir, 'other-root.pem');
    writeFileSync(otherFile, otherRoot.certificate);
    const credentials = await loadTlsCredentials({
      clientCertificate: certFile,
      clientKey: keyFile,
      trustedCa: [otherFile],
    });
    expect(certificateBlocker(reportCertificate(credentials, new Date()))).toContain(
      'does not chain to the trusted Spine CAs',
    );
  });
});
