import type { AUDIT_CHANNELS } from '../../../shared/ipc/features/audit.channels';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';

/** Filled in by the audit feature. */
export function auditHandlers(_kit: HandlerKit): FeatureHandlers<typeof AUDIT_CHANNELS> {
  return {};
}
