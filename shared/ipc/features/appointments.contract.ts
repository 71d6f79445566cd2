import { z } from 'zod';
import type { ContractFragment } from '../contract-kit';
import { calendarDate, channel, nhsNumberInput, odsCodeInput } from '../contract-kit';
import type { AppointmentChange, AppointmentView } from '../../appointments/appointment-view';
import { COMMENT_MAX, DESCRIPTION_MAX } from '../../appointments/booking';
import { MAX_SEARCH_DAYS, MAX_SEARCH_PRACTICES } from '../../appointments/search-windows';
import type { SlotView } from '../../appointments/slots';
import type { APPOINTMENT_CHANNELS } from './appointments.channels';

const slotId = z.string().regex(/^[A-Za-z0-9.-]{1,64}$/, 'must be a slot id');
const appointmentId = z.string().regex(/^[A-Za-z0-9.-]{1,64}$/, 'must be an appointment id');
/** SPEC §5.2: counted and enforced here as in the form; the practice must never be the one to refuse it. */
const description = z
  .string()
  .refine((v) => v.trim() !== '', 'enter a description')
  .refine((v) => v.length <= DESCRIPTION_MAX, `the description must be ${DESCRIPTION_MAX} characters or fewer`);
const comment = z.string().max(COMMENT_MAX, `the comment must be ${COMMENT_MAX} characters or fewer`);

export interface SlotSearchStarted {
  readonly searchId: string;
  readonly practices: readonly string[];
  /** The windows of at most 14 days each practice is asked for. */
  readonly windows: readonly { readonly start: string; readonly end: string }[];
}

export interface PracticeSlotResult {
  readonly odsCode: string;
  readonly practiceName?: string;
  readonly state: 'pending' | 'done' | 'failed';
  /** Milliseconds from the start of the search to this practice's answer. */
  readonly ms?: number;
  readonly slots?: readonly SlotView[];
  readonly error?: { readonly code: string; readonly message: string; readonly traceId?: string };
}

export interface SlotSearchProgress {
  readonly searchId: string;
  readonly done: boolean;
  readonly practices: readonly PracticeSlotResult[];
}

export interface BookingOutcome {
  /** As read back from the practice after booking. */
  readonly appointment: AppointmentView;
  /** A temporary registration was made first (hub practice). */
  readonly registered: boolean;
  /** The reply was lost, and the booking was found in the patient's appointments instead. */
  readonly recoveredAfterLostReply: boolean;
}

export interface AppointmentList {
  readonly odsCode: string;
  readonly from: string;
  readonly to: string;
  /** False when the practice has no record of the patient (no appointments can exist there). */
  readonly registered: boolean;
  readonly appointments: readonly AppointmentView[];
}

export type ChangeOutcome =
  | { readonly outcome: 'saved'; readonly appointment: AppointmentView }
  | {
      readonly outcome: 'changed-elsewhere';
      readonly appointment: AppointmentView;
      readonly changes: readonly AppointmentChange[];
    };

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
  'slots.searchStart': channel<SlotSearchStarted>()({
    summary:
      'Starts a free-slot search at up to 20 practices in parallel (ranges over 14 days split per practice); poll for results',
    input: z
      .object({
        nhsNumber: nhsNumberInput,
        practices: z
          .array(odsCodeInput)
          .min(1, 'choose at least one practice')
          .max(MAX_SEARCH_PRACTICES, `at most ${MAX_SEARCH_PRACTICES} practices in one search`)
          .refine((p) => new Set(p).size === p.length, 'a practice is listed twice'),
        from: calendarDate,
        to: calendarDate,
      })
      .strict()
      .refine((v) => v.from <= v.to, { message: 'the end date must not be before the start date', path: ['to'] })
      .refine((v) => (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 <= MAX_SEARCH_DAYS, {
        message: `search at most ${MAX_SEARCH_DAYS} days at a time`,
        path: ['to'],
      }),
    errors: ['TRACE_REQUIRED', 'PATIENT_RESTRICTED'],
  }),
  'slots.searchPoll': channel<SlotSearchProgress>()({
    summary: 'The results of a slot search so far: each practice pending, answered or failed (named)',
    input: z.object({ searchId: z.string().uuid('searchId must be a search id') }).strict(),
    errors: ['SEARCH_EXPIRED'],
  }),
  'appointment.book': channel<BookingOutcome>()({
    summary: 'Books slots found by a search (temporary registration first at a hub practice); never twice; read back',
    input: z
      .object({
        nhsNumber: nhsNumberInput,
        odsCode: odsCodeInput,
        slotIds: z.array(slotId).min(1, 'choose a slot').max(6, 'at most 6 adjacent slots'),
        description: description,
        comment: comment.optional(),
        /** One per press of "Book": the same id twice is one booking (a double click, a re-sent request). */
        attemptId: z.string().uuid('attemptId must be a UUID'),
      })
      .strict(),
    errors: [
      'TRACE_REQUIRED',
      'PATIENT_RESTRICTED',
      'SLOT_TAKEN',
      'BOOKING_NOT_CONFIRMED',
      'BOOKING_OUTCOME_UNKNOWN',
      'SLOTS_NOT_BOOKABLE',
      'SEARCH_EXPIRED',
      'NOT_REGISTERED_AT_PRACTICE',
      'REGISTRATION_FAILED',
      'BOOKING_NOT_CONFIGURED',
      'SPINE_ERROR',
    ],
  }),
  'appointment.list': channel<AppointmentList>()({
    summary: "The patient's future appointments at a practice (cancelled ones included and marked)",
    input: z.object({ nhsNumber: nhsNumberInput, odsCode: odsCodeInput }).strict(),
    errors: ['TRACE_REQUIRED', 'PATIENT_RESTRICTED', 'SPINE_ERROR'],
  }),
  'appointment.read': channel<AppointmentView>()({
    summary: 'One appointment as the practice holds it now (its version is what a change must match)',
    input: z.object({ nhsNumber: nhsNumberInput, odsCode: odsCodeInput, appointmentId }).strict(),
    errors: ['TRACE_REQUIRED', 'PATIENT_RESTRICTED', 'SPINE_ERROR'],
  }),
  'appointment.amend': channel<ChangeOutcome>()({
    summary: 'Changes the description and comment of the appointment just read (If-Match); read back',
    input: z
      .object({
        nhsNumber: nhsNumberInput,
        odsCode: odsCodeInput,
        appointmentId,
        version: z.string().min(1).max(20),
        description,
        comment: comment.optional(),
      })
      .strict(),
    errors: ['TRACE_REQUIRED', 'PATIENT_RESTRICTED', 'APPOINTMENT_NOT_READ', 'SPINE_ERROR'],
  }),
  'appointment.cancel': channel<ChangeOutcome>()({
    summary: 'Cancels the appointment just read, with a reason (If-Match); read back',
    input: z
      .object({
        nhsNumber: nhsNumberInput,
        odsCode: odsCodeInput,
        appointmentId,
        version: z.string().min(1).max(20),
        reason: z
          .string()
          .trim()
          .min(1, 'enter the reason for cancelling')
          .max(COMMENT_MAX, `the reason must be ${COMMENT_MAX} characters or fewer`),
      })
      .strict(),
    errors: ['TRACE_REQUIRED', 'PATIENT_RESTRICTED', 'APPOINTMENT_NOT_READ', 'SPINE_ERROR'],
  }),
} as const satisfies ContractFragment<(typeof APPOINTMENT_CHANNELS)[number]>;
