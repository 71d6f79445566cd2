import type { ADMIN_CHANNELS } from '../../../shared/ipc/features/admin.channels';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';

/** Filled in by the admin feature. */
export function adminHandlers(_kit: HandlerKit): FeatureHandlers<typeof ADMIN_CHANNELS> {
  return {};
}
