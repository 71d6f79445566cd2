/**
 * TLS for Spine (SPEC §1.2): TLS 1.2 or later with the GP Connect cipher preference; TLS 1.0/1.1 and SSL forbidden.
 * On TLS 1.3 only the AES-GCM suites, the same family as the 1.2 list.
 */
export const SPINE_MIN_TLS_VERSION = 'TLSv1.2';
/**
 * Spine's legs are TLS 1.2 (SPEC §1.2). Capping at 1.2 also keeps client-certificate refusals inside the handshake,
 * where they arrive as a named alert; under TLS 1.3 a refused certificate reaches the client only as a bare socket
 * close after the handshake, which the service desk cannot tell from a network drop.
 */
export const SPINE_MAX_TLS_VERSION = 'TLSv1.2';
export const SPINE_TLS12_CIPHERS = 'AESGCM+EECDH:AESGCM+EDH:AES256+EECDH:AES256+EDH';
export const SPINE_TLS13_SUITES = 'TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256';
export const SPINE_CIPHERS = `${SPINE_TLS13_SUITES}:${SPINE_TLS12_CIPHERS}`;
