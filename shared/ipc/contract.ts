import { z } from 'zod';
import { checkNhsNumber } from '../nhs/nhs-number';
import type { HtmlRecordSection } from '../gpconnect/html-record-view';
import { HTML_SECTION_CODES, takesDateFilter } from '../gpconnect/html-sections';
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

/** A GP Connect answer as the provider sent it, with whom and through which call (Structured; its view model comes later). */
export interface RawRecord {
  readonly patient: PatientSummary;
  /** The registered practice the record came from. */
  readonly odsCode: string;
  readonly traceId: string;
  readonly bundle: fhir.Bundle;
}

export { HTML_SECTION_CODES };
export type { HtmlRecordSection };

const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

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
  'record.structured': channel<RawRecord>()({
    summary: "The patient's structured GP record (every clinical area) from their registered practice",
    input: z.object({ nhsNumber: nhsNumberInput }).strict(),
    errors: ['PATIENT_NOT_FOUND', 'PATIENT_RESTRICTED', 'NO_REGISTERED_PRACTICE', 'SPINE_ERROR'],
  }),
  'record.html': channel<HtmlRecordSection>()({
    summary:
      "One section of the patient's GP record as sanitised HTML from their registered practice (needs a PDS trace of the patient in the last 24 hours)",
    input: z
      .object({
        nhsNumber: nhsNumberInput,
        section: z.enum(HTML_SECTION_CODES, { error: `section must be one of ${HTML_SECTION_CODES.join(', ')}` }),
        from: calendarDate.optional(),
        to: calendarDate.optional(),
      })
      .strict()
      .refine((v) => (v.from === undefined && v.to === undefined) || takesDateFilter(v.section), {
        message: 'this section takes no date filter',
        path: ['from'],
      })
      .refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, {
        message: 'the end date must not be before the start date',
        path: ['to'],
      }),
    errors: ['TRACE_REQUIRED', 'PATIENT_RESTRICTED', 'NO_REGISTERED_PRACTICE', 'SPINE_ERROR'],
  }),
  'slots.search': channel<{ readonly odsCode: string; readonly bundle: fhir.Bundle }>()({
    summary: 'Free appointment slots at a practice in a window of up to 14 days',
    input: z
      .object({
        odsCode: z.string().regex(/^[A-Z0-9]{3,10}$/, 'odsCode must be an ODS code'),
        start: calendarDate,
        end: calendarDate,
      })
      .strict()
      .refine((v) => v.start <= v.end, { message: 'end must not be before start', path: ['end'] })
      .refine((v) => (Date.parse(v.end) - Date.parse(v.start)) / 86_400_000 <= 14, {
        message: 'the window must be 14 days or less',
        path: ['end'],
      }),
    errors: ['SPINE_ERROR'],
  }),
} as const satisfies { readonly [K in ChannelName]: ChannelSpec<z.ZodType, unknown, ErrorCode> };

export type Contract = typeof contract;
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
export type HandlerInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends ChannelName> = NonNullable<Contract[K]['output']>;
