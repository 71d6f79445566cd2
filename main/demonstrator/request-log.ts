/**
 * What the demonstrator saw and answered, for tests and the future interaction explorer. Headers are kept as sent
 * (the JWT is audit data and is what tests assert on) except API keys; bodies are redacted down to their structure,
 * so that a log can be shown or saved without carrying patient details.
 */
export interface RequestLogEntry {
  readonly seq: number;
  readonly time: string;
  /** Which front answered: SSP (proxied provider call), a provider called directly, PDS, SDS, or none (unknown). */
  readonly service: 'ssp' | 'provider' | 'pds' | 'sds' | 'unknown';
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** The provider's service root the request was routed to, when it reached one. */
  readonly serviceRoot?: string;
  readonly interactionId?: string;
  readonly status: number;
  /** The Spine/SSP/R4 error code of the answer, if it was an error. */
  readonly errorCode?: string;
}

const SECRET_HEADERS = new Set(['apikey', 'x-api-key']);
/** Keys whose values describe structure, not a person: kept so a redacted body stays readable. */
const STRUCTURAL_KEYS = new Set(['resourceType', 'system', 'url', 'code', 'name', 'use', 'status', 'profile']);

export function redactHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    out[lower] = SECRET_HEADERS.has(lower) ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function redactBody(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => redactBody(v, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactBody(v, k)]));
  }
  if (typeof value === 'string') return key !== undefined && STRUCTURAL_KEYS.has(key) ? value : '[redacted]';
  return value;
}

export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly capacity = 2000) {}

  add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    this.seq += 1;
    const full = { ...entry, seq: this.seq };
    this.entries.push(full);
    // A long demo session must not grow without bound: keep the most recent entries.
    if (this.entries.length > this.capacity) this.entries.shift();
    return full;
  }

  all(): readonly RequestLogEntry[] {
    return [...this.entries];
  }

  last(): RequestLogEntry | undefined {
    return this.entries[this.entries.length - 1];
  }

  clear(): void {
    this.entries.length = 0;
  }
}
