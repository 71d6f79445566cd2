import { parseCalendarDate } from '../nhs/dates';
import { isValidNhsNumber } from '../nhs/nhs-number';
import type { RecordAreaKey } from '../record/structured-view';
import { RECORD_AREA_KEYS } from '../record/structured-view';
import type { StructuredCapability } from './structured-capability';
import { AREA_PARAMETERS } from './structured-capability';

/**
 * The `$gpc.getstructuredrecord` Parameters body (SPEC §6.1), built from what the clinician asked for. Every rule the
 * provider enforces with a 422 is checked here first, with a sentence that names the parameter: whole dates, not in
 * the future (diary: not in the past), start ≤ end, a positive count, one of period/most-recent, and the forbidden
 * combinations with includeConsultations and includeProblems. Areas the practice's capability says it cannot answer
 * are left out (and reported), so the screen says "not supported" instead of "none recorded".
 */
export interface DateRange {
  /** `YYYY-MM-DD` */
  readonly start?: string | undefined;
  readonly end?: string | undefined;
}

export interface StructuredQueryOptions {
  readonly allergies?: { readonly includeResolved: boolean } | undefined;
  readonly medication?:
    { readonly includeIssues?: boolean | undefined; readonly fromDate?: string | undefined } | undefined;
  readonly consultations?:
    { readonly period?: DateRange | undefined; readonly mostRecent?: number | undefined } | undefined;
  readonly problems?:
    | {
        readonly status?: 'active' | 'inactive' | undefined;
        readonly significance?: 'major' | 'minor' | undefined;
      }
    | undefined;
  readonly immunisations?:
    { readonly includeNotGiven?: boolean | undefined; readonly includeStatus?: boolean | undefined } | undefined;
  readonly uncategorised?: { readonly period?: DateRange | undefined } | undefined;
  readonly investigations?: { readonly period?: DateRange | undefined } | undefined;
  readonly referrals?: { readonly period?: DateRange | undefined } | undefined;
  /** Entries due on or before this date (today or later). */
  readonly diary?: { readonly onOrBefore?: string | undefined } | undefined;
}

/** Query option key of each area. */
const OPTION_OF: Readonly<Record<RecordAreaKey, keyof StructuredQueryOptions>> = {
  allergies: 'allergies',
  medications: 'medication',
  consultations: 'consultations',
  problems: 'problems',
  immunisations: 'immunisations',
  uncategorised: 'uncategorised',
  investigations: 'investigations',
  referrals: 'referrals',
  diary: 'diary',
};

/** The whole record: every area with the provider's defaults, resolved allergies included. */
export const FULL_RECORD_QUERY: StructuredQueryOptions = {
  allergies: { includeResolved: true },
  medication: { includeIssues: true },
  consultations: {},
  problems: {},
  immunisations: {},
  uncategorised: {},
  investigations: {},
  referrals: {},
  diary: {},
};

export interface StructuredRequestPlan {
  readonly parameters: fhir.Parameters;
  /** What was asked for, per area: the readers use it to tell "not requested" from "none recorded". */
  readonly requested: Readonly<Record<RecordAreaKey, boolean>>;
  /** Areas left out because the practice declares it cannot answer them. */
  readonly unsupported: readonly RecordAreaKey[];
  readonly includeResolvedAllergies: boolean;
  /** Immunisations not given were asked for (`includeNotGiven`, default false). */
  readonly includeNotGiven: boolean;
  readonly includeImmunisationStatus: boolean;
}

export type StructuredRequestResult =
  | { readonly ok: true; readonly plan: StructuredRequestPlan }
  | { readonly ok: false; readonly message: string; readonly parameter?: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/** Parts that may not be sent with includeConsultations (SPEC §6.1); includeProblems allows the problem filters. */
const FORBIDDEN_WITH_CONSULTATIONS = [
  'medicationSearchFromDate',
  'uncategorisedDataSearchPeriod',
  'filterStatus',
  'filterSignificance',
  'referralSearchPeriod',
  'diaryEntriesSearchDate',
  'includeNotGiven',
  'includeStatus',
] as const;
const FORBIDDEN_WITH_PROBLEMS = FORBIDDEN_WITH_CONSULTATIONS.filter(
  (p) => p !== 'filterStatus' && p !== 'filterSignificance',
);

class RequestRefused extends Error {
  constructor(
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

function wholeDate(value: string, where: string): string {
  if (!ISO_DATE.test(value) || !parseCalendarDate(value)) {
    throw new RequestRefused(`${where} must be a whole date (yyyy-mm-dd), not "${value.slice(0, 20)}"`, where);
  }
  return value;
}

function notFuture(value: string, today: string, where: string): string {
  wholeDate(value, where);
  if (value > today) throw new RequestRefused(`${where} ${value} is in the future`, where);
  return value;
}

function periodPart(name: string, range: DateRange | undefined, today: string): fhir.ParametersParameter[] {
  if (!range || (range.start === undefined && range.end === undefined)) return [];
  const start = range.start === undefined ? undefined : notFuture(range.start, today, `${name}.start`);
  const end = range.end === undefined ? undefined : notFuture(range.end, today, `${name}.end`);
  if (start !== undefined && end !== undefined && start > end) {
    throw new RequestRefused(`${name} starts (${start}) after it ends (${end})`, name);
  }
  return [{ name, valuePeriod: { ...(start ? { start } : {}), ...(end ? { end } : {}) } }];
}

function parameter(name: string, parts: fhir.ParametersParameter[]): fhir.ParametersParameter {
  return parts.length > 0 ? { name, part: parts } : { name };
}

/**
 * Builds the Parameters body, or refuses with the rule broken. `today` is the UK calendar date (`YYYY-MM-DD`).
 * `capability` (from the practice's metadata) leaves out areas the practice cannot answer.
 */
export function buildStructuredRequest(
  nhsNumber: string,
  query: StructuredQueryOptions,
  options: { readonly today: string; readonly capability?: StructuredCapability },
): StructuredRequestResult {
  try {
    return { ok: true, plan: plan(nhsNumber, query, options.today, options.capability) };
  } catch (err) {
    if (err instanceof RequestRefused) {
      return { ok: false, message: err.message, ...(err.parameter ? { parameter: err.parameter } : {}) };
    }
    throw err;
  }
}

function plan(
  nhsNumber: string,
  query: StructuredQueryOptions,
  today: string,
  capability: StructuredCapability | undefined,
): StructuredRequestPlan {
  if (!/^\d{10}$/.test(nhsNumber) || !isValidNhsNumber(nhsNumber)) {
    throw new RequestRefused(`"${nhsNumber.slice(0, 20)}" is not a valid NHS number`, 'patientNHSNumber');
  }
  wholeDate(today, 'today');
  const unsupported = RECORD_AREA_KEYS.filter(
    (k) => query[OPTION_OF[k]] !== undefined && capability?.areas[k] === 'not-supported',
  );
  const asked = (k: RecordAreaKey) => query[OPTION_OF[k]] !== undefined && !unsupported.includes(k);
  const requested = Object.fromEntries(RECORD_AREA_KEYS.map((k) => [k, asked(k)])) as Record<RecordAreaKey, boolean>;
  if (!RECORD_AREA_KEYS.some((k) => query[OPTION_OF[k]] !== undefined)) {
    throw new RequestRefused('Ask for at least one clinical area');
  }
  if (!RECORD_AREA_KEYS.some(asked)) {
    throw new RequestRefused(
      `This practice does not support any of the areas asked for (${unsupported.map((k) => AREA_PARAMETERS[k]).join(', ')})`,
    );
  }

  const out: fhir.ParametersParameter[] = [
    { name: 'patientNHSNumber', valueIdentifier: { system: NHS_NUMBER_SYSTEM, value: nhsNumber } },
  ];
  const sentParts: string[] = [];
  const add = (area: RecordAreaKey, parts: fhir.ParametersParameter[]) => {
    if (!asked(area)) return;
    out.push(parameter(AREA_PARAMETERS[area], parts));
    sentParts.push(...parts.map((p) => p.name));
  };

  const allergies = query.allergies;
  add('allergies', allergies ? [{ name: 'includeResolvedAllergies', valueBoolean: allergies.includeResolved }] : []);

  const medication = query.medication;
  add('medications', [
    ...(medication?.includeIssues === undefined
      ? []
      : [{ name: 'includePrescriptionIssues', valueBoolean: medication.includeIssues }]),
    ...(medication?.fromDate === undefined
      ? []
      : [
          {
            name: 'medicationSearchFromDate',
            valueDate: notFuture(medication.fromDate, today, 'medicationSearchFromDate'),
          },
        ]),
  ]);

  const consultations = query.consultations;
  const consultationPeriod = periodPart('consultationSearchPeriod', consultations?.period, today);
  if (consultations?.mostRecent !== undefined) {
    if (!Number.isInteger(consultations.mostRecent) || consultations.mostRecent < 1) {
      throw new RequestRefused(
        'includeNumberOfMostRecent must be a whole number of 1 or more',
        'includeNumberOfMostRecent',
      );
    }
    if (consultationPeriod.length > 0) {
      throw new RequestRefused(
        'Ask for consultations either by period (consultationSearchPeriod) or by number (includeNumberOfMostRecent), not both',
        'includeConsultations',
      );
    }
  }
  add('consultations', [
    ...consultationPeriod,
    ...(consultations?.mostRecent === undefined
      ? []
      : [{ name: 'includeNumberOfMostRecent', valuePositiveInt: consultations.mostRecent }]),
  ]);

  const problems = query.problems;
  add('problems', [
    ...(problems?.status ? [{ name: 'filterStatus', valueCode: problems.status }] : []),
    ...(problems?.significance ? [{ name: 'filterSignificance', valueCode: problems.significance }] : []),
  ]);

  const immunisations = query.immunisations;
  add('immunisations', [
    ...(immunisations?.includeNotGiven === undefined
      ? []
      : [{ name: 'includeNotGiven', valueBoolean: immunisations.includeNotGiven }]),
    ...(immunisations?.includeStatus === undefined
      ? []
      : [{ name: 'includeStatus', valueBoolean: immunisations.includeStatus }]),
  ]);

  add('uncategorised', periodPart('uncategorisedDataSearchPeriod', query.uncategorised?.period, today));
  add('investigations', periodPart('investigationSearchPeriod', query.investigations?.period, today));
  add('referrals', periodPart('referralSearchPeriod', query.referrals?.period, today));

  const diaryDate = query.diary?.onOrBefore;
  if (diaryDate !== undefined) {
    wholeDate(diaryDate, 'diaryEntriesSearchDate');
    if (diaryDate < today) {
      throw new RequestRefused(
        `diaryEntriesSearchDate ${diaryDate} is in the past: it must be today or later`,
        'diaryEntriesSearchDate',
      );
    }
  }
  add('diary', diaryDate === undefined ? [] : [{ name: 'diaryEntriesSearchDate', valueDate: diaryDate }]);

  for (const [parent, forbidden] of [
    ['includeConsultations', FORBIDDEN_WITH_CONSULTATIONS],
    ['includeProblems', FORBIDDEN_WITH_PROBLEMS],
  ] as const) {
    if (!out.some((p) => p.name === parent)) continue;
    const clash = sentParts.find((p) => (forbidden as readonly string[]).includes(p));
    if (clash !== undefined) {
      throw new RequestRefused(
        `${clash} cannot be sent together with ${parent} (GP Connect refuses the combination); ask for them separately`,
        clash,
      );
    }
  }

  return {
    parameters: { resourceType: 'Parameters', parameter: out },
    requested,
    unsupported,
    includeResolvedAllergies: asked('allergies') && allergies?.includeResolved === true,
    includeNotGiven: asked('immunisations') && immunisations?.includeNotGiven === true,
    includeImmunisationStatus: asked('immunisations') && immunisations?.includeStatus !== false,
  };
}
