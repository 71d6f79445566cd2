import { z } from 'zod';
import { checkNhsNumber } from '../nhs/nhs-number';
import type { ErrorCode } from './errors';

/**
 * Building blocks of the IPC contract: for each channel its input schema (validated in main, the renderer is
 * untrusted), its output type and the error codes a caller must be ready for.
 */
export interface ChannelSpec<I extends z.ZodType, O, E extends ErrorCode> {
  readonly summary: string;
  readonly input: I;
  /** Error codes specific to this channel (transport and validation codes apply to every channel). */
  readonly errors: readonly E[];
  /** Phantom: carries the output type, never set at run time. */
  readonly output?: O;
}

export function channel<O>() {
  return <I extends z.ZodType, E extends ErrorCode>(spec: {
    summary: string;
    input: I;
    errors: readonly E[];
  }): ChannelSpec<I, O, E> => spec;
}

/** The shape every feature's contract fragment satisfies, keyed by that feature's channel names. */
export type ContractFragment<K extends string> = { readonly [P in K]: ChannelSpec<z.ZodType, unknown, ErrorCode> };

/** No input: `{}` only, no extra keys. */
export const nothing = z.object({}).strict();

/** An NHS number as typed or scanned; normalised to 10 digits, with the specific reason when it is not valid. */
export const nhsNumberInput = z
  .string({ error: 'NHS number must be text' })
  .max(32, 'NHS number is too long: it must be 10 digits')
  .transform((value, ctx) => {
    const check = checkNhsNumber(value);
    if (!check.valid) {
      ctx.addIssue({ code: 'custom', message: check.message });
      return z.NEVER;
    }
    return check.value;
  });

export const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

export const odsCodeInput = z.string().regex(/^[A-Z0-9]{3,10}$/, 'must be an ODS code');
