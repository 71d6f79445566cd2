import type { SESSION_CHANNELS } from '../../../shared/ipc/features/session.channels';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';

/** Filled in by the session feature. */
export function sessionHandlers(_kit: HandlerKit): FeatureHandlers<typeof SESSION_CHANNELS> {
  return {};
}
