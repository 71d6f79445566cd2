import { z } from 'zod';
import { calendarDateOf } from '../../nhs/dates';
import type { DemographicQuery, DemographicSearchResult } from '../../patient/demographic-search';
import { checkDemographicQuery, normalisePostcode } from '../../patient/demographic-search';
import type { PatientSummary } from '../../patient/patient-summary';
import type { ContractFragment } from '../contract-kit';
import { channel, nhsNumberInput } from '../contract-kit';
import type { PATIENT_CHANNELS } from './patient.channels';

/** A PDS trace: who the patient is, and when PDS said so (the record gate needs a recent trace). */
export interface PatientTrace {
  readonly patient: PatientSummary;
  /** ISO 8601 instant of the trace. */
  readonly tracedAt: string;
}

/** A demographic search: every problem named against its field (`path`), the text trimmed, the postcode normalised. */
const demographicQuery = z
  .object({
    family: z.string({ error: 'family name must be text' }).max(64, 'Family name must be 35 characters or fewer'),
    given: z.string().max(64, 'Given name must be 35 characters or fewer').optional(),
    gender: z
      .enum(['male', 'female', 'other', 'unknown'], { error: 'gender must be male, female, other or unknown' })
      .optional(),
    birthDate: z.string({ error: 'date of birth must be text' }).max(10, 'Date of birth must be a real date'),
    postcode: z.string().max(16, 'Enter a real UK postcode, like HG1 4RT').optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    // The clinician's calendar: main runs on the same machine as the screen.
    for (const problem of checkDemographicQuery(query, calendarDateOf(new Date()))) {
      ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.field] });
    }
  })
  .transform((query): DemographicQuery => {
    const given = query.given?.trim();
    const postcode = query.postcode?.trim() ? normalisePostcode(query.postcode) : null;
    return {
      family: query.family.trim(),
      birthDate: query.birthDate,
      ...(given ? { given } : {}),
      ...(query.gender ? { gender: query.gender } : {}),
      ...(postcode ? { postcode } : {}),
    };
  });

export const patientContract = {
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
  'patient.search': channel<DemographicSearchResult>()({
    summary:
      'Search PDS by family name, date of birth and optionally given name, gender and postcode; best matches first',
    input: demographicQuery,
    errors: ['SPINE_ERROR'],
  }),
} as const satisfies ContractFragment<(typeof PATIENT_CHANNELS)[number]>;
