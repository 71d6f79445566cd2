import { z } from 'zod';
import type { AdministrativeGender, PatientSummary } from '../../shared/patient/patient-summary';
import { parseCalendarDate } from '../../shared/nhs/dates';

/**
 * Reads a PDS FHIR R4 `Patient` (personal-demographics-service-api) into a PatientSummary.
 * Only the elements the banner needs are read; anything else PDS sends is ignored. The response is untrusted:
 * a PDS payload that lacks what a banner must show is an error, never a half-empty banner.
 */
const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
const CONFIDENTIALITY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

const period = z.object({ start: z.string().optional(), end: z.string().optional() }).optional();

const humanName = z.object({
  use: z.string().optional(),
  period,
  given: z.array(z.string()).optional(),
  family: z.string().optional(),
  prefix: z.array(z.string()).optional(),
});

const address = z.object({
  use: z.string().optional(),
  period,
  line: z.array(z.string()).optional(),
  postalCode: z.string().optional(),
});

export const pdsPatientSchema = z.object({
  resourceType: z.literal('Patient'),
  id: z.string(),
  identifier: z.array(z.object({ system: z.string().optional(), value: z.string().optional() })).optional(),
  meta: z
    .object({ security: z.array(z.object({ system: z.string().optional(), code: z.string().optional() })).optional() })
    .optional(),
  name: z.array(humanName).optional(),
  gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
  birthDate: z.string().optional(),
  deceasedDateTime: z.string().optional(),
  address: z.array(address).optional(),
  generalPractitioner: z
    .array(
      z.object({
        identifier: z.object({ system: z.string().optional(), value: z.string().optional(), period }).optional(),
        display: z.string().optional(),
      }),
    )
    .optional(),
});

export type PdsPatient = z.infer<typeof pdsPatientSchema>;

export class PdsPatientError extends Error {
  override readonly name = 'PdsPatientError';
}

/** A PDS "S-flag" (restricted) patient: confidentiality code `R` (SPEC §1.1). */
export function isRestricted(patient: PdsPatient): boolean {
  return (patient.meta?.security ?? []).some(
    (s) => s.code === 'R' && (s.system ?? CONFIDENTIALITY_SYSTEM) === CONFIDENTIALITY_SYSTEM,
  );
}

function isCurrent(p: { start?: string | undefined; end?: string | undefined } | undefined, today: string): boolean {
  if (!p) return true;
  if (p.start !== undefined && p.start.slice(0, 10) > today) return false;
  if (p.end !== undefined && p.end.slice(0, 10) < today) return false;
  return true;
}

/** The current `usual` name (PDS's preferred name), else any current name, else the first. */
function pickName(names: PdsPatient['name'], today: string) {
  const all = names ?? [];
  return (
    all.find((n) => n.use === 'usual' && isCurrent(n.period, today)) ??
    all.find((n) => isCurrent(n.period, today)) ??
    all[0]
  );
}

export function toPatientSummary(
  input: unknown,
  opts: { source: string; today: string; practiceNames?: ReadonlyMap<string, string> },
): PatientSummary {
  const parsed = pdsPatientSchema.safeParse(input);
  if (!parsed.success)
    throw new PdsPatientError(
      `PDS returned a Patient the workstation cannot read: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  const patient = parsed.data;
  const nhsNumber = patient.identifier?.find((i) => i.system === NHS_NUMBER_SYSTEM)?.value ?? patient.id;
  const name = pickName(patient.name, opts.today);
  if (!name?.family) throw new PdsPatientError('PDS returned a Patient without a family name');
  if (!patient.birthDate || !parseCalendarDate(patient.birthDate))
    throw new PdsPatientError('PDS returned a Patient without a valid birth date');
  const restricted = isRestricted(patient);
  const gender: AdministrativeGender = patient.gender ?? 'unknown';

  const summary: {
    -readonly [K in keyof PatientSummary]: PatientSummary[K];
  } = {
    nhsNumber,
    name: { prefix: name.prefix ?? [], given: name.given ?? [], family: name.family },
    birthDate: patient.birthDate.slice(0, 10),
    gender,
    restricted,
    source: opts.source,
  };
  if (patient.deceasedDateTime) summary.deceasedDate = patient.deceasedDateTime.slice(0, 10);
  // Restricted patients: location details must never leave main, even if a provider sent them by mistake.
  if (!restricted) {
    const home = (patient.address ?? []).find((a) => a.use === 'home' && isCurrent(a.period, opts.today));
    if (home) {
      summary.address =
        home.postalCode === undefined
          ? { lines: home.line ?? [] }
          : { lines: home.line ?? [], postcode: home.postalCode };
    }
    const gp = (patient.generalPractitioner ?? []).find(
      (g) => g.identifier?.system === ODS_SYSTEM && g.identifier.value && isCurrent(g.identifier.period, opts.today),
    );
    const ods = gp?.identifier?.value;
    if (ods) {
      const practiceName = opts.practiceNames?.get(ods) ?? gp.display;
      summary.registeredPractice = practiceName === undefined ? { odsCode: ods } : { odsCode: ods, name: practiceName };
    }
  }
  return summary;
}
