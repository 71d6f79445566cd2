import forge from 'node-forge';
import type { TlsCredentials } from '../spine/tls-agent';

/** What IT needs to know about the endpoint certificate: who, by whom, until when, and whether it will work. */
export interface CertificateReport {
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly daysToExpiry: number;
  readonly keyMatches: boolean;
  /** Null when the chain verifies against the trusted CAs, else why not. */
  readonly chainProblem: string | null;
}

const WARN_DAYS = 30;

function dn(attrs: forge.pki.CertificateField[]): string {
  return attrs.map((a) => `${a.shortName ?? a.name ?? a.type}=${String(a.value)}`).join(', ');
}

export function reportCertificate(credentials: TlsCredentials, now: Date): CertificateReport {
  const pems = credentials.certificate.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const [leafPem, ...intermediatePems] = pems;
  if (!leafPem) throw new Error('no certificate in the configured client certificate');
  const leaf = forge.pki.certificateFromPem(leafPem);
  const key = forge.pki.privateKeyFromPem(credentials.privateKey);
  const publicKey = leaf.publicKey as forge.pki.rsa.PublicKey;
  const keyMatches = publicKey.n.equals(key.n) && publicKey.e.equals(key.e);

  let chainProblem: string | null = null;
  try {
    const store = forge.pki.createCaStore(credentials.trustedCa.map((pem) => forge.pki.certificateFromPem(pem)));
    const chain = [leaf, ...intermediatePems.map((pem) => forge.pki.certificateFromPem(pem))];
    forge.pki.verifyCertificateChain(store, chain, { validityCheckDate: now });
  } catch (err) {
    const e = err as { message?: string; error?: string };
    chainProblem = e.message ?? e.error ?? 'the chain does not verify';
  }
  return {
    subject: dn(leaf.subject.attributes),
    issuer: dn(leaf.issuer.attributes),
    notBefore: leaf.validity.notBefore.toISOString(),
    notAfter: leaf.validity.notAfter.toISOString(),
    daysToExpiry: Math.floor((leaf.validity.notAfter.getTime() - now.getTime()) / 86_400_000),
    keyMatches,
    chainProblem,
  };
}

/** A sentence for a certificate that must stop live mode, or null when it is usable (a warning may still apply). */
export function certificateBlocker(report: CertificateReport): string | null {
  if (report.daysToExpiry < 0) {
    return `The endpoint certificate expired on ${report.notAfter.slice(0, 10)}. Ask the NHS issuing team for a new one (from a new CSR) and install it.`;
  }
  if (!report.keyMatches)
    return 'The endpoint certificate and private key do not belong together. Install the matching pair.';
  if (report.chainProblem)
    return `The endpoint certificate does not chain to the trusted Spine CAs: ${report.chainProblem}.`;
  return null;
}

export function certificateWarning(report: CertificateReport): string | null {
  return report.daysToExpiry <= WARN_DAYS && report.daysToExpiry >= 0
    ? `The endpoint certificate expires in ${report.daysToExpiry} days (${report.notAfter.slice(0, 10)}). Request a renewal now.`
    : null;
}
