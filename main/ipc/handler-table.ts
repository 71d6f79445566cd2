import type { ChannelName } from '../../shared/ipc/channels';
import type { ChannelOutput, HandlerInput, HostKind } from '../../shared/ipc/contract';

/** Who is calling, as established by the host (Electron frame check or preview-host token), never by the caller. */
export interface CallContext {
  readonly host: HostKind;
}

export type Handler<K extends ChannelName> = (input: HandlerInput<K>, ctx: CallContext) => Promise<ChannelOutput<K>>;

/** One handler per channel: the compiler rejects a missing or extra one. */
export type HandlerTable = { readonly [K in ChannelName]: Handler<K> };
