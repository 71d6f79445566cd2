import { existsSync } from 'node:fs';
import type { BuildFlavour } from '../../shared/app/build-info';
import type { WorkstationConfig } from '../../shared/config/config-schema';
import type { SettingsReport } from '../../shared/ipc/features/app.contract';
import { configPaths } from './config-paths';
import { effectiveSettings } from './effective-settings';
import { loadConfigWithLocks } from './load-config';

/** The variable that moves the machine policy file, for tests and development only (see `policyOverride`). */
export const POLICY_FILE_VARIABLE = 'GPC_POLICY_FILE';

export interface StartupConfig {
  readonly config: WorkstationConfig;
  readonly settings: SettingsReport;
}

/**
 * What the Electron app and the preview host read at start-up: machine policy at its per-OS place, the user's
 * settings, GPC_MODE; plus the settings report the Settings screen shows. `policyOverride` lets GPC_POLICY_FILE move
 * the policy file: never in a packaged app, where it would let a user point policy at a file of their own.
 */
export function loadStartupConfig(
  env: Readonly<Record<string, string | undefined>>,
  options: { readonly flavour: BuildFlavour; readonly policyOverride: boolean },
): StartupConfig {
  const paths = configPaths(process.platform, env);
  const moved = options.policyOverride ? env[POLICY_FILE_VARIABLE] : undefined;
  const policyFile = moved !== undefined && moved !== '' ? moved : paths.policyFile;
  const { config, locks } = loadConfigWithLocks({ policyFile, userFile: paths.userFile }, env, {
    flavour: options.flavour,
  });
  return { config, settings: effectiveSettings(config, locks, { file: policyFile, present: existsSync(policyFile) }) };
}
