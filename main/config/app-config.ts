import type { AppMode } from '../../shared/ipc/contract';

export interface AppConfig {
  readonly mode: AppMode;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * The workstation's configuration. For now only the mode: `demo` (synthetic data, no network, the default) or
 * `live` (Spine). Later layers: defaults < machine policy < user settings.
 */
export function resolveAppConfig(env: Readonly<Record<string, string | undefined>>): AppConfig {
  const mode = env['GPC_MODE'] ?? 'demo';
  if (mode !== 'demo' && mode !== 'live') {
    throw new ConfigError(`GPC_MODE must be "demo" or "live", not "${mode.slice(0, 40)}"`);
  }
  return { mode };
}
