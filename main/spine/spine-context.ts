import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { LiveConfig } from '../../shared/config/config-schema';

/** What every Spine client needs: the mutual-TLS agent, the configuration, a clock and an id source (for tests). */
export interface SpineContext {
  readonly agent: Dispatcher;
  readonly config: LiveConfig;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly timeoutMs: number;
}

export function spineContext(
  agent: Dispatcher,
  config: LiveConfig,
  overrides: Partial<SpineContext> = {},
): SpineContext {
  return { agent, config, now: () => new Date(), newId: randomUUID, timeoutMs: 30_000, ...overrides };
}

/** Joins a base URL and a path with exactly one slash, keeping the path as given. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
