import type { BuildFlavour, ReleaseNotes } from '../../app/build-info';
import type { ContractFragment } from '../contract-kit';
import { channel, nothing } from '../contract-kit';
import type { APP_CHANNELS } from './app.channels';

export type AppMode = 'demo' | 'live';

/** Which host serves the handler table: the Electron app, the browser preview host or the `gpc` command line. */
export type HostKind = 'electron' | 'preview' | 'cli';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly mode: AppMode;
  readonly host: HostKind;
  /** The interaction explorer is enabled by policy (`explorer.enabled`). */
  readonly explorer?: boolean;
  /** The user may open the audit viewer (a local admin; checked again in main on every audit channel). */
  readonly auditAdmin?: boolean;
  /** Chosen at build time: the demo flavour can never run live. */
  readonly flavour: BuildFlavour;
}

/** The About box: what is running, for support calls and incident reports. */
export interface AboutInfo {
  readonly name: string;
  readonly version: string;
  readonly flavour: BuildFlavour;
  /** The git commit the build was made from (short hash), or `unknown`. */
  readonly commit: string;
  readonly host: HostKind;
  /** Versions of the runtime; `electron` and `chromium` are null outside Electron (preview host, command line). */
  readonly runtime: { readonly electron: string | null; readonly chromium: string | null; readonly node: string };
  /** Newest first, from CHANGELOG.md at build time. */
  readonly releases: readonly ReleaseNotes[];
}

export type SettingValue = string | number | boolean | readonly string[] | null;

/** One effective setting; secrets and key material are never listed. */
export interface SettingEntry {
  readonly key: string;
  readonly label: string;
  /** null: not set (the feature's behaviour without it is described in `defaultNote`). */
  readonly value: SettingValue;
  /** True when the value is the built-in default rather than set by a file. */
  readonly isDefault: boolean;
  /** Set by machine policy (IT) or by the build: the user cannot change it. */
  readonly lockedBy: 'policy' | 'build' | null;
  readonly defaultNote?: string;
}

export interface SettingsReport {
  /** Where this workstation reads machine policy, and whether a policy file was found there. */
  readonly policyFile: string | null;
  readonly policyPresent: boolean;
  readonly entries: readonly SettingEntry[];
}

export const appContract = {
  'app.info': channel<AppInfo>()({
    summary: 'Version and mode of the workstation',
    input: nothing,
    errors: [],
  }),
  'app.about': channel<AboutInfo>()({
    summary: 'The About box: version, runtime versions, build flavour, commit and release notes',
    input: nothing,
    errors: [],
  }),
  'app.settings': channel<SettingsReport>()({
    summary: 'Effective settings, with the ones locked by machine policy marked (no secrets)',
    input: nothing,
    errors: [],
  }),
} as const satisfies ContractFragment<(typeof APP_CHANNELS)[number]>;
