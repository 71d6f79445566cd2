import type { SecureContextOptions, TlsOptions } from 'node:tls';

import { SPINE_CIPHERS, SPINE_MIN_TLS_VERSION } from '../../spine/tls-policy';

/**
 * The server side of the Spine legs (SPEC §1.2), with the same cipher policy the consumer uses
 * (`main/spine/tls-policy.ts`), and mutual authentication against the one CA. The server accepts TLS 1.3 as well:
 * it is stricter than Spine about certificates, not about protocol versions.
 */

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
    minVersion: SPINE_MIN_TLS_VERSION,
    ciphers: SPINE_CIPHERS,
    honorCipherOrder: true,
    // Lets the DHE suites of the preference work too (Node picks well-known groups).
    dhparam: 'auto',
  };
}
