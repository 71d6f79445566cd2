import type { SpineFailure } from '../../shared/gpconnect/spine-failure';

/** A failed Spine or GP Connect call, carrying the typed failure the renderer will show. */
export class SpineError extends Error {
  override readonly name = 'SpineError';
  constructor(readonly failure: SpineFailure) {
    super(`${failure.code}: ${failure.message}`);
  }
}
