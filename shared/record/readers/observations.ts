import { newestFirst, readRecordedDate } from '../recorded-date';
import type {
  BloodPressureView,
  FilingCommentView,
  ImmunisationItem,
  ImmunisationStatusItem,
  ObservationValue,
  QuantityValue,
  TestResultView,
  UncategorisedItem,
} from '../structured-view';
import {
  arr,
  codings,
  concept,
  conceptText,
  extension,
  hasCode,
  interpretation,
  isNopat,
  isObject,
  NONE,
  notes,
  num,
  outsideRange,
  referenceRanges,
  str,
} from './fhir-values';
import type { Writable } from './fhir-values';
import type { ReaderContext } from './reader-context';
import { COMMENT_NOTE } from './reader-context';

/** Uncategorised data, immunisations and the observation pieces investigations share. */
export const UNCATEGORISED_LIST = '826501000000100';
export const IMMUNISATIONS_LIST = '1102181000000102';

const SYSTOLIC: ReadonlySet<string> = new Set(['72313002', '163030003', '271649006', '407554009', '400974009']);
const DIASTOLIC: ReadonlySet<string> = new Set([
  '1091811000000102',
  '163031004',
  '271650006',
  '407555005',
  '400975005',
]);
const BLOOD_PRESSURE: ReadonlySet<string> = new Set(['75367002', '163020007', '386534000', '251076008']);
type ComponentView = UncategorisedItem['components'][number];

const codedAs = (codes: ReadonlySet<string>, concept: { readonly codings: readonly { readonly code: string }[] }) =>
  concept.codings.some((c) => codes.has(c.code));

function pressure(value: ObservationValue | undefined): QuantityValue | undefined {
  return value?.kind === 'quantity' ? value.quantity : undefined;
}

function bpText(systolic: QuantityValue | undefined, diastolic: QuantityValue | undefined): string {
  const unit = systolic?.unit ?? diastolic?.unit;
  const shown = unit === 'mm[Hg]' ? 'mmHg' : unit;
  const n = (q: QuantityValue | undefined) => (q?.value === undefined ? '-' : `${q.comparator ?? ''}${q.value}`);
  return `${n(systolic)}/${n(diastolic)}${shown ? ` ${shown}` : ''}`;
}

export function filingComment(ctx: ReaderContext, o: fhir.Observation): FilingCommentView {
  const date = readRecordedDate(o.effectiveDateTime ?? o.issued);
  const by = ctx.nameOf(arr(o.performer).find(isObject));
  return {
    id: ctx.index.ref(o),
    text: str(o.comment) ?? 'Filed without a comment',
    ...(date ? { date } : {}),
    ...(by ? { by } : {}),
  };
}

export function isCommentNote(o: fhir.Observation | undefined): boolean {
  return hasCode(o?.code, COMMENT_NOTE);
}

/** Members of an observation (`related` has-member), resolved and de-duplicated. */
export function members(ctx: ReaderContext, o: fhir.Observation): fhir.Observation[] {
  const out: fhir.Observation[] = [];
  for (const rel of arr(o.related)) {
    if (!isObject(rel) || rel.type !== 'has-member') continue;
    const m = ctx.index.resolve<fhir.Observation>(rel.target, o);
    if (m?.resourceType === 'Observation' && !out.includes(m)) out.push(m);
  }
  return out;
}

export function testResult(ctx: ReaderContext, o: fhir.Observation): TestResultView {
  const value = ctx.observationValue(o);
  const ranges = referenceRanges(o.referenceRange);
  const flag = interpretation(o.interpretation);
  const date = readRecordedDate(o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued);
  const status = str(o.status);
  const comments = members(ctx, o).filter(isCommentNote);
  const specimen = ctx.index.canonical(o.specimen?.reference);
  const comment = str(o.comment);
  const unit = value?.kind === 'quantity' ? value.quantity.unit : undefined;
  return {
    id: ctx.index.ref(o),
    name: concept(o.code, 'Test not named'),
    ...(value ? { value } : {}),
    ...(unit ? { unit } : {}),
    referenceRanges: ranges,
    ...(flag ? { interpretation: flag } : {}),
    abnormal: flag ? flag.abnormal : outsideRange(value, ranges),
    ...(date ? { date } : {}),
    ...(status ? { status } : {}),
    notes: [...(comment ? [comment] : []), ...notes((o as { note?: fhir.Annotation[] }).note)],
    filingComments: comments.map((c) => filingComment(ctx, c)),
    ...(specimen ? { specimenId: specimen } : {}),
    nopat: isNopat(o),
  };
}

/** An Observation's components, each with its name and value. */
function componentsOf(ctx: ReaderContext, o: fhir.Observation): readonly ComponentView[] {
  const all = arr(o.component);
  if (all.length === 0) return NONE;
  const out: ComponentView[] = [];
  for (const c of all) {
    if (!isObject(c)) continue;
    const name = concept(c.code, 'Component');
    const value = ctx.observationValue(c);
    out.push(value ? { name, value } : { name });
  }
  return out;
}

/** Systolic and diastolic sent as components of one Observation: shown as one reading. */
function componentPressure(
  o: fhir.Observation,
  components: readonly ComponentView[],
): { systolic?: ComponentView | undefined; diastolic?: ComponentView | undefined; bloodPressure?: BloodPressureView } {
  if (components.length === 0) return {};
  const systolic = components.find((c) => codedAs(SYSTOLIC, c.name));
  const diastolic = components.find((c) => codedAs(DIASTOLIC, c.name));
  if (!systolic && !diastolic && !codings(o.code).some((c) => BLOOD_PRESSURE.has(c.code))) return {};
  const s = pressure(systolic?.value);
  const d = pressure(diastolic?.value);
  if (!s && !d) return {};
  const bloodPressure: Writable<BloodPressureView> = { text: bpText(s, d) };
  if (s) bloodPressure.systolic = s;
  if (d) bloodPressure.diastolic = d;
  return { systolic, diastolic, bloodPressure };
}

export function readUncategorisedItem(ctx: ReaderContext, o: fhir.Observation): UncategorisedItem {
  const components = componentsOf(ctx, o);
  const { systolic, diastolic, bloodPressure } = componentPressure(o, components);
  const item: Writable<UncategorisedItem> = Object.assign(
    ctx.base(o, { recorded: o.issued, recordedBy: arr(o.performer).find(isObject) }),
    {
      concept: concept(o.code, 'Observation not named'),
      referenceRanges: referenceRanges(o.referenceRange),
      components: bloodPressure ? components.filter((c) => c !== systolic && c !== diastolic) : components,
    },
  );
  const comment = str(o.comment);
  if (comment) item.notes = [comment, ...item.notes];
  const date = readRecordedDate(o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued);
  if (date) item.date = date;
  const value = ctx.observationValue(o);
  if (value) item.value = value;
  const flag = interpretation(o.interpretation);
  if (flag) item.interpretation = flag;
  if (bloodPressure) item.bloodPressure = bloodPressure;
  return item;
}

/**
 * Blood pressure sent as two Observations (systolic, diastolic) of one reading: joined when they share the time and
 * the encounter, so the screen shows `144/88 mmHg` once instead of two loose numbers.
 */
function pairBloodPressures(items: UncategorisedItem[], sources: Map<string, fhir.Observation>): UncategorisedItem[] {
  const key = (i: UncategorisedItem) => `${i.date?.iso ?? ''}|${sources.get(i.id)?.context?.reference ?? ''}`;
  const isQuantity = (i: UncategorisedItem) => i.value?.kind === 'quantity';
  const diastolics = new Map<string, UncategorisedItem[]>();
  for (const i of items) {
    if (!isQuantity(i) || !codedAs(DIASTOLIC, i.concept)) continue;
    const k = key(i);
    const same = diastolics.get(k);
    if (same) same.push(i);
    else diastolics.set(k, [i]);
  }
  if (diastolics.size === 0) return items;
  const used = new Set<string>();
  const out: UncategorisedItem[] = [];
  for (const i of items) {
    if (used.has(i.id)) continue;
    if (i.value?.kind === 'quantity' && i.date && codedAs(SYSTOLIC, i.concept)) {
      const partner = diastolics.get(key(i))?.find((d) => !used.has(d.id));
      if (partner && partner.value?.kind === 'quantity') {
        used.add(partner.id);
        const s = i.value.quantity;
        const d = partner.value.quantity;
        out.push({
          ...i,
          concept: { text: 'Blood pressure', codings: [...i.concept.codings, ...partner.concept.codings] },
          bloodPressure: { systolic: s, diastolic: d, text: bpText(s, d) },
          components: [{ name: partner.concept, value: partner.value }],
          notes: [...i.notes, ...partner.notes],
        });
        continue;
      }
    }
    out.push(i);
  }
  return out;
}

export function readUncategorised(ctx: ReaderContext): UncategorisedItem[] {
  const list = ctx.index.list(UNCATEGORISED_LIST);
  const items: UncategorisedItem[] = [];
  // Each Observation once (a List may name one twice), with its source for pairing blood pressures.
  const sources = new Map<string, fhir.Observation>();
  for (const entry of arr(list?.entry)) {
    const o = ctx.index.resolve<fhir.Observation>(entry?.item, list);
    if (o?.resourceType !== 'Observation') continue;
    const ref = ctx.index.ref(o);
    if (sources.has(ref)) continue;
    sources.set(ref, o);
    items.push(readUncategorisedItem(ctx, o));
  }
  // Sort first so pairing never depends on entry order.
  const sorted = newestFirst(items, (i) => i.date);
  return pairBloodPressures(sorted, sources);
}

export function readImmunisation(ctx: ReaderContext, i: fhir.Immunization): ImmunisationItem {
  const procedure = extension(i, 'VaccinationProcedure-1')?.valueCodeableConcept;
  const date = readRecordedDate(i.date);
  const explanation = i.explanation;
  const notGivenReason = arr(explanation?.reasonNotGiven)
    .map((c) => conceptText(c))
    .filter(Boolean)
    .join(', ');
  const reasons = arr(explanation?.reason)
    .map((c) => conceptText(c))
    .filter((c): c is string => c !== undefined);
  const protocol = arr(i.vaccinationProtocol).find(isObject);
  const doseSequence = num(protocol?.doseSequence);
  const seriesDoses = num(protocol?.seriesDoses);
  const series = str(protocol?.series);
  const lotNumber = str(i.lotNumber);
  const expirationDate = readRecordedDate(i.expirationDate);
  const site = conceptText(i.site);
  const route = conceptText(i.route);
  const doseQuantity = i.doseQuantity;
  const dose =
    isObject(doseQuantity) && num(doseQuantity.value) !== undefined
      ? `${doseQuantity.value}${str(doseQuantity.unit) ? ` ${doseQuantity.unit}` : ''}`
      : undefined;
  const vaccine = concept(i.vaccineCode, 'Vaccine not named');
  const procedureConcept = isObject(procedure) ? concept(procedure) : undefined;
  const recorded = extension(i, 'DateRecorded-1')?.valueDateTime;
  const practitioner = arr(i.practitioner).find(isObject)?.actor;
  return {
    ...ctx.base(i, { recorded, recordedBy: practitioner, notes: i.note }),
    // GP systems often send vaccineCode "unknown" and name the vaccination in the procedure.
    vaccine: vaccine.codings.some((c) => c.code === 'UNK') && procedureConcept ? procedureConcept : vaccine,
    ...(procedureConcept ? { procedure: procedureConcept } : {}),
    given: i.notGiven !== true,
    status: str(i.status) ?? 'unknown',
    ...(date ? { date } : {}),
    ...(notGivenReason ? { notGivenReason } : {}),
    reasons,
    ...(doseSequence !== undefined ? { doseSequence } : {}),
    ...(seriesDoses !== undefined ? { seriesDoses } : {}),
    ...(series ? { vaccinationSeries: series } : {}),
    ...(lotNumber ? { lotNumber } : {}),
    ...(expirationDate ? { expirationDate } : {}),
    ...(site ? { site } : {}),
    ...(route ? { route } : {}),
    ...(dose ? { dose } : {}),
    reportedElsewhere: i.primarySource === false,
  };
}

export function readImmunisations(ctx: ReaderContext): {
  given: ImmunisationItem[];
  notGiven: ImmunisationItem[];
  statuses: ImmunisationStatusItem[];
} {
  const list = ctx.index.list(IMMUNISATIONS_LIST);
  const seen = new Set<string>();
  const given: ImmunisationItem[] = [];
  const notGiven: ImmunisationItem[] = [];
  const statuses: ImmunisationStatusItem[] = [];
  for (const entry of arr(list?.entry)) {
    const r = ctx.index.resolve(entry?.item, list);
    if (!r) continue;
    const ref = ctx.index.ref(r);
    if (seen.has(ref)) continue;
    seen.add(ref);
    if (r.resourceType === 'Immunization') {
      const item = readImmunisation(ctx, r as fhir.Immunization);
      (item.given ? given : notGiven).push(item);
    } else if (r.resourceType === 'Observation') {
      // includeStatus: immunisation status Observations in the same List.
      const o = r as fhir.Observation;
      const date = readRecordedDate(o.effectiveDateTime ?? o.issued);
      const value = ctx.observationValue(o);
      statuses.push({
        ...ctx.base(o, { recorded: o.issued, recordedBy: arr(o.performer).find(isObject) }),
        concept: concept(o.code, 'Immunisation status'),
        ...(date ? { date } : {}),
        ...(value ? { value } : {}),
      });
    }
  }
  return {
    given: newestFirst(given, (i) => i.date),
    notGiven: newestFirst(notGiven, (i) => i.date),
    statuses: newestFirst(statuses, (s) => s.date),
  };
}
