import type { SecureContextOptions, TlsOptions } from 'node:tls';

/**
 * TLS settings of the Spine legs (SPEC §1.2): TLS 1.2 or later, the GP Connect cipher preference
 * `AESGCM+EECDH`, `AESGCM+EDH`, `AES256+EECDH`, `AES256+EDH` (OpenSSL cipher-string syntax, used as is), and mutual
 * authentication against the one CA. TLS 1.3 names its suites separately in OpenSSL, so its two AES-GCM suites are
 * listed explicitly; CHACHA20 is left out because it is not in the GP Connect preference.
 */
export const SPINE_TLS12_CIPHERS = 'AESGCM+EECDH:AESGCM+EDH:AES256+EECDH:AES256+EDH';
export const SPINE_TLS13_SUITES = 'TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256';

export function spineServerTlsOptions(pem: {
  readonly caCertificate: string;
  readonly serverCertificate: string;
  readonly serverKey: string;
}): TlsOptions & SecureContextOptions {
  return {
    key: pem.serverKey,
    cert: pem.serverCertificate,
    ca: [pem.caCertificate],
    requestCert: true,
    // Refuse at the handshake any client without a certificate from our CA: no HTTP request is ever parsed.
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    ciphers: `${SPINE_TLS13_SUITES}:${SPINE_TLS12_CIPHERS}`,
    honorCipherOrder: true,
    // Lets the DHE suites of the preference work too (Node picks well-known groups).
    dhparam: 'auto',
  };
}
