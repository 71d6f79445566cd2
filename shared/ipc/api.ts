import type { ChannelName } from './channels';
import type { ChannelInput, ChannelOutput } from './contract';
import type { Result } from './errors';

/** The first part of a channel name: `patient` of `patient.lookup`. */
type GroupOf<K extends string> = K extends `${infer G}.${string}` ? G : never;
type Group = GroupOf<ChannelName>;

type Method<K extends ChannelName> =
  Record<string, never> extends ChannelInput<K>
    ? (input?: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>>
    : (input: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>>;

/**
 * `window.gpc`, derived from the contract: `gpc.patient.lookup({ nhsNumber })`. Never written by hand, so it cannot
 * drift from what main implements.
 */
export type GpcApi = {
  readonly [G in Group]: {
    readonly [K in ChannelName as K extends `${G}.${infer M}` ? M : never]: Method<K>;
  };
};

/** The transport a host provides: Electron IPC in the app, HTTP in the browser preview host. */
export type Invoke = (channel: ChannelName, input: unknown) => Promise<Result<unknown>>;
