import { z } from 'zod';
import type { ContractFragment } from '../contract-kit';
import { channel, nhsNumberInput } from '../contract-kit';
import type { RECORD_PRINT_CHANNELS } from './record-print.channels';

/** What to print: sections the screen holds, named by the `Ssp-TraceID` they were retrieved under. */
const printInput = z
  .object({
    nhsNumber: nhsNumberInput,
    scope: z.enum(['section', 'record'], { error: 'scope must be "section" or "record"' }),
    traceIds: z
      .array(z.uuid({ error: 'each trace ID must be the UUID the section was retrieved under' }))
      .min(1, 'name at least one retrieved section to print')
      .max(10, 'a printout holds at most the 10 record sections'),
  })
  .strict()
  .refine((v) => v.scope === 'record' || v.traceIds.length === 1, {
    message: 'a section printout holds exactly one section',
    path: ['traceIds'],
  });

/** A print document composed in main: the sanitised sections under the patient banner, script-free, with a CSP. */
export interface RecordPrintout {
  readonly title: string;
  /** A complete HTML document; its stylesheet link is relative (`record-print.css`, served beside the page). */
  readonly document: string;
  readonly printedAt: string;
}

export interface RecordPdfResult {
  /** False when the clinician cancelled the save dialog. */
  readonly saved: boolean;
}

const ERRORS = ['TRACE_REQUIRED', 'PATIENT_RESTRICTED', 'SECTION_NOT_HELD'] as const;

export const recordPrintContract = {
  'record.print': channel<RecordPrintout>()({
    summary:
      'A print document of GP record sections already retrieved (patient banner, source, user and watermark on every page)',
    input: printInput,
    errors: ERRORS,
  }),
  'record.pdf': channel<RecordPdfResult>()({
    summary: 'Saves GP record sections already retrieved as a PDF (desktop app only)',
    input: printInput,
    errors: [...ERRORS, 'NOT_AVAILABLE'],
  }),
} as const satisfies ContractFragment<(typeof RECORD_PRINT_CHANNELS)[number]>;
