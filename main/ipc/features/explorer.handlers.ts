import type { EXPLORER_CHANNELS } from '../../../shared/ipc/features/explorer.channels';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';

/** Filled in by the explorer feature. */
export function explorerHandlers(_kit: HandlerKit): FeatureHandlers<typeof EXPLORER_CHANNELS> {
  return {};
}
