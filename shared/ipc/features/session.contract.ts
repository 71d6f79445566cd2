import type { ContractFragment } from '../contract-kit';
import type { SESSION_CHANNELS } from './session.channels';

/** Filled in by the session feature. */
export const sessionContract = {} as const satisfies ContractFragment<(typeof SESSION_CHANNELS)[number]>;
