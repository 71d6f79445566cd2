import { examplePayload } from '../../data/example-payloads';
import type { PracticePatient } from '../../data/practice-patients';
import type { PracticeRecord } from '../../data/practices';
import { seedFrom, seededRandom } from '../../data/seeded-random';
import { SPINE_ERROR_SYSTEM } from '../../operation-outcome';
import type { StructuredQuery } from '../../validation/structured-parameters';
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
} from './record-areas';
import { addWarning, emptyList, markEmpty, normaliseList } from './list-warnings';
import { filterArea } from './record-filters';
import type { Json } from './record-pool';
import {
  RecordPool,
  dropDanglingEntries,
  isList,
  listCode,
  ref,
  referencesIn,
  refsOfType,
  rewriteReferences,
} from './record-pool';

/**
 * Builds a patient's Access Record Structured Bundle (SPEC §6.2–§6.5) from the published demonstrator message
 * bundles: each requested area's resources are taken from its example, re-pointed at our Patient and practice,
 * filtered by the query's parts, and given the warnings of the patient's case. The result is a `collection` Bundle
 * whose id is the request's Ssp-TraceID.
 */
const PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/';

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

/**
 * The published 1.6.2 medication example writes UCUM durations as `"value": "28"` and `"code": ["d"]`: not STU3 JSON
 * (decimal, code), so no XML consumer could be served them. Served as the numbers and codes they mean.
 */
function ucumQuantitiesAsStu3(value: unknown): void {
  if (Array.isArray(value)) {
    for (const v of value) ucumQuantitiesAsStu3(v);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const obj = value as Json;
  if (obj['system'] === 'http://unitsofmeasure.org') {
    const amount = obj['value'];
    if (typeof amount === 'string' && amount.trim() !== '' && Number.isFinite(Number(amount))) {
      obj['value'] = Number(amount);
    }
    const code = obj['code'];
    if (Array.isArray(code) && code.length === 1 && typeof code[0] === 'string') obj['code'] = code[0];
  }
  for (const v of Object.values(obj)) ucumQuantitiesAsStu3(v);
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
    ucumQuantitiesAsStu3(r);
    rewriteReferences(r, (reference) =>
      reference.startsWith('Patient/') ? patientRef : reference === homeOrg ? organizationRef : reference,
    );
    delete r['fullUrl'];
  }
  return clones;
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
  const generatedObservations: string[] = [];
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
        generatedObservations.push(
          ...generated.resources.filter((r) => r['resourceType'] === 'Observation').map((r) => ref(r)),
        );
      }
    }
    pool.add(resources);
  }
  // The generated history's measurements (blood pressure pairs, weights, HbA1c) are uncategorised data too.
  const uncategorised = pool.primary('826501000000100');
  if (uncategorised && generatedObservations.length > 0) {
    uncategorised['entry'] = [
      ...((uncategorised['entry'] as Json[] | undefined) ?? []),
      ...generatedObservations.map((reference) => ({ item: { reference } })),
    ];
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
