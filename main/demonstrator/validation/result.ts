import type { ErrorResponse } from '../operation-outcome';

/** A check either passes with a value or fails with the error response to send. */
export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorResponse };

export const pass = <T>(value: T): Checked<T> => ({ ok: true, value });
export const reject = (error: ErrorResponse): Checked<never> => ({ ok: false, error });
