import { SpineError } from '../spine/spine-error';
import { GpcError } from './gpc-error';

/** The code an audit record holds for a failed action: the app's code, and the Spine code after it. */
export function auditCode(err: unknown): string {
  if (err instanceof GpcError) return err.code;
  if (err instanceof SpineError) return `SPINE_ERROR ${err.failure.code}`;
  return 'INTERNAL_ERROR';
}
