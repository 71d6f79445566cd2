import type { LoggedExchange } from './exchange-log';

/** Headers curl sets itself (or `--compressed` asks for). */
const CURL_OWN_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'accept-encoding']);

/** POSIX shell single quotes: everything literal, a `'` closes, is escaped and reopens. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The exchange as a `curl` command for a POSIX shell. Mutual TLS needs the endpoint certificate and key, which the
 * explorer never holds: they are environment-variable placeholders the user fills in (`GPC_CLIENT_CERT`,
 * `GPC_CLIENT_KEY`, `GPC_SPINE_CA`). Redacted secrets stay redacted; the JWT is valid for 300 s after `iat`.
 */
export function curlCommand(exchange: Pick<LoggedExchange, 'method' | 'url' | 'requestHeaders' | 'requestBody'>) {
  const lines = [
    `curl --request ${exchange.method}`,
    '--cert "$GPC_CLIENT_CERT" --key "$GPC_CLIENT_KEY" --cacert "$GPC_SPINE_CA"',
  ];
  for (const [name, value] of Object.entries(exchange.requestHeaders)) {
    if (!CURL_OWN_HEADERS.has(name)) lines.push(`--header ${shellQuote(`${name}: ${value}`)}`);
  }
  if (exchange.requestHeaders['accept-encoding']?.includes('gzip')) lines.push('--compressed');
  if (exchange.requestBody !== undefined) lines.push(`--data-binary ${shellQuote(exchange.requestBody)}`);
  lines.push(shellQuote(exchange.url));
  return lines.join(' \\\n  ');
}
