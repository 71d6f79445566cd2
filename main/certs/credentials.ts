import { readFile } from 'node:fs/promises';
import forge from 'node-forge';
import type { LiveConfig } from '../../shared/config/config-schema';
import { ConfigError } from '../config/config-error';
import type { TlsCredentials } from '../spine/tls-agent';

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `tls: the ${what} ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

/** Certificate and key out of a PKCS#12 file (what the NHS issuing process often hands over), with node-forge. */
async function fromPkcs12(file: string, passphrase: string): Promise<{ certificate: string; privateKey: string }> {
  let der: Buffer;
  try {
    der = await readFile(file);
  } catch (err) {
    throw new ConfigError(
      `tls: the PKCS#12 file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString('binary')), passphrase);
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    throw new ConfigError(
      /MAC|password|decrypt/i.test(message)
        ? `tls: the PKCS#12 passphrase for ${file} is wrong`
        : `tls: ${file} is not a readable PKCS#12 file`,
    );
  }
  const certOid = forge.pki.oids['certBag'] ?? '1.2.840.113549.1.12.10.1.3';
  const keyOid = forge.pki.oids['pkcs8ShroudedKeyBag'] ?? '1.2.840.113549.1.12.10.1.2';
  const certs: forge.pkcs12.Bag[] = p12.getBags({ bagType: certOid })[certOid] ?? [];
  const keys: forge.pkcs12.Bag[] = p12.getBags({ bagType: keyOid })[keyOid] ?? [];
  const key = keys[0]?.key;
  const certificates = certs.flatMap((bag): forge.pki.Certificate[] => (bag.cert ? [bag.cert] : []));
  if (!key || certificates.length === 0)
    throw new ConfigError(`tls: ${file} does not hold both a certificate and a private key`);
  return {
    certificate: certificates.map((c: forge.pki.Certificate) => forge.pki.certificateToPem(c)).join(''),
    privateKey: forge.pki.privateKeyToPem(key),
  };
}

/** Reads the endpoint certificate, its key and the trusted CAs named by the configuration. */
export async function loadTlsCredentials(tls: LiveConfig['tls']): Promise<TlsCredentials> {
  if (tls.windowsCertStore !== undefined) {
    // Accepted by the schema so that policy can be written for it; the store reader is not built yet.
    throw new ConfigError(
      'tls.windowsCertStore: this version cannot read the endpoint certificate from the Windows certificate store; ' +
        'give tls.pkcs12, or tls.clientCertificate + tls.clientKey',
    );
  }
  const trustedCa = await Promise.all(tls.trustedCa.map((file) => readText(file, 'trusted CA')));
  if (tls.pkcs12 !== undefined) {
    const { certificate, privateKey } = await fromPkcs12(tls.pkcs12, tls.pkcs12Passphrase ?? '');
    return { certificate, privateKey, trustedCa };
  }
  if (tls.clientCertificate === undefined || tls.clientKey === undefined) {
    throw new ConfigError('tls: needs clientCertificate and clientKey, or pkcs12');
  }
  const [certificate, privateKey] = await Promise.all([
    readText(tls.clientCertificate, 'client certificate'),
    readText(tls.clientKey, 'client key'),
  ]);
  return { certificate, privateKey, trustedCa };
}
