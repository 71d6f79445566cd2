import type { GpcApi, Invoke } from './api';
import { CHANNELS } from './channels';

/**
 * Builds `window.gpc` from the channel list over any transport. Plain frozen objects of functions, so that
 * Electron's contextBridge can copy it into the page world.
 */
export function buildGpcApi(invoke: Invoke): GpcApi {
  const groups: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const name of CHANNELS) {
    const [group, method] = name.split('.') as [string, string];
    const target = (groups[group] ??= {});
    target[method] = (input?: unknown) => invoke(name, input ?? {});
  }
  for (const group of Object.values(groups)) Object.freeze(group);
  // The shape is built from CHANNELS, which the contract type is derived from; the compiler cannot follow the loop.
  return Object.freeze(groups) as unknown as GpcApi;
}
