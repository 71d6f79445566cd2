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

/** Which host serves the handler table: the Electron app, the browser preview host or the `gpc` command line. */
export type HostKind = 'electron' | 'preview' | 'cli';

/** A PDS trace: who the patient is, and when PDS said so (the record gate needs a recent trace). */
export interface PatientTrace {
  readonly patient: PatientSummary;
  /** ISO 8601 instant of the trace. */
  readonly tracedAt: string;
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly mode: AppMode;
  readonly host: HostKind;
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
    errors: ['PATIENT_NOT_FOUND', 'SPINE_ERROR'],
  }),
  'patient.trace': channel<PatientTrace>()({
    summary: 'Trace a patient on PDS by NHS number, with the time of the trace',
    input: z.object({ nhsNumber: nhsNumberInput }).strict(),
    errors: ['PATIENT_NOT_FOUND', 'SPINE_ERROR'],
  }),
} as const satisfies { readonly [K in ChannelName]: ChannelSpec<z.ZodType, unknown, ErrorCode> };

export type Contract = typeof contract;
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
export type HandlerInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends ChannelName> = NonNullable<Contract[K]['output']>;
