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
}

export const appContract = {
  'app.info': channel<AppInfo>()({
    summary: 'Version and mode of the workstation',
    input: nothing,
    errors: [],
  }),
} as const satisfies ContractFragment<(typeof APP_CHANNELS)[number]>;
