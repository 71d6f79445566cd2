import { z } from 'zod';
import { parseCalendarDate } from '../../../shared/nhs/dates';
import { isValidNhsNumber } from '../../../shared/nhs/nhs-number';
import { gpcError } from '../operation-outcome';
import type { GpcErrorCode } from '../operation-outcome';
import type { Checked } from './result';
import { pass, reject } from './result';

/**
 * The `$gpc.getstructuredrecord` Parameters body (SPEC §6.1), checked as strictly as the provider suite: each
 * parameter and part, their value types, dates (whole dates, not in the future unless the part says so), the
 * forbidden combinations, duplicates. Parameters or parts the practice's version does not know are not errors: they
 * come back as NOT_IMPLEMENTED warnings (forward compatibility), which is why the known names are an input.
 */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

export interface DatePeriod {
  readonly start?: string;
  readonly end?: string;
}

export interface StructuredQuery {
  readonly nhsNumber: string;
  readonly allergies?: { readonly includeResolved: boolean };
  readonly medication?: { readonly includeIssues: boolean; readonly fromDate?: string };
  readonly consultations?: { readonly period?: DatePeriod; readonly mostRecent?: number };
  readonly problems?: { readonly status?: 'active' | 'inactive'; readonly significance?: 'major' | 'minor' };
  readonly immunisations?: { readonly includeNotGiven: boolean; readonly includeStatus: boolean };
  readonly uncategorised?: { readonly period?: DatePeriod };
  readonly investigations?: { readonly period?: DatePeriod };
  readonly referrals?: { readonly period?: DatePeriod };
  readonly diary?: { readonly onOrBefore?: string };
  /** `name` or `parent.part` of everything this practice does not know: one NOT_IMPLEMENTED warning each. */
  readonly unknown: readonly string[];
  /** Areas switched off at the practice: one "has been disabled" NOT_IMPLEMENTED warning each. */
  readonly disabled: readonly string[];
}

/** Every clinical-area parameter of 1.6 and its parts, with the value type each part takes. */
export const STRUCTURED_PARAMETERS = {
  includeAllergies: { includeResolvedAllergies: 'valueBoolean' },
  includeMedication: { includePrescriptionIssues: 'valueBoolean', medicationSearchFromDate: 'valueDate' },
  includeConsultations: { consultationSearchPeriod: 'valuePeriod', includeNumberOfMostRecent: 'valuePositiveInt' },
  includeProblems: { filterStatus: 'valueCode', filterSignificance: 'valueCode' },
  includeImmunisations: { includeNotGiven: 'valueBoolean', includeStatus: 'valueBoolean' },
  includeUncategorisedData: { uncategorisedDataSearchPeriod: 'valuePeriod' },
  includeInvestigations: { investigationSearchPeriod: 'valuePeriod' },
  includeReferrals: { referralSearchPeriod: 'valuePeriod' },
  includeDiaryEntries: { diaryEntriesSearchDate: 'valueDate' },
} as const;

export type AreaParameter = keyof typeof STRUCTURED_PARAMETERS;

/** Parts a request may not send together with includeConsultations / includeProblems (SPEC §6.1). */
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

const element = z.looseObject({ name: z.string().min(1) });
const parametersSchema = z.object({
  resourceType: z.literal('Parameters'),
  id: z.string().optional(),
  meta: z.unknown().optional(),
  parameter: z.array(element.extend({ part: z.array(element).optional() })),
});

type Element = z.infer<typeof element>;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const fail = (code: GpcErrorCode, message: string) => reject(gpcError(code, message));

function valueKeys(e: Element): string[] {
  return Object.keys(e).filter((k) => k.startsWith('value'));
}

/** The one value[x] of a parameter or part, of the expected type; a missing or differently typed value is invalid. */
function valueOf(e: Element, where: string, key: string): Checked<unknown> {
  const keys = valueKeys(e);
  if (keys.length === 0) return fail('INVALID_PARAMETER', `${where} has no value`);
  if (keys.length > 1 || keys[0] !== key) {
    return fail('INVALID_PARAMETER', `${where} must have ${key}, not ${keys.join(', ')}`);
  }
  return pass(e[key]);
}

function wholeDate(value: unknown, where: string): Checked<string> {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || !parseCalendarDate(value)) {
    return fail('INVALID_PARAMETER', `${where} must be a whole date yyyy-mm-dd, not ${JSON.stringify(value)}`);
  }
  return pass(value);
}

function notAfterToday(date: string, today: string, where: string): Checked<string> {
  return date > today ? fail('INVALID_PARAMETER', `${where} ${date} is in the future`) : pass(date);
}

function period(value: unknown, where: string, today: string): Checked<DatePeriod> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail('INVALID_PARAMETER', `${where} must be a Period`);
  }
  const { start, end, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return fail('INVALID_PARAMETER', `${where} has unexpected elements`);
  const out: { start?: string; end?: string } = {};
  for (const [name, bound] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (bound === undefined) continue;
    const date = wholeDate(bound, `${where}.${name}`);
    if (!date.ok) return date;
    const past = notAfterToday(date.value, today, `${where}.${name}`);
    if (!past.ok) return past;
    out[name] = date.value;
  }
  if (out.start !== undefined && out.end !== undefined && out.start > out.end) {
    return fail('INVALID_PARAMETER', `${where} starts after it ends`);
  }
  return pass(out);
}

function booleanPart(value: unknown, where: string): Checked<boolean> {
  return typeof value === 'boolean' ? pass(value) : fail('INVALID_PARAMETER', `${where} must be true or false`);
}

function codePart<T extends string>(value: unknown, where: string, allowed: readonly T[]): Checked<T> {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? pass(value as T)
    : fail('INVALID_PARAMETER', `${where} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
}

function patientNhsNumber(e: Element): Checked<string> {
  const value = valueOf(e, 'patientNHSNumber', 'valueIdentifier');
  if (!value.ok) return value;
  const id = value.value as { system?: unknown; value?: unknown } | null;
  if (id === null || typeof id !== 'object') return fail('INVALID_PARAMETER', 'patientNHSNumber must be an Identifier');
  if (id.system !== NHS_NUMBER_SYSTEM) {
    return fail('INVALID_IDENTIFIER_SYSTEM', `patientNHSNumber system must be ${NHS_NUMBER_SYSTEM}`);
  }
  if (typeof id.value !== 'string' || id.value === '') {
    return fail('INVALID_PARAMETER', 'patientNHSNumber has no value');
  }
  if (!/^[0-9]{10}$/.test(id.value) || !isValidNhsNumber(id.value)) {
    return fail('INVALID_NHS_NUMBER', `"${id.value.slice(0, 20)}" is not a valid NHS number`);
  }
  return pass(id.value);
}

export function checkStructuredParameters(
  raw: unknown,
  options: {
    readonly today: string;
    readonly knownParameters: ReadonlySet<string>;
    readonly knownParts: ReadonlySet<string>;
    readonly disabledParameters?: ReadonlySet<string>;
  },
): Checked<StructuredQuery> {
  const parsed = parametersSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(
      'INVALID_RESOURCE',
      `the body is not a GetStructuredRecord Parameters resource (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`,
    );
  }
  const { today } = options;
  const seen = new Set<string>();
  let nhsNumber: string | undefined;
  const unknown: string[] = [];
  // Parts actually sent, for the forbidden-combination check.
  const sentParts = new Set<string>();
  const disabled: string[] = [];
  const query: { -readonly [K in keyof StructuredQuery]: StructuredQuery[K] } = { nhsNumber: '', unknown, disabled };

  for (const p of parsed.data.parameter) {
    if (seen.has(p.name)) return fail('INVALID_PARAMETER', `parameter ${p.name} is given more than once`);
    seen.add(p.name);
    if (p.name === 'patientNHSNumber') {
      if (p.part !== undefined) return fail('INVALID_PARAMETER', 'patientNHSNumber has no parts');
      const nhs = patientNhsNumber(p);
      if (!nhs.ok) return nhs;
      nhsNumber = nhs.value;
      continue;
    }
    const parts = (STRUCTURED_PARAMETERS as Record<string, Record<string, string> | undefined>)[p.name];
    if (parts === undefined || !options.knownParameters.has(p.name)) {
      unknown.push(p.name);
      continue;
    }
    if (options.disabledParameters?.has(p.name) === true) {
      disabled.push(p.name);
      continue;
    }
    if (valueKeys(p).length > 0) return fail('INVALID_PARAMETER', `${p.name} takes parts, not a value`);
    const values: Record<string, unknown> = {};
    for (const part of p.part ?? []) {
      const where = `${p.name}.${part.name}`;
      if (part.name in values) return fail('INVALID_RESOURCE', `part ${where} is given more than once`);
      const type = parts[part.name];
      if (type === undefined || !options.knownParts.has(part.name)) {
        unknown.push(where);
        continue;
      }
      const value = valueOf(part, where, type);
      if (!value.ok) return value;
      values[part.name] = value.value;
      sentParts.add(part.name);
    }
    const checked = areaQuery(p.name as AreaParameter, values, today);
    if (!checked.ok) return checked;
    Object.assign(query, checked.value);
  }

  if (nhsNumber === undefined) return fail('INVALID_PARAMETER', 'patientNHSNumber is missing');
  query.nhsNumber = nhsNumber;
  const requested = Object.keys(STRUCTURED_PARAMETERS).filter((n) => seen.has(n) && options.knownParameters.has(n));
  if (requested.length === 0 && unknown.length === 0 && disabled.length === 0) {
    return fail('INVALID_PARAMETER', 'no clinical area was requested (includeAllergies, includeMedication, …)');
  }
  for (const [parameter, forbidden] of [
    ['includeConsultations', FORBIDDEN_WITH_CONSULTATIONS],
    ['includeProblems', FORBIDDEN_WITH_PROBLEMS],
  ] as const) {
    if (!seen.has(parameter)) continue;
    const clash = forbidden.find((part) => sentParts.has(part));
    if (clash) return fail('INVALID_PARAMETER', `${clash} cannot be combined with ${parameter}`);
  }
  return pass(query);
}

/** One area parameter's parts, each value checked, with the spec's defaults. */
function areaQuery(name: AreaParameter, v: Record<string, unknown>, today: string): Checked<Partial<StructuredQuery>> {
  const where = (part: string) => `${name}.${part}`;
  switch (name) {
    case 'includeAllergies': {
      if (!('includeResolvedAllergies' in v)) {
        return fail('INVALID_PARAMETER', 'includeAllergies.includeResolvedAllergies is required');
      }
      const resolved = booleanPart(v['includeResolvedAllergies'], where('includeResolvedAllergies'));
      return resolved.ok ? pass({ allergies: { includeResolved: resolved.value } }) : resolved;
    }
    case 'includeMedication': {
      let includeIssues = true;
      if ('includePrescriptionIssues' in v) {
        const issues = booleanPart(v['includePrescriptionIssues'], where('includePrescriptionIssues'));
        if (!issues.ok) return issues;
        includeIssues = issues.value;
      }
      if (!('medicationSearchFromDate' in v)) return pass({ medication: { includeIssues } });
      const from = wholeDate(v['medicationSearchFromDate'], where('medicationSearchFromDate'));
      if (!from.ok) return from;
      const past = notAfterToday(from.value, today, where('medicationSearchFromDate'));
      return past.ok ? pass({ medication: { includeIssues, fromDate: past.value } }) : past;
    }
    case 'includeConsultations': {
      if ('consultationSearchPeriod' in v && 'includeNumberOfMostRecent' in v) {
        return fail('INVALID_RESOURCE', 'consultationSearchPeriod and includeNumberOfMostRecent cannot both be sent');
      }
      if ('includeNumberOfMostRecent' in v) {
        const n = v['includeNumberOfMostRecent'];
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
          return fail('INVALID_PARAMETER', `${where('includeNumberOfMostRecent')} must be a positive integer`);
        }
        return pass({ consultations: { mostRecent: n } });
      }
      if ('consultationSearchPeriod' in v) {
        const p = period(v['consultationSearchPeriod'], where('consultationSearchPeriod'), today);
        return p.ok ? pass({ consultations: { period: p.value } }) : p;
      }
      return pass({ consultations: {} });
    }
    case 'includeProblems': {
      const out: { status?: 'active' | 'inactive'; significance?: 'major' | 'minor' } = {};
      if ('filterStatus' in v) {
        const s = codePart(v['filterStatus'], where('filterStatus'), ['active', 'inactive'] as const);
        if (!s.ok) return s;
        out.status = s.value;
      }
      if ('filterSignificance' in v) {
        const s = codePart(v['filterSignificance'], where('filterSignificance'), ['major', 'minor'] as const);
        if (!s.ok) return s;
        out.significance = s.value;
      }
      return pass({ problems: out });
    }
    case 'includeImmunisations': {
      const flags = { includeNotGiven: false, includeStatus: true };
      for (const part of ['includeNotGiven', 'includeStatus'] as const) {
        if (!(part in v)) continue;
        const b = booleanPart(v[part], where(part));
        if (!b.ok) return b;
        flags[part] = b.value;
      }
      return pass({ immunisations: flags });
    }
    case 'includeDiaryEntries': {
      if (!('diaryEntriesSearchDate' in v)) return pass({ diary: {} });
      const date = wholeDate(v['diaryEntriesSearchDate'], where('diaryEntriesSearchDate'));
      if (!date.ok) return date;
      // Diary entries are planned items: the search date looks forward, so it may not lie in the past.
      if (date.value < today) return fail('INVALID_PARAMETER', `${where('diaryEntriesSearchDate')} is in the past`);
      return pass({ diary: { onOrBefore: date.value } });
    }
    case 'includeUncategorisedData':
    case 'includeInvestigations':
    case 'includeReferrals': {
      const partName = Object.keys(STRUCTURED_PARAMETERS[name])[0] ?? '';
      const key =
        name === 'includeUncategorisedData'
          ? 'uncategorised'
          : name === 'includeInvestigations'
            ? 'investigations'
            : 'referrals';
      if (!(partName in v)) return pass({ [key]: {} });
      const p = period(v[partName], where(partName), today);
      return p.ok ? pass({ [key]: { period: p.value } }) : p;
    }
  }
}
