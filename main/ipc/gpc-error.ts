import type { ErrorCode } from '../../shared/ipc/errors';
import { ERROR_CODES } from '../../shared/ipc/errors';

/** An expected failure a handler reports to the user: it becomes `{ ok: false, error }` with this code and message. */
export class GpcError extends Error {
  override readonly name = 'GpcError';
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code],
    readonly detail?: string,
  ) {
    super(message);
  }
}
