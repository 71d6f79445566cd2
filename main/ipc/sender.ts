/**
 * IPC sender check (Electron security checklist #17): only our own top-level page may call main. Compares the full
 * origin (scheme, host, port) of the calling frame's URL, so `app://workstation.evil`, `file://` or a data: frame fail.
 */
export function isTrustedSenderUrl(senderUrl: string | undefined, trustedOrigins: readonly string[]): boolean {
  if (!senderUrl) return false;
  let origin: string;
  try {
    const url = new URL(senderUrl);
    // Custom schemes report origin "null" in WHATWG URL; rebuild it from scheme and host.
    origin = url.origin !== 'null' ? url.origin : `${url.protocol}//${url.host}`;
  } catch {
    return false;
  }
  return trustedOrigins.includes(origin);
}
