import type { ContractFragment } from '../contract-kit';
import type { AUDIT_CHANNELS } from './audit.channels';

/** Filled in by the audit feature. */
export const auditContract = {} as const satisfies ContractFragment<(typeof AUDIT_CHANNELS)[number]>;
