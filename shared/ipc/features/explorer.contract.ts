import type { ContractFragment } from '../contract-kit';
import type { EXPLORER_CHANNELS } from './explorer.channels';

/** Filled in by the explorer feature. */
export const explorerContract = {} as const satisfies ContractFragment<(typeof EXPLORER_CHANNELS)[number]>;
