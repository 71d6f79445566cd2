import type { CalendarDate } from '../nhs/dates';
import { parseCalendarDate } from '../nhs/dates';
import type { AdministrativeGender, PatientSummary } from './patient-summary';

/**
 * A PDS demographic search (SPEC §10.1) as the clinician fills it in: family name and date of birth are needed,
 * given name, gender and postcode narrow it. Checked the same way in the form (for speed) and in main (the rule).
 */
export interface DemographicQuery {
  readonly family: string;
  readonly given?: string;
  readonly gender?: AdministrativeGender;
  /** `YYYY-MM-DD` */
  readonly birthDate: string;
  /** Normalised: capitals, one space before the inward code (`HG1 4RT`). */
  readonly postcode?: string;
}

/** One person PDS offered, with how well they match (1 = every field given matches). */
export interface PatientCandidate {
  readonly patient: PatientSummary;
  readonly score: number;
}

export type DemographicSearchResult =
  | { readonly status: 'matches'; readonly candidates: readonly PatientCandidate[] }
  /** More people match than PDS will list: the clinician must add detail. */
  | { readonly status: 'too-many' };

export type DemographicField = 'family' | 'given' | 'gender' | 'birthDate' | 'postcode';

export interface FieldProblem {
  readonly field: DemographicField;
  readonly message: string;
}

const NAME = /^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F' -]*$/;
/** UK postcode shapes (outward code 2–4, inward code digit + 2 letters), as Royal Mail defines them. */
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$/;

function nameProblem(label: string, value: string, required: boolean): string | null {
  if (value === '') return required ? `Enter the patient's ${label}` : null;
  if (value.length > 35) return `${capital(label)} must be 35 characters or fewer`;
  if (!NAME.test(value)) {
    return `${capital(label)} must contain only letters, spaces, hyphens and apostrophes`;
  }
  return null;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `hg14rt` → `HG1 4RT`; null when it is not a UK postcode. */
export function normalisePostcode(value: string): string | null {
  const match = POSTCODE.exec(value.replace(/\s+/g, ' ').trim().toUpperCase());
  return match ? `${match[1] ?? ''} ${match[2] ?? ''}` : null;
}

const before = (a: CalendarDate, b: CalendarDate) =>
  a.year !== b.year ? a.year < b.year : a.month !== b.month ? a.month < b.month : a.day < b.day;

/** A date from day, month and year boxes, each problem named (`label`: what the date is): null when all are empty. */
export function dateFromParts(
  day: string,
  month: string,
  year: string,
  label = 'Date of birth',
): { date: string } | { problem: string } | null {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (d === '' && m === '' && y === '') return null;
  const missing = [d === '' ? 'day' : null, m === '' ? 'month' : null, y === '' ? 'year' : null].filter(
    (x): x is string => x !== null,
  );
  if (missing.length > 0) return { problem: `${label} must include a ${missing.join(' and ')}` };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) {
    return { problem: `${label} must be a real date, with a 4-digit year, for example 12 3 1968` };
  }
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  if (!parseCalendarDate(iso)) return { problem: `${label} must be a real date` };
  return { date: iso };
}

/**
 * Every problem with a search, each naming its field and what to fix; an empty list means it can be sent.
 * `today` is the clinician's calendar date (a date of birth cannot be after it).
 */
export function checkDemographicQuery(
  query: { readonly [K in keyof DemographicQuery]?: DemographicQuery[K] | undefined } & {
    readonly family: string;
    readonly birthDate: string;
  },
  today: CalendarDate,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const family = nameProblem('family name', query.family.trim(), true);
  if (family) problems.push({ field: 'family', message: family });
  const given = nameProblem('given name', (query.given ?? '').trim(), false);
  if (given) problems.push({ field: 'given', message: given });
  if (query.birthDate === '') {
    problems.push({ field: 'birthDate', message: "Enter the patient's date of birth" });
  } else {
    const born = parseCalendarDate(query.birthDate);
    if (!born || !/^\d{4}-\d{2}-\d{2}$/.test(query.birthDate)) {
      problems.push({ field: 'birthDate', message: 'Date of birth must be a real date' });
    } else if (before(today, born)) {
      problems.push({ field: 'birthDate', message: 'Date of birth must be today or in the past' });
    } else if (born.year < 1900) {
      problems.push({ field: 'birthDate', message: 'Date of birth must be after 1900' });
    }
  }
  if (query.postcode !== undefined && query.postcode.trim() !== '' && !normalisePostcode(query.postcode)) {
    problems.push({ field: 'postcode', message: 'Enter a real UK postcode, like HG1 4RT' });
  }
  return problems;
}
