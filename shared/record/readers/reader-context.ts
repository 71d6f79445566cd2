import { readRecordedDate } from '../recorded-date';
import type {
  LinkedItemKind,
  LinkedItemRef,
  LinkedProblemRef,
  ObservationValue,
  RecordItemBase,
} from '../structured-view';
import type { AnyResource, BundleIndex } from './bundle-index';
import {
  arr,
  conceptText,
  extension,
  extensions,
  hasCode,
  isNopat,
  isObject,
  notes,
  observationValue,
  str,
  valueText,
} from './fhir-values';
import type { Writable } from './fhir-values';

/**
 * What every area reader shares: the index, names of people and organisations, and the problem links computed once
 * from every problem's related clinical content, so each item can show the problems it is linked to.
 */
export const COMMENT_NOTE = '37331000000100';
const NO_PROBLEMS: readonly LinkedProblemRef[] = Object.freeze([]);

export type Problem = fhir.Condition;

export class ReaderContext {
  /** Item `Type/id` → the problems linking to it. */
  private readonly problemLinks = new Map<string, Set<string>>();
  /** Observations that belong to investigations (report results, test groups and their members). */
  readonly investigationParts = new Set<string>();

  constructor(readonly index: BundleIndex) {
    for (const condition of index.ofType<fhir.Condition>('Condition')) {
      const problemRef = index.ref(condition);
      const targets = [
        ...extensions(condition, 'RelatedClinicalContent-1').map((e) => e.valueReference),
        ...extensions(condition, 'ActualProblem-1').map((e) => e.valueReference),
      ];
      for (const t of targets) {
        const ref = index.canonical(t?.reference);
        if (ref !== undefined) this.linkProblem(ref, problemRef);
      }
    }
    // Consultation topics name their problem (RelatedProblemHeader on the Topic List): the encounter links to it.
    for (const topic of index.lists('25851000000105')) {
      const encounter = index.canonical(topic.encounter?.reference);
      if (encounter === undefined) continue;
      for (const e of extensions(topic, 'RelatedProblemHeader-1')) {
        const target = index.canonical(
          arr(e.extension).find((x) => isObject(x) && x.url === 'target')?.valueReference?.reference,
        );
        if (target !== undefined) this.linkProblem(encounter, target);
      }
    }
    for (const report of index.ofType<fhir.DiagnosticReport>('DiagnosticReport')) {
      for (const r of arr(report.result)) this.markInvestigation(index.canonical(r?.reference), 0);
    }
  }

  private linkProblem(itemRef: string, problemRef: string): void {
    if (itemRef === problemRef) return;
    const set = this.problemLinks.get(itemRef) ?? new Set<string>();
    set.add(problemRef);
    this.problemLinks.set(itemRef, set);
  }

  private markInvestigation(ref: string | undefined, depth: number): void {
    if (ref === undefined || depth > 4 || this.investigationParts.has(ref)) return;
    this.investigationParts.add(ref);
    const o = this.index.get<fhir.Observation>(ref);
    for (const rel of arr(o?.related)) {
      if (isObject(rel) && rel.type === 'has-member')
        this.markInvestigation(this.index.canonical(rel.target?.reference), depth + 1);
    }
  }

  /** The problems linked to an item, sorted by name (order-independent). */
  linkedProblems(itemRef: string): readonly LinkedProblemRef[] {
    const refs = this.problemLinks.get(itemRef);
    if (!refs) return NO_PROBLEMS;
    return [...refs]
      .map((r) => this.problemRef(r))
      .sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : a.ref < b.ref ? -1 : 1));
  }

  problemRef(ref: string): LinkedProblemRef {
    const condition = this.index.get<fhir.Condition>(ref);
    if (!condition) return { ref, display: 'Problem not included in this record', resolved: false };
    const status = problemStatus(condition);
    const significance = problemSignificance(condition);
    return {
      ref: this.index.ref(condition),
      display: conceptText(condition.code) ?? 'Problem',
      status,
      ...(significance ? { significance } : {}),
      resolved: true,
    };
  }

  /** A person or organisation, as one line: "Dr Nadia Ashworth", "Riverside Medical Practice". */
  nameOf(reference: fhir.Reference | undefined): string | undefined {
    const resource = this.index.resolve(reference);
    return (resource ? this.nameOfResource(resource) : undefined) ?? str(reference?.display);
  }

  /** Names by resource: the same few clinicians and organisations recorded thousands of items. */
  private readonly names = new Map<AnyResource, string | null>();

  private nameOfResource(resource: AnyResource): string | undefined {
    const known = this.names.get(resource);
    if (known !== undefined) return known ?? undefined;
    // Marked first, so a PractitionerRole that points at itself ends instead of recursing for ever.
    this.names.set(resource, null);
    const name = readName(resource, (r) => this.nameOf(r));
    this.names.set(resource, name ?? null);
    return name;
  }

  /** The common fields of an item (a fresh object: readers add their own fields to it). */
  base(
    resource: AnyResource,
    extra: {
      recorded?: unknown;
      recordedBy?: fhir.Reference | undefined;
      notes?: fhir.Annotation[] | undefined;
    } = {},
  ): Writable<RecordItemBase> {
    const ref = this.index.ref(resource);
    const item: Writable<RecordItemBase> = {
      id: ref,
      identifiers: this.index.identifiers(resource),
      nopat: isNopat(resource),
      notes: notes(extra.notes),
      linkedProblems: this.linkedProblems(ref),
    };
    const recorded = readRecordedDate(extra.recorded);
    if (recorded) item.recorded = recorded;
    const recordedBy = this.nameOf(extra.recordedBy);
    if (recordedBy) item.recordedBy = recordedBy;
    return item;
  }

  /** An Observation's value, read once per build (items and the links to them both show it). */
  private readonly values = new Map<object, ObservationValue | null>();

  observationValue(o: fhir.Observation | fhir.ObservationComponent | undefined): ObservationValue | undefined {
    if (!isObject(o)) return undefined;
    const known = this.values.get(o);
    if (known !== undefined) return known ?? undefined;
    const value = observationValue(o);
    this.values.set(o, value ?? null);
    return value;
  }

  /** A link to another item: its kind, one line to show, and its date. */
  link(reference: fhir.Reference | undefined): LinkedItemRef | undefined {
    const raw = str(reference?.reference);
    const ref = this.index.canonical(raw);
    if (ref === undefined) return undefined;
    const resource = this.index.get(ref);
    if (!resource) {
      const type = ref.split('/')[0] ?? '';
      return {
        ref,
        kind: kindOfType(type),
        display: str(reference?.display) ?? `${type} not included in this record`,
        resolved: false,
      };
    }
    const { kind, display, date } = this.describe(resource);
    const d = readRecordedDate(date);
    return d ? { ref, kind, display, date: d, resolved: true } : { ref, kind, display, resolved: true };
  }

  private describe(r: AnyResource): { kind: LinkedItemKind; display: string; date?: unknown } {
    switch (r.resourceType) {
      case 'AllergyIntolerance': {
        const a = r as fhir.AllergyIntolerance;
        return {
          kind: 'allergies',
          display: conceptText(a.code) ?? 'Allergy',
          date: a.onsetDateTime ?? a.assertedDate,
        };
      }
      case 'MedicationStatement': {
        const m = r as fhir.MedicationStatement;
        return {
          kind: 'medications',
          display: this.medicationName(m.medicationReference, m.medicationCodeableConcept),
          date: m.effectivePeriod?.start ?? m.effectiveDateTime ?? m.dateAsserted,
        };
      }
      case 'MedicationRequest': {
        const m = r as fhir.MedicationRequest;
        return {
          kind: 'medications',
          display: this.medicationName(m.medicationReference, m.medicationCodeableConcept),
          date: m.authoredOn,
        };
      }
      case 'Medication':
        return { kind: 'medications', display: conceptText((r as fhir.Medication).code) ?? 'Medication' };
      case 'Condition': {
        const c = r as fhir.Condition;
        return { kind: 'problems', display: conceptText(c.code) ?? 'Problem', date: c.onsetDateTime ?? c.assertedDate };
      }
      case 'Encounter': {
        const e = r as fhir.Encounter;
        return {
          kind: 'consultations',
          display:
            arr(e.type)
              .map((t) => conceptText(t))
              .find(Boolean) ?? 'Consultation',
          date: e.period?.start,
        };
      }
      case 'Immunization': {
        const i = r as fhir.Immunization;
        const procedure = extension(i, 'VaccinationProcedure-1')?.valueCodeableConcept;
        return {
          kind: 'immunisations',
          display: conceptText(procedure) ?? conceptText(i.vaccineCode) ?? 'Immunisation',
          date: i.date,
        };
      }
      case 'Observation': {
        const o = r as fhir.Observation;
        const date = o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued;
        if (hasCode(o.code, COMMENT_NOTE))
          return { kind: 'narrative', display: str(o.comment) ?? 'Comment note', date };
        const value = valueText(this.observationValue(o));
        const name = conceptText(o.code) ?? 'Observation';
        const kind: LinkedItemKind = this.investigationParts.has(this.index.ref(o))
          ? 'investigations'
          : 'uncategorised';
        return {
          kind,
          display: value ? `${name}: ${value}` : str(o.comment) ? `${name}: ${str(o.comment)}` : name,
          date,
        };
      }
      case 'DiagnosticReport': {
        const d = r as fhir.DiagnosticReport;
        return {
          kind: 'investigations',
          display: conceptText(d.code) ?? 'Investigation',
          date: d.issued ?? d.effectiveDateTime,
        };
      }
      case 'ReferralRequest': {
        const q = r as fhir.ReferralRequest;
        const reason = arr(q.reasonCode)
          .map((c) => conceptText(c))
          .find(Boolean);
        return { kind: 'referrals', display: reason ?? str(q.description) ?? 'Referral', date: q.authoredOn };
      }
      case 'ProcedureRequest': {
        const p = r as fhir.ProcedureRequest;
        return {
          kind: 'diary',
          display: conceptText(p.code) ?? 'Diary entry',
          date: p.occurrenceDateTime ?? p.authoredOn,
        };
      }
      case 'DocumentReference': {
        const d = r as fhir.DocumentReference;
        return {
          kind: 'documents',
          display: conceptText(d.type) ?? str(d.description) ?? 'Document',
          date: d.created ?? d.indexed,
        };
      }
      case 'List': {
        const l = r as fhir.List;
        return { kind: 'other', display: str(l.title) ?? 'List', date: l.date };
      }
      default:
        return { kind: 'other', display: r.resourceType ?? 'Item' };
    }
  }

  medicationName(reference: fhir.Reference | undefined, inline: fhir.CodeableConcept | undefined): string {
    const medication = this.index.resolve<fhir.Medication>(reference);
    return conceptText(medication?.code) ?? conceptText(inline) ?? str(reference?.display) ?? 'Medication not named';
  }
}

export function kindOfType(type: string): LinkedItemKind {
  switch (type) {
    case 'AllergyIntolerance':
      return 'allergies';
    case 'MedicationStatement':
    case 'MedicationRequest':
    case 'Medication':
      return 'medications';
    case 'Condition':
      return 'problems';
    case 'Encounter':
      return 'consultations';
    case 'Immunization':
      return 'immunisations';
    case 'DiagnosticReport':
    case 'Specimen':
      return 'investigations';
    case 'Observation':
      return 'uncategorised';
    case 'ReferralRequest':
      return 'referrals';
    case 'ProcedureRequest':
      return 'diary';
    case 'DocumentReference':
      return 'documents';
    default:
      return 'other';
  }
}

/** The one-line name a resource carries; `nameOf` names the people and organisations a role points at. */
function readName(
  resource: AnyResource,
  nameOf: (reference: fhir.Reference | undefined) => string | undefined,
): string | undefined {
  switch (resource.resourceType) {
    case 'Practitioner':
      return humanName(arr((resource as fhir.Practitioner).name));
    case 'PractitionerRole': {
      const role = resource as fhir.PractitionerRole;
      return nameOf(role.practitioner) ?? nameOf(role.organization);
    }
    case 'Organization':
      return str((resource as fhir.Organization).name);
    case 'HealthcareService':
      return str((resource as fhir.HealthcareService).name);
    case 'Location':
      return str((resource as fhir.Location).name);
    case 'Device':
      return str((resource as fhir.Device).model);
    default:
      return undefined;
  }
}

export function humanName(names: readonly fhir.HumanName[]): string | undefined {
  const name = names.find((n) => isObject(n) && n.use === 'official') ?? names.find((n) => isObject(n));
  if (!name) return undefined;
  const text = str(name.text);
  if (text) return text;
  const family = typeof name.family === 'string' ? name.family : undefined;
  const parts = [...arr(name.prefix), ...arr(name.given), ...(family ? [family] : [])]
    .map((p) => str(p))
    .filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

export function problemStatus(condition: fhir.Condition): 'active' | 'inactive' {
  // STU3 has resolved/remission/inactive too; GP Connect shows anything not active as inactive (ended).
  return condition.clinicalStatus === 'active' || condition.clinicalStatus === 'recurrence'
    ? 'active'
    : condition.abatementDateTime || condition.clinicalStatus
      ? 'inactive'
      : 'active';
}

export function problemSignificance(condition: fhir.Condition): 'major' | 'minor' | undefined {
  const code = extension(condition, 'ProblemSignificance-1')?.valueCode;
  return code === 'major' || code === 'minor' ? code : undefined;
}
