import { formatNhsDate } from '../../../../shared/nhs/dates';
import { examplePayload } from '../../data/example-payloads';
import type { PracticePatient } from '../../data/practice-patients';
import type { PracticeRecord } from '../../data/practices';
import { seedFrom, seededRandom } from '../../data/seeded-random';
import { SPINE_ERROR_SYSTEM } from '../../operation-outcome';
import type { DatePeriod, StructuredQuery } from '../../validation/structured-parameters';
import { addDays } from '../../uk-time';
import { organizationResource, patientResource, practitionerResource } from '../foundations-resources';
import { generateConsultations } from './consultation-generator';
import type { RecordArea } from './record-areas';
import {
  CONSULTATION_STRUCTURE_CODES,
  ENDED_ALLERGIES_CODE,
  LINKED_PROBLEMS_CODE,
  PRIMARY_LIST_CODES,
  RECORD_AREAS,
  SNOMED,
} from './record-areas';

/**
 * Builds a patient's Access Record Structured Bundle (SPEC §6.2–§6.5) from the published demonstrator message
 * bundles: each requested area's resources are taken from its example, re-pointed at our Patient and practice,
 * filtered by the query's parts, and given the warnings of the patient's case. The result is a `collection` Bundle
 * whose id is the request's Ssp-TraceID.
 */
type Json = Record<string, unknown>;
const PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
const WARNING_EXTENSION = `${PROFILE}Extension-CareConnect-GPC-ListWarningCode-1`;
const CLINICAL_SETTING_EXTENSION = `${PROFILE}Extension-CareConnect-GPC-ClinicalSetting-1`;
const EMPTY_REASON_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-ListEmptyReasonCode-1';

export type ListWarning = 'confidential-items' | 'data-in-transit' | 'data-awaiting-filing';

export interface RecordRequest {
  readonly practice: PracticeRecord;
  readonly patient: PracticePatient;
  readonly pds: Json;
  readonly query: StructuredQuery;
  readonly traceId: string;
  /** Run seed: generated parts of rich and large records depend only on it and the NHS number. */
  readonly seed: number;
  readonly today: string;
}

const ref = (r: Json): string => `${String(r['resourceType'])}/${String(r['id'])}`;
const listCode = (r: Json): string | undefined =>
  ((r['code'] as { coding?: { code?: string }[] } | undefined)?.coding ?? [])[0]?.code;
const isList = (r: Json): boolean => r['resourceType'] === 'List';

/** Rewrites every `reference` in a resource tree (the source patient and practice become ours). */
function rewriteReferences(value: unknown, map: (reference: string) => string): void {
  if (Array.isArray(value)) {
    for (const v of value) rewriteReferences(v, map);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const obj = value as Json;
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'reference' && typeof v === 'string') obj[k] = map(v);
    else rewriteReferences(v, map);
  }
}

function referencesIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) referencesIn(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Json)) {
      if (k === 'reference' && typeof v === 'string') out.push(v);
      else referencesIn(v, out);
    }
  }
  return out;
}

/** The resources of one area's example, cloned and re-pointed; other areas' primary Lists are left behind. */
function areaResources(area: RecordArea, patientRef: string, organizationRef: string): Json[] {
  const bundle = examplePayload(area.source);
  const resources = ((bundle['entry'] as { resource: Json }[] | undefined) ?? []).map((e) => e.resource);
  const sourcePatient = resources.find((r) => r['resourceType'] === 'Patient');
  const homeOrg = (sourcePatient?.['managingOrganization'] as { reference?: string } | undefined)?.reference;
  const own = new Set(area.lists.map((l) => l.code));
  const kept = resources.filter((r) => {
    if (r['resourceType'] === 'Patient' || (homeOrg !== undefined && ref(r) === homeOrg)) return false;
    if (!isList(r)) return true;
    const c = listCode(r) ?? '';
    if (own.has(c) || c === LINKED_PROBLEMS_CODE) return true;
    if (area.secondaryPrefix !== undefined && c.startsWith(area.secondaryPrefix)) return true;
    return area.parameter === 'includeConsultations' && CONSULTATION_STRUCTURE_CODES.has(c);
  });
  const clones = structuredClone(kept);
  for (const r of clones) {
    rewriteReferences(r, (reference) =>
      reference.startsWith('Patient/') ? patientRef : reference === homeOrg ? organizationRef : reference,
    );
    delete r['fullUrl'];
  }
  return clones;
}

/** The date span of an item, for period filters; undefined = undated (always returned). */
function itemSpan(r: Json): DatePeriod | undefined {
  const pick = (...values: unknown[]): string | undefined =>
    values.find((v): v is string => typeof v === 'string' && v.length >= 4);
  const period = (p: unknown) => (p as { start?: string; end?: string } | undefined) ?? {};
  let start: string | undefined;
  let end: string | undefined;
  switch (r['resourceType']) {
    case 'Encounter':
      start = period(r['period']).start;
      break;
    case 'Observation':
      start = pick(r['effectiveDateTime'], period(r['effectivePeriod']).start, r['issued']);
      break;
    case 'DiagnosticReport':
      start = pick(r['effectiveDateTime'], r['issued']);
      break;
    case 'ReferralRequest':
      start = pick(r['authoredOn']);
      break;
    case 'ProcedureRequest':
      start = pick(r['occurrenceDateTime'], period(r['occurrencePeriod']).start, r['authoredOn']);
      break;
    case 'MedicationStatement':
      start = period(r['effectivePeriod']).start;
      end = period(r['effectivePeriod']).end;
      return start === undefined ? undefined : { start, end: end ?? '9999-12-31' };
    default:
      start = pick(r['onsetDateTime'], r['assertedDate'], r['date']);
  }
  return start === undefined ? undefined : { start, end: start };
}

/** Whether a (possibly year or year-month) span overlaps the requested period. */
function overlaps(span: DatePeriod | undefined, wanted: DatePeriod): boolean {
  if (span?.start === undefined) return true;
  const s = span.start.slice(0, 10);
  const from = s.length === 4 ? `${s}-01-01` : s.length === 7 ? `${s}-01` : s;
  const rawEnd = (span.end ?? span.start).slice(0, 10);
  const to = rawEnd.length === 4 ? `${rawEnd}-12-31` : rawEnd.length === 7 ? `${rawEnd}-31` : rawEnd;
  return (wanted.start === undefined || to >= wanted.start) && (wanted.end === undefined || from <= wanted.end);
}

class RecordPool {
  readonly byRef = new Map<string, Json>();
  add(resources: readonly Json[]): void {
    for (const r of resources) {
      if (isList(r) && r['id'] === undefined) {
        // Primary and secondary Lists of several areas merge by code: one List per code in a response.
        const code = listCode(r) ?? '';
        const same = [...this.byRef.values()].find((x) => isList(x) && listCode(x) === code);
        if (same) {
          const have = new Set(referencesIn(same['entry']));
          const extra = ((r['entry'] as Json[] | undefined) ?? []).filter(
            (e) => !referencesIn(e).some((x) => have.has(x)),
          );
          same['entry'] = [...((same['entry'] as Json[] | undefined) ?? []), ...extra];
          continue;
        }
        r['id'] = `list-${code}`;
      }
      if (!this.byRef.has(ref(r))) this.byRef.set(ref(r), r);
    }
  }
  primary(code: string): Json | undefined {
    return [...this.byRef.values()].find((r) => isList(r) && listCode(r) === code);
  }
  /** Removes items and whatever hangs off them (consultation Lists, observations, issues), then dangling entries. */
  remove(refs: Iterable<string>): void {
    const gone = new Set(refs);
    for (const r of gone) this.byRef.delete(r);
    for (let changed = true; changed;) {
      changed = false;
      for (const [key, r] of this.byRef) {
        const anchors = [r['encounter'], r['context'], ...((r['basedOn'] as unknown[] | undefined) ?? [])];
        const anchorRefs = referencesIn(anchors);
        const orphan =
          anchorRefs.some((a) => gone.has(a)) &&
          (r['resourceType'] !== 'MedicationStatement' || anchorRefs.every((a) => gone.has(a)));
        if (orphan) {
          this.byRef.delete(key);
          gone.add(key);
          changed = true;
        }
      }
    }
    for (const r of this.byRef.values()) {
      if (!isList(r) || !Array.isArray(r['entry'])) continue;
      r['entry'] = (r['entry'] as Json[]).filter((e) => !referencesIn(e).some((x) => gone.has(x)));
    }
  }
  entriesOf(list: Json): Json[] {
    return referencesIn(list['entry']).flatMap((x) => {
      const found = this.byRef.get(x);
      return found ? [found] : [];
    });
  }
}

function filterArea(pool: RecordPool, area: RecordArea, q: StructuredQuery): void {
  const primary = pool.primary(area.lists[0]?.code ?? '');
  const items = primary ? pool.entriesOf(primary) : [];
  const drop = (keep: (r: Json) => boolean) => pool.remove(items.filter((r) => !keep(r)).map(ref));
  switch (area.parameter) {
    case 'includeAllergies': {
      if (q.allergies?.includeResolved === false) {
        const ended = pool.primary(ENDED_ALLERGIES_CODE);
        if (ended) pool.byRef.delete(ref(ended));
      }
      return;
    }
    case 'includeMedication': {
      const from = q.medication?.fromDate;
      if (from !== undefined) {
        // Active from start to end; without an end an acute item covers its start day only, a repeat is ongoing.
        const span = (r: Json): DatePeriod | undefined => {
          const plan = pool.byRef.get(referencesIn(r['basedOn'])[0] ?? '');
          // Statements without their own period take the authorisation's validity period.
          const validity = (plan?.['dispenseRequest'] as { validityPeriod?: DatePeriod } | undefined)?.validityPeriod;
          const { start, end } = (r['effectivePeriod'] as DatePeriod | undefined) ?? validity ?? {};
          if (start === undefined) return undefined;
          const acute = JSON.stringify(plan?.['extension'] ?? []).includes('"code":"acute"');
          return { start, end: end ?? (acute ? start : '9999-12-31') };
        };
        const old = items.filter((r) => !overlaps(span(r), { start: from }));
        // A statement's authorisation (plan) and its issues go with it.
        pool.remove([...old.map(ref), ...old.flatMap((r) => referencesIn(r['basedOn']))]);
      }
      if (q.medication?.includeIssues === false) {
        pool.remove(
          [...pool.byRef.values()]
            .filter((r) => r['resourceType'] === 'MedicationRequest' && r['intent'] === 'order')
            .map(ref),
        );
      }
      return;
    }
    case 'includeConsultations': {
      const c = q.consultations;
      if (c?.period) drop((r) => overlaps(itemSpan(r), c.period ?? {}));
      if (c?.mostRecent !== undefined) {
        const newest = [...items]
          .sort((a, b) => (itemSpan(b)?.start ?? '').localeCompare(itemSpan(a)?.start ?? ''))
          .slice(0, c.mostRecent);
        drop((r) => newest.includes(r));
      }
      return;
    }
    case 'includeProblems': {
      const p = q.problems;
      if (p?.status !== undefined) {
        drop((r) => (r['clinicalStatus'] === 'active') === (p.status === 'active'));
      }
      if (p?.significance !== undefined) {
        drop((r) => JSON.stringify(r['extension'] ?? []).includes(`"valueCode":"${p.significance ?? ''}"`));
      }
      return;
    }
    case 'includeImmunisations':
      if (q.immunisations?.includeNotGiven !== true) drop((r) => r['notGiven'] !== true);
      return;
    case 'includeDiaryEntries': {
      const last = q.diary?.onOrBefore;
      if (last !== undefined) drop((r) => overlaps(itemSpan(r), { end: last }));
      return;
    }
    case 'includeUncategorisedData':
    case 'includeInvestigations':
    case 'includeReferrals': {
      const key =
        area.parameter === 'includeUncategorisedData'
          ? 'uncategorised'
          : area.parameter === 'includeInvestigations'
            ? 'investigations'
            : 'referrals';
      const wanted = q[key]?.period;
      if (wanted) drop((r) => overlaps(itemSpan(r), wanted));
      return;
    }
  }
}

function warningText(code: ListWarning, since: string): string {
  switch (code) {
    case 'confidential-items':
      return 'Items excluded due to confidentiality and/or patient preferences.';
    case 'data-in-transit':
      return `Patient record transfer from previous GP practice not yet complete; information recorded before ${formatNhsDate(since)} may be missing.`;
    case 'data-awaiting-filing':
      return `Patient record contains some items in the GP practice workflow that have not been reviewed for inclusion in this message; information recorded before ${formatNhsDate(since)} may be missing.`;
  }
}

/** A List in the shape SPEC §6.3 gives: status, mode, code, title, subject, clinical setting; warnings added later. */
function normaliseList(list: Json, patientRef: string, title?: string): void {
  const code = listCode(list) ?? '';
  list['meta'] = { profile: [`${PROFILE}CareConnect-GPC-List-1`] };
  list['status'] = 'current';
  list['mode'] = 'snapshot';
  list['subject'] = { reference: patientRef };
  if (title !== undefined) {
    list['title'] = title;
    list['code'] = { coding: [{ system: SNOMED, code, display: title }] };
  }
  const others = ((list['extension'] as Json[] | undefined) ?? []).filter(
    (e) => e['url'] !== WARNING_EXTENSION && e['url'] !== CLINICAL_SETTING_EXTENSION,
  );
  list['extension'] = [
    {
      url: CLINICAL_SETTING_EXTENSION,
      valueCodeableConcept: {
        coding: [{ system: SNOMED, code: '1060971000000108', display: 'General practice service' }],
      },
    },
    ...others,
  ];
  delete list['note'];
  delete list['emptyReason'];
}

function emptyList(code: string, title: string, patientRef: string): Json {
  const list: Json = { resourceType: 'List', id: `list-${code}`, code: { coding: [{ system: SNOMED, code }] } };
  normaliseList(list, patientRef, title);
  return list;
}

function addWarning(list: Json, code: ListWarning, since: string): void {
  const ext = list['extension'] as Json[];
  if (ext.some((e) => e['url'] === WARNING_EXTENSION && e['valueCode'] === code)) return;
  ext.push({ url: WARNING_EXTENSION, valueCode: code });
  const text = warningText(code, since);
  const note = (list['note'] as { text: string }[] | undefined)?.[0];
  list['note'] = [{ text: note ? `${note.text} ${text}` : text }];
}

function markEmpty(list: Json, reason: 'no-content-recorded' | 'nil-known'): void {
  list['entry'] = [];
  if (reason === 'nil-known') {
    // How the reference demonstrator answers a recorded "no known allergies".
    list['emptyReason'] = {
      coding: [{ system: 'http://hl7.org/fhir/special-values', code: 'nil-known', display: 'Nil Known' }],
      text: 'No Known Allergies',
    };
  } else {
    list['emptyReason'] = {
      coding: [{ system: EMPTY_REASON_SYSTEM, code: 'no-content-recorded', display: 'No Content Recorded' }],
    };
  }
  const notes = (list['note'] as { text: string }[] | undefined) ?? [];
  list['note'] = [...notes, { text: 'Information not available' }];
}

/** The Bundle's OperationOutcome (SPEC §6.1): unknown parameters and parts, and areas disabled at the practice. */
function notImplementedWarnings(query: StructuredQuery, traceId: string): Json {
  const issue = (name: string, text: string) => ({
    severity: 'warning',
    code: 'not-supported',
    details: { coding: [{ system: SPINE_ERROR_SYSTEM, code: 'NOT_IMPLEMENTED', display: 'Not implemented' }], text },
    diagnostics: name,
  });
  return {
    resourceType: 'OperationOutcome',
    id: `${traceId}-warnings`,
    meta: { profile: [`${PROFILE}GPConnect-OperationOutcome-1`] },
    issue: [
      ...query.unknown.map((name) => issue(name, `${name} is an unrecognised parameter`)),
      ...query.disabled.map((name) => issue(name, `${name} has been disabled`)),
    ],
  };
}

function practitionerRole(practitionerId: string, organizationId: string): Json {
  return {
    resourceType: 'PractitionerRole',
    id: `${practitionerId}-${organizationId}`,
    meta: { profile: [`${PROFILE}CareConnect-GPC-PractitionerRole-1`] },
    practitioner: { reference: `Practitioner/${practitionerId}` },
    organization: { reference: `Organization/${organizationId}` },
    code: [
      {
        coding: [
          {
            system: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-SDSJobRoleName-1',
            code: 'R0260',
            display: 'General Medical Practitioner',
          },
        ],
      },
    ],
  };
}

/** Generated history for the rich (12 years) and the benchmark (~10 MB) records; same seed → same record. */
function generatedConsultations(req: RecordRequest, patientRef: string) {
  const { recordCase, nhsNumber } = req.patient;
  if (recordCase !== 'rich' && recordCase !== 'large') return undefined;
  const large = recordCase === 'large';
  return generateConsultations({
    random: seededRandom(seedFrom(`${req.seed}:${nhsNumber}`)),
    count: large ? 850 : 30,
    from: large ? '1985-01-01' : '2012-01-01',
    to: '2025-12-31',
    patientRef,
    practitionerRefs: req.practice.practitioners.map((p) => `Practitioner/${p.id}`),
    observationsPerConsultation: large ? 8 : 3,
  });
}

export function buildStructuredRecord(req: RecordRequest): Json {
  const { practice, patient, query } = req;
  const patientRef = `Patient/${patient.logicalId}`;
  const organizationRef = `Organization/${practice.organizationId}`;
  const requested = RECORD_AREAS.filter((a) => {
    const key = {
      includeAllergies: 'allergies',
      includeMedication: 'medication',
      includeConsultations: 'consultations',
      includeProblems: 'problems',
      includeImmunisations: 'immunisations',
      includeUncategorisedData: 'uncategorised',
      includeInvestigations: 'investigations',
      includeReferrals: 'referrals',
      includeDiaryEntries: 'diary',
    }[a.parameter] as keyof StructuredQuery;
    return query[key] !== undefined;
  });

  const pool = new RecordPool();
  for (const area of requested) {
    const resources = areaResources(area, patientRef, organizationRef);
    if (area.parameter === 'includeConsultations') {
      const generated = generatedConsultations(req, patientRef);
      if (generated) {
        const primary = resources.find((r) => listCode(r) === area.lists[0]?.code);
        if (primary) {
          primary['entry'] = [
            ...((primary['entry'] as Json[] | undefined) ?? []),
            ...generated.encounters.map((reference) => ({ item: { reference } })),
          ];
        }
        resources.push(...generated.resources);
      }
    }
    pool.add(resources);
  }
  for (const area of requested) filterArea(pool, area, query);

  // Every requested area answers with its primary List(s), empty ones included.
  for (const area of requested) {
    for (const l of area.lists) {
      if (l.code === ENDED_ALLERGIES_CODE && query.allergies?.includeResolved !== true) continue;
      const list = pool.primary(l.code);
      if (list) normaliseList(list, patientRef, l.title);
      else pool.add([emptyList(l.code, l.title, patientRef)]);
    }
  }
  const lists = [...pool.byRef.values()].filter(isList);
  for (const list of lists) if (!PRIMARY_LIST_CODES.has(listCode(list) ?? '')) normaliseList(list, patientRef);

  applyCase(pool, req);
  for (const code of PRIMARY_LIST_CODES) {
    const list = pool.primary(code);
    if (list && ((list['entry'] as unknown[] | undefined) ?? []).length === 0 && list['emptyReason'] === undefined) {
      markEmpty(list, 'no-content-recorded');
    }
  }

  const gp = practice.practitioners.find((p) => p.id === patient.usualGpId) ?? practice.practitioners[0];
  const admin: Json[] = [
    patientResource(patient, req.pds, practice),
    organizationResource(practice),
    ...practice.practitioners.map(practitionerResource),
    ...(gp ? [practitionerRole(gp.id, practice.organizationId)] : []),
  ];
  const adminRefs = new Set(admin.map(ref));
  const clinical = [...pool.byRef.values()].filter((r) => !adminRefs.has(ref(r)));
  const entries = [...admin, ...clinical];
  dropDanglingEntries(entries);
  if (query.unknown.length + query.disabled.length > 0) entries.push(notImplementedWarnings(query, req.traceId));
  return {
    resourceType: 'Bundle',
    id: req.traceId,
    meta: { profile: [`${PROFILE}GPConnect-StructuredRecord-Bundle-1`] },
    type: 'collection',
    entry: entries.map((resource) => ({ resource })),
  };
}

function refsOfType(pool: RecordPool, types: readonly string[]): string[] {
  return [...pool.byRef.values()].filter((r) => types.includes(String(r['resourceType']))).map(ref);
}

/** Drops List entries that point at nothing in the Bundle (the source examples have a few): consumers resolve them. */
function dropDanglingEntries(resources: readonly Json[]): void {
  const present = new Set(resources.map(ref));
  for (const list of resources.filter(isList)) {
    const contained = new Set(((list['contained'] as Json[] | undefined) ?? []).map(ref));
    if (!Array.isArray(list['entry'])) continue;
    list['entry'] = (list['entry'] as Json[]).filter((e) =>
      referencesIn(e).every((x) => x.startsWith('#') || present.has(x) || contained.has(x)),
    );
  }
}

/** The warnings and gaps of the patient's case (SPEC §6.5, issue 4 item 5). */
function applyCase(pool: RecordPool, req: RecordRequest): void {
  const since = req.patient.registeredSince;
  const primary = (parameter: string) =>
    RECORD_AREAS.filter((a) => a.parameter === parameter).flatMap((a) =>
      a.lists.flatMap((l) => {
        const list = pool.primary(l.code);
        return list ? [list] : [];
      }),
    );
  switch (req.patient.recordCase) {
    case 'in-transit':
      for (const list of [...pool.byRef.values()].filter(isList)) addWarning(list, 'data-in-transit', since);
      return;
    case 'confidential-items':
      for (const list of [
        'includeProblems',
        'includeConsultations',
        'includeInvestigations',
        'includeUncategorisedData',
        'includeReferrals',
      ].flatMap(primary)) {
        // One item is held back as confidential; the List says so.
        const first = referencesIn(list['entry'])[0];
        if (first !== undefined) pool.remove([first]);
        addWarning(list, 'confidential-items', since);
      }
      for (const list of primary('includeImmunisations')) {
        pool.remove(referencesIn(list['entry']));
        addWarning(list, 'confidential-items', since);
        markEmpty(list, 'no-content-recorded');
      }
      return;
    case 'awaiting-filing':
      for (const list of ['includeInvestigations', 'includeUncategorisedData', 'includeConsultations'].flatMap(
        primary,
      )) {
        addWarning(list, 'data-awaiting-filing', addDays(req.today, -14));
      }
      return;
    case 'no-medications-or-immunisations':
      // Nothing of the kind anywhere in the record, including items linked from problems and consultations.
      pool.remove(refsOfType(pool, ['MedicationStatement', 'MedicationRequest', 'Medication', 'Immunization']));
      for (const list of ['includeMedication', 'includeImmunisations'].flatMap(primary))
        markEmpty(list, 'no-content-recorded');
      return;
    case 'no-known-allergies':
      pool.remove(refsOfType(pool, ['AllergyIntolerance']));
      for (const list of primary('includeAllergies')) {
        delete list['contained'];
        markEmpty(list, listCode(list) === ENDED_ALLERGIES_CODE ? 'no-content-recorded' : 'nil-known');
      }
      return;
    default:
      return;
  }
}
