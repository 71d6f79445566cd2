import type { ExchangeKind } from '../../shared/ipc/features/explorer.contract';
import { redactHeaders, redactKeyMaterial } from './redaction';
import type { WireExchange } from './wire-tap';

/** One exchange as the session log keeps it: secrets already removed, bodies capped. NHS numbers still in full. */
export interface LoggedExchange {
  readonly id: string;
  readonly seq: number;
  readonly kind: ExchangeKind;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly method: string;
  readonly url: string;
  readonly interactionId?: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody?: string;
  readonly status?: number;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly responseBody?: string;
  readonly bodyTruncated: boolean;
  readonly error?: string;
}

export interface ExchangeLogOptions {
  /** How many exchanges are kept; older ones are dropped (default 500). */
  readonly capacity?: number;
  /** Largest body kept per request or response, in characters (default 1 MB: a full structured record is ~10 MB). */
  readonly maxBodyChars?: number;
  /** Base URLs that tell PDS and SDS calls apart from SSP calls. */
  readonly pdsBaseUrl?: string;
  readonly sdsBaseUrl?: string;
}

/**
 * The explorer's session log: the last N exchanges of this session, in memory only (patient data never goes to
 * disk), bounded so a long session cannot grow without limit. Fed by the wire tap.
 */
export class ExchangeLog {
  private readonly entries: LoggedExchange[] = [];
  private seq = 0;
  private droppedCount = 0;
  readonly capacity: number;
  private readonly maxBodyChars: number;

  constructor(private readonly options: ExchangeLogOptions = {}) {
    this.capacity = options.capacity ?? 500;
    this.maxBodyChars = options.maxBodyChars ?? 1_000_000;
  }

  /** The wire tap's sink. */
  readonly record = (wire: WireExchange): void => {
    this.seq += 1;
    let truncated = false;
    const cap = (text: string | undefined): string | undefined => {
      if (text === undefined) return undefined;
      const clean = redactKeyMaterial(text);
      if (clean.length <= this.maxBodyChars) return clean;
      truncated = true;
      return clean.slice(0, this.maxBodyChars);
    };
    const requestBody = cap(wire.requestBody);
    const responseBody = cap(wire.responseBody);
    const interactionId = wire.requestHeaders['ssp-interactionid'];
    this.entries.push({
      id: `x${this.seq}`,
      seq: this.seq,
      kind: this.kindOf(wire),
      startedAt: wire.startedAt.toISOString(),
      durationMs: Math.round(wire.durationMs * 10) / 10,
      method: wire.method,
      url: redactKeyMaterial(wire.url),
      ...(interactionId ? { interactionId } : {}),
      requestHeaders: redactHeaders(wire.requestHeaders),
      ...(requestBody === undefined ? {} : { requestBody }),
      ...(wire.status === undefined ? {} : { status: wire.status }),
      responseHeaders: redactHeaders(wire.responseHeaders ?? {}),
      ...(responseBody === undefined ? {} : { responseBody }),
      bodyTruncated: truncated,
      ...(wire.error === undefined ? {} : { error: redactKeyMaterial(wire.error) }),
    });
    while (this.entries.length > this.capacity) {
      this.entries.shift();
      this.droppedCount += 1;
    }
  };

  list(): readonly LoggedExchange[] {
    return [...this.entries];
  }

  get(id: string): LoggedExchange | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /** The sequence number of the newest exchange: take it before an action, pass it to `since` after. */
  mark(): number {
    return this.seq;
  }

  since(mark: number): readonly LoggedExchange[] {
    return this.entries.filter((e) => e.seq > mark);
  }

  get dropped(): number {
    return this.droppedCount;
  }

  private kindOf(wire: WireExchange): ExchangeKind {
    const { pdsBaseUrl, sdsBaseUrl } = this.options;
    if (wire.requestHeaders['ssp-interactionid']) return 'ssp';
    if (pdsBaseUrl && wire.url.startsWith(pdsBaseUrl)) return 'pds';
    if (sdsBaseUrl && wire.url.startsWith(sdsBaseUrl)) return 'sds';
    if (wire.requestHeaders['x-request-id']) return 'pds';
    if (wire.requestHeaders['apikey']) return 'sds';
    return 'other';
  }
}
