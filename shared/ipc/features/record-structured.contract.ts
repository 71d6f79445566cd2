import { z } from 'zod';
import type { StructuredRecordView } from '../../record/structured-view';
import type { ContractFragment } from '../contract-kit';
import { calendarDate, channel, nhsNumberInput } from '../contract-kit';
import type { RECORD_STRUCTURED_CHANNELS } from './record-structured.channels';

export type { StructuredRecordView };

/** A date range part (SPEC §6.1 Period): whole dates, start not after end (the request builder checks the rest). */
const dateRange = z
  .object({ start: calendarDate.optional(), end: calendarDate.optional() })
  .strict()
  .refine((v) => v.start === undefined || v.end === undefined || v.start <= v.end, {
    message: 'the end date must not be before the start date',
    path: ['end'],
  });

/**
 * What to ask for (SPEC §6.1); omitted means the whole record. Each area present is requested with the parts given;
 * the forbidden combinations are refused in main by the request builder with a sentence naming the part.
 */
export const structuredQueryInput = z
  .object({
    allergies: z.object({ includeResolved: z.boolean() }).strict().optional(),
    medication: z
      .object({ includeIssues: z.boolean().optional(), fromDate: calendarDate.optional() })
      .strict()
      .optional(),
    consultations: z
      .object({ period: dateRange.optional(), mostRecent: z.number().int().min(1).max(10_000).optional() })
      .strict()
      .optional(),
    problems: z
      .object({
        status: z.enum(['active', 'inactive']).optional(),
        significance: z.enum(['major', 'minor']).optional(),
      })
      .strict()
      .optional(),
    immunisations: z
      .object({ includeNotGiven: z.boolean().optional(), includeStatus: z.boolean().optional() })
      .strict()
      .optional(),
    uncategorised: z.object({ period: dateRange.optional() }).strict().optional(),
    investigations: z.object({ period: dateRange.optional() }).strict().optional(),
    referrals: z.object({ period: dateRange.optional() }).strict().optional(),
    diary: z.object({ onOrBefore: calendarDate.optional() }).strict().optional(),
  })
  .strict();

export const recordStructuredContract = {
  'record.structured': channel<StructuredRecordView>()({
    summary:
      "The patient's structured GP record (every clinical area, as view models) from their registered practice (needs a PDS trace of the patient in the last 24 hours)",
    input: z.object({ nhsNumber: nhsNumberInput, query: structuredQueryInput.optional() }).strict(),
    errors: [
      'TRACE_REQUIRED',
      'PATIENT_RESTRICTED',
      'NO_REGISTERED_PRACTICE',
      'STRUCTURED_REQUEST_REFUSED',
      'RECORD_PATIENT_MISMATCH',
      'SPINE_ERROR',
    ],
  }),
} as const satisfies ContractFragment<(typeof RECORD_STRUCTURED_CHANNELS)[number]>;
