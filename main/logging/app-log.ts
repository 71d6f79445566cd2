import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { scrubText, scrubValue } from './scrub';

/** The application log: operational events for IT (start, configuration, failures), never patient data or secrets. */
export interface AppLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Writes what is buffered; call before exit. */
  flush(): void;
}

export type LogDestination = { readonly file: string } | { readonly fd: 1 | 2 } | 'silent';

/** The log file in a logs directory: one per app, appended across runs. */
export function logFileIn(dir: string): string {
  return path.join(dir, 'workstation.log');
}

/**
 * pino writing JSON lines; every message and field goes through the scrubber first, so no call site can leak PHI by
 * forgetting to redact.
 */
export function createAppLog(destination: LogDestination, component: string): AppLog {
  if (destination === 'silent') {
    return { info: () => undefined, warn: () => undefined, error: () => undefined, flush: () => undefined };
  }
  let stream: pino.DestinationStream;
  if ('file' in destination) {
    mkdirSync(path.dirname(destination.file), { recursive: true, mode: 0o700 });
    stream = pino.destination({ dest: destination.file, sync: true, mkdir: true });
  } else {
    stream = pino.destination({ fd: destination.fd, sync: true });
  }
  const logger = pino({ base: { component }, timestamp: pino.stdTimeFunctions.isoTime }, stream);
  const write = (level: 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => {
    const clean = fields ? (scrubValue(fields) as Record<string, unknown>) : {};
    logger[level](clean, scrubText(message));
  };
  return { info: write('info'), warn: write('warn'), error: write('error'), flush: () => logger.flush() };
}
