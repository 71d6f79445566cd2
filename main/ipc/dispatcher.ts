import { MAX_INPUT_BYTES, isChannelName } from '../../shared/ipc/channels';
import { contract } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/errors';
import { errorResult } from '../../shared/ipc/errors';
import { GpcError } from './gpc-error';
import { measurePlainData } from './plain-data';
import { SpineError } from '../spine/spine-error';
import type { SpineFailure } from '../../shared/gpconnect/spine-failure';
import type { CallContext, HandlerTable } from './handler-table';

export interface DispatchLogger {
  error(message: string, fields: Record<string, string>): void;
}

export type Dispatch = (channel: unknown, input: unknown, ctx: CallContext) => Promise<Result<unknown>>;

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** A Spine failure as the renderer sees it: the clinician's sentence, and the codes the service desk needs. */
function spineErrorResult(failure: SpineFailure): Result<never> {
  return {
    ok: false,
    error: {
      code: 'SPINE_ERROR',
      message: failure.message,
      ...(failure.detail ? { detail: failure.detail } : {}),
      spine: {
        code: failure.code,
        ...(failure.httpStatus === undefined ? {} : { httpStatus: failure.httpStatus }),
        ...(failure.traceId === undefined ? {} : { traceId: failure.traceId }),
      },
    },
  };
}

/**
 * The single choke point between an untrusted caller and the handlers, shared by both hosts: unknown channels,
 * oversized or malformed input and handler failures all become typed errors; nothing throws past it and no stack
 * trace reaches the caller.
 */
export function createDispatcher(handlers: HandlerTable, logger: DispatchLogger): Dispatch {
  return async (channel, input, ctx) => {
    if (!isChannelName(channel)) {
      return errorResult(
        'UNKNOWN_CHANNEL',
        undefined,
        typeof channel === 'string' ? `Unknown action "${channel.slice(0, 60)}"` : undefined,
      );
    }
    const measured = measurePlainData(input, MAX_INPUT_BYTES);
    if (measured.kind === 'too-large') return errorResult('INPUT_TOO_LARGE');
    if (measured.kind === 'not-plain') return errorResult('INVALID_INPUT', 'The request could not be read.');

    try {
      const parsed = contract[channel].input.safeParse(input);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        return errorResult(
          'INVALID_INPUT',
          first?.message ?? 'The request was not valid.',
          describeIssues(parsed.error.issues),
        );
      }
      const handler = handlers[channel] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value };
    } catch (err) {
      if (err instanceof GpcError) return errorResult(err.code, err.message, err.detail);
      if (err instanceof SpineError) return spineErrorResult(err.failure);
      // Unexpected: log only the error's type, never its message, which may carry patient data from upstream, and
      // never send a stack trace to the renderer.
      logger.error('handler failed', { channel, error: err instanceof Error ? err.name : typeof err });
      return errorResult('INTERNAL_ERROR');
    }
  };
}
