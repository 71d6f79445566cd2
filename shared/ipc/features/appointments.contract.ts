import { z } from 'zod';
import type { ContractFragment } from '../contract-kit';
import { calendarDate, channel } from '../contract-kit';
import type { APPOINTMENT_CHANNELS } from './appointments.channels';

export const appointmentsContract = {
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
} as const satisfies ContractFragment<(typeof APPOINTMENT_CHANNELS)[number]>;
