import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * A throwaway PKI for one demonstrator run: a CA, a server certificate for loopback and a consumer client
 * certificate, all signed by that CA. Keys come from Node's crypto (native, fast); node-forge only builds and signs
 * the X.509 certificates, so startup stays well under a second instead of the many seconds forge's JS keygen takes.
 */
export interface PemPair {
  readonly certificate: string;
  readonly privateKey: string;
}

export interface ThrowawayPki {
  readonly ca: PemPair;
  readonly server: PemPair;
  readonly client: PemPair;
}

export interface PkiOptions {
  /** Common name of the consumer certificate: SSP matches the endpoint certificate's CN with the FQDN in SDS. */
  readonly clientCommonName: string;
  readonly now?: Date;
  readonly validDays?: number;
}

const ORGANISATION = 'GP Connect Workstation demonstrator (synthetic, not for live use)';

function rsaKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey),
    publicKey: forge.pki.publicKeyFromPem(publicKey),
    pem: privateKey,
  };
}

/** Positive serial (leading byte below 0x80, so DER never reads it as negative), 16 random bytes. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

function baseCertificate(
  publicKey: forge.pki.rsa.PublicKey,
  commonName: string,
  notBefore: Date,
  notAfter: Date,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject([
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: ORGANISATION },
  ]);
  return cert;
}

const SERVER_EXTENSIONS: object[] = [
  { name: 'extKeyUsage', serverAuth: true },
  {
    name: 'subjectAltName',
    altNames: [
      { type: 7, ip: '127.0.0.1' }, // iPAddress
      { type: 2, value: 'localhost' }, // dNSName
    ],
  },
];

function signLeaf(
  ca: { readonly certificate: forge.pki.Certificate; readonly key: forge.pki.rsa.PrivateKey },
  commonName: string,
  extensions: object[],
  notBefore: Date,
  notAfter: Date,
): PemPair {
  const keys = rsaKeyPair();
  const cert = baseCertificate(keys.publicKey, commonName, notBefore, notAfter);
  cert.setIssuer(ca.certificate.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.certificate.generateSubjectKeyIdentifier().getBytes() },
    ...extensions,
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { certificate: forge.pki.certificateToPem(cert), privateKey: keys.pem };
}

/** A loopback server certificate from an existing CA with the given validity (the expired-certificate scenario). */
export function issueServerCertificate(ca: PemPair, notBefore: Date, notAfter: Date): PemPair {
  return signLeaf(
    { certificate: forge.pki.certificateFromPem(ca.certificate), key: forge.pki.privateKeyFromPem(ca.privateKey) },
    'localhost',
    SERVER_EXTENSIONS,
    notBefore,
    notAfter,
  );
}

export function createThrowawayPki(options: PkiOptions): ThrowawayPki {
  const now = options.now ?? new Date();
  // Backdated an hour so a consumer whose clock runs slightly behind still accepts the certificates.
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  // A year: the files written by --out may be reused for a while, and `gpc doctor` warns under 30 days.
  const notAfter = new Date(now.getTime() + (options.validDays ?? 365) * 24 * 60 * 60 * 1000);
  const sha256 = forge.md.sha256.create;

  const caKeys = rsaKeyPair();
  const caCert = baseCertificate(caKeys.publicKey, 'GPC Workstation Demonstrator Throwaway CA', notBefore, notAfter);
  caCert.setIssuer(caCert.subject.attributes);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(caKeys.privateKey, sha256());

  const leaf = (commonName: string, extensions: object[]): PemPair =>
    signLeaf({ certificate: caCert, key: caKeys.privateKey }, commonName, extensions, notBefore, notAfter);

  const server = leaf('localhost', SERVER_EXTENSIONS);
  const client = leaf(options.clientCommonName, [
    { name: 'extKeyUsage', clientAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: options.clientCommonName }] },
  ]);
  return { ca: { certificate: forge.pki.certificateToPem(caCert), privateKey: caKeys.pem }, server, client };
}
