import { z } from 'zod';
import type { HtmlRecordSection } from '../../gpconnect/html-record-view';
import { HTML_SECTION_CODES, takesDateFilter } from '../../gpconnect/html-sections';
import type { ContractFragment } from '../contract-kit';
import { calendarDate, channel, nhsNumberInput } from '../contract-kit';
import type { RECORD_HTML_CHANNELS } from './record-html.channels';

export { HTML_SECTION_CODES };
export type { HtmlRecordSection };

export const recordHtmlContract = {
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
} as const satisfies ContractFragment<(typeof RECORD_HTML_CHANNELS)[number]>;
