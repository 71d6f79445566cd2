import { Agent } from 'undici';
import { SPINE_CIPHERS, SPINE_MAX_TLS_VERSION, SPINE_MIN_TLS_VERSION } from './tls-policy';

export interface TlsCredentials {
  /** Our endpoint certificate (PEM), with any intermediates after it. */
  readonly certificate: string;
  readonly privateKey: string;
  /** The CAs to trust for Spine: they replace the system store, never add to it. */
  readonly trustedCa: readonly string[];
}

/**
 * One keep-alive undici Agent per configuration for every Spine call: mutual TLS with our endpoint certificate, only
 * the configured CAs trusted, TLS 1.2+, the GP Connect ciphers. Connections and TLS sessions are reused between calls
 * to the same host, so a clinician's second request pays no handshake.
 */
export function createSpineAgent(credentials: TlsCredentials, options: { connectTimeoutMs?: number } = {}): Agent {
  return new Agent({
    connect: {
      cert: credentials.certificate,
      key: credentials.privateKey,
      ca: [...credentials.trustedCa],
      minVersion: SPINE_MIN_TLS_VERSION,
      maxVersion: SPINE_MAX_TLS_VERSION,
      ciphers: SPINE_CIPHERS,
      rejectUnauthorized: true,
      timeout: options.connectTimeoutMs ?? 10_000,
    },
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
  });
}
