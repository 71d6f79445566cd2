import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

export interface EndpointCsr {
  readonly csrPem: string;
  readonly privateKeyPem: string;
}

const FQDN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * A new key and the certificate signing request the NHS issuing team asks for: subject CN = the endpoint FQDN
 * registered in SDS (SSP matches the CN), with the same name as a DNS subjectAltName. RSA 2048 from Node's crypto;
 * the CSR itself from node-forge.
 */
export function createEndpointCsr(fqdn: string, organisation?: string): EndpointCsr {
  if (!FQDN.test(fqdn)) throw new Error(`"${fqdn}" is not a fully qualified domain name`);
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
  csr.setSubject([
    { name: 'commonName', value: fqdn.toLowerCase() },
    ...(organisation ? [{ name: 'organizationName', value: organisation }] : []),
    { name: 'countryName', value: 'GB' },
  ]);
  csr.setAttributes([
    {
      name: 'extensionRequest',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: fqdn.toLowerCase() }] }],
    },
  ]);
  csr.sign(forge.pki.privateKeyFromPem(keys.privateKey), forge.md.sha256.create());
  return { csrPem: forge.pki.certificationRequestToPem(csr), privateKeyPem: keys.privateKey };
}
