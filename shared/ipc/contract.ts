import { z } from 'zod';
import { checkNhsNumber } from '../nhs/nhs-number';
import type { PatientSummary } from '../patient/patient-summary';
import type { ChannelName } from './channels';
import type { ErrorCode } from './errors';

/**
 * The one IPC contract: for each channel its input schema (validated in main, the renderer is untrusted),
 * its output type and the error codes a caller must be ready for. Add a channel here and in `channels.ts`;
 * the compiler then demands a handler in `main/ipc/handlers.ts`, and `window.gpc` gains the method.
 */
export interface ChannelSpec<I extends z.ZodType, O, E extends ErrorCode> {
  readonly summary: string;
  readonly input: I;
  /** Error codes specific to this channel (transport and validation codes apply to every channel). */
  readonly errors: readonly E[];
  /** Phantom: carries the output type, never set at run time. */
  readonly output?: O;
}

function channel<O>() {
  return <I extends z.ZodType, E extends ErrorCode>(spec: {
    summary: string;
    input: I;
    errors: readonly E[];
  }): ChannelSpec<I, O, E> => spec;
}

/** No input: `{}` only, no extra keys. */
const nothing = z.object({}).strict();

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

export type AppMode = 'demo' | 'live';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly mode: AppMode;
  /** Which host serves the handler table: the Electron app or the browser preview host. */
  readonly host: 'electron' | 'preview';
}

export const contract = {
  'app.info': channel<AppInfo>()({
    summary: 'Version and mode of the workstation',
    input: nothing,
    errors: [],
  }),
  'patient.lookup': channel<PatientSummary>()({
    summary: 'Trace a patient by NHS number',
    input: z.object({ nhsNumber: nhsNumberInput }).strict(),
    errors: ['PATIENT_NOT_FOUND', 'NOT_AVAILABLE'],
  }),
} as const satisfies { readonly [K in ChannelName]: ChannelSpec<z.ZodType, unknown, ErrorCode> };

export type Contract = typeof contract;
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
export type HandlerInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends ChannelName> = NonNullable<Contract[K]['output']>;
