import type { ContractFragment } from '../contract-kit';
import type { ADMIN_CHANNELS } from './admin.channels';

/** Filled in by the admin feature. */
export const adminContract = {} as const satisfies ContractFragment<(typeof ADMIN_CHANNELS)[number]>;
