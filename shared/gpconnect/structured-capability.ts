import type { RecordAreaKey } from '../record/structured-view';

/**
 * What a practice's Access Record Structured endpoint declares it can answer (its structured `metadata`
 * CapabilityStatement, SPEC §4/§6.1). Providers publish their version, not a list of parameters, so the areas follow
 * from the version: 1.2 knows allergies and medication; 1.5 adds consultations, problems, immunisations and
 * uncategorised data; 1.6 adds investigations, referrals and diary entries (the versions the demonstrator models).
 */
export type AreaParameterName =
  | 'includeAllergies'
  | 'includeMedication'
  | 'includeConsultations'
  | 'includeProblems'
  | 'includeImmunisations'
  | 'includeUncategorisedData'
  | 'includeInvestigations'
  | 'includeReferrals'
  | 'includeDiaryEntries';

/** The request parameter of each area (SPEC §6.1). */
export const AREA_PARAMETERS: Readonly<Record<RecordAreaKey, AreaParameterName>> = {
  allergies: 'includeAllergies',
  medications: 'includeMedication',
  consultations: 'includeConsultations',
  problems: 'includeProblems',
  immunisations: 'includeImmunisations',
  uncategorised: 'includeUncategorisedData',
  investigations: 'includeInvestigations',
  referrals: 'includeReferrals',
  diary: 'includeDiaryEntries',
};

export function areaOfParameter(name: string): RecordAreaKey | undefined {
  return (Object.keys(AREA_PARAMETERS) as RecordAreaKey[]).find((k) => AREA_PARAMETERS[k] === name);
}

const SINCE: Readonly<Record<RecordAreaKey, readonly [number, number]>> = {
  allergies: [1, 2],
  medications: [1, 2],
  consultations: [1, 5],
  problems: [1, 5],
  immunisations: [1, 5],
  uncategorised: [1, 5],
  investigations: [1, 6],
  referrals: [1, 6],
  diary: [1, 6],
};

export interface StructuredCapability {
  /** False when the metadata could not be read or named no usable version: every area is then `unknown`. */
  readonly known: boolean;
  /** `1.6.0`, as declared. */
  readonly version?: string;
  readonly areas: Readonly<Record<RecordAreaKey, 'supported' | 'not-supported' | 'unknown'>>;
  /** Why the capability is unknown or limited, for the screen. */
  readonly note?: string;
}

const VERSION = /\b(\d+)\.(\d+)\.(\d+)\b/;

function allAreas(value: 'supported' | 'not-supported' | 'unknown'): Record<RecordAreaKey, typeof value> {
  return {
    allergies: value,
    medications: value,
    consultations: value,
    problems: value,
    immunisations: value,
    uncategorised: value,
    investigations: value,
    referrals: value,
    diary: value,
  };
}

export const UNKNOWN_CAPABILITY: StructuredCapability = {
  known: false,
  areas: allAreas('unknown'),
  note: "The practice's structured capability could not be read; every area was asked for.",
};

/** Reads a CapabilityStatement defensively (untrusted input): the declared version and the operation. */
export function readStructuredCapability(statement: unknown): StructuredCapability {
  if (typeof statement !== 'object' || statement === null) return UNKNOWN_CAPABILITY;
  const s = statement as { resourceType?: unknown; version?: unknown; description?: unknown; rest?: unknown };
  if (s.resourceType !== 'CapabilityStatement') return UNKNOWN_CAPABILITY;
  const rests = Array.isArray(s.rest) ? (s.rest as { operation?: unknown }[]) : [];
  const operations = rests.flatMap((r) => (Array.isArray(r?.operation) ? (r.operation as { name?: unknown }[]) : []));
  const declaresOperation = operations.some((o) => typeof o?.name === 'string' && /getstructuredrecord$/.test(o.name));
  if (!declaresOperation) {
    return {
      known: true,
      areas: allAreas('not-supported'),
      note: 'The practice does not declare the structured record operation.',
    };
  }
  // The version field first; the reference demonstrator leaves a placeholder there and names it in the description.
  const match =
    (typeof s.version === 'string' ? VERSION.exec(s.version) : null) ??
    (typeof s.description === 'string' ? VERSION.exec(s.description) : null);
  if (!match) return UNKNOWN_CAPABILITY;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const version = `${match[1]}.${match[2]}.${match[3]}`;
  const areas = allAreas('supported');
  for (const key of Object.keys(SINCE) as RecordAreaKey[]) {
    const [m, n] = SINCE[key];
    if (major < m || (major === m && minor < n)) areas[key] = 'not-supported';
  }
  return { known: true, version, areas };
}
