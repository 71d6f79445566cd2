import type { WorkstationConfig } from '../../shared/config/config-schema';
import { ExchangeLog } from './exchange-log';

/** What the handler table needs from the explorer: whether policy allows it, and the session log. */
export interface ExplorerDeps {
  readonly enabled: boolean;
  readonly log: ExchangeLog;
}

/**
 * `explorer.enabled`: on by default in demo mode (synthetic data, developers and trainers), off by default in live
 * mode (clinical use), where IT may switch it on by machine policy for a support session.
 */
export function explorerEnabled(config: WorkstationConfig): boolean {
  return config.explorer?.enabled ?? config.mode === 'demo';
}

/**
 * The session log for one set of services. When the explorer is off nothing is captured at all (`onWire` is
 * undefined), so a clinical workstation keeps no copy of request and response bodies.
 */
export function explorerWiring(
  config: WorkstationConfig,
  urls: { pdsBaseUrl?: string; sdsBaseUrl?: string } = {},
): ExplorerDeps & { onWire?: ExchangeLog['record'] } {
  const enabled = explorerEnabled(config);
  const log = new ExchangeLog(urls);
  return enabled ? { enabled, log, onWire: log.record } : { enabled, log };
}
