import { readRecordedDate } from '../recorded-date';
import type {
  CodedConcept,
  Coding,
  InterpretationView,
  ObservationValue,
  QuantityValue,
  ReferenceRangeView,
} from '../structured-view';

/**
 * Small readers of FHIR STU3 datatypes. Provider resources are untrusted: the types of `@types/fhir` say what a
 * resource should hold, not what arrived, so every reader accepts anything and answers undefined or empty.
 */

/**
 * One shared empty list for every absent or empty field: records have hundreds of thousands of elements, most
 * fields of which are absent, and the view model never changes a list once built (its types are readonly).
 */
export const NONE: readonly never[] = Object.freeze([]);

export function arr<T>(value: readonly T[] | T | undefined | null): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : NONE;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Untrusted JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A typed FHIR element that really is an object (pruned or malformed input may hold anything). */
export function isObject<T extends object>(value: T | null | undefined): value is T {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Extensions whose URL ends with `name` (hosts differ between fhir.nhs.uk and fhir.hl7.org.uk copies). */
export function extensions(
  element: { extension?: fhir.Extension[] } | undefined,
  name: string,
): readonly fhir.Extension[] {
  const all = element?.extension;
  // Most elements carry no extensions: answer without allocating (records have hundreds of thousands of elements).
  if (!Array.isArray(all) || all.length === 0) return NONE;
  return all.filter((e) => isObject(e) && typeof e.url === 'string' && e.url.endsWith(name));
}

export function extension(
  element: { extension?: fhir.Extension[] } | undefined,
  name: string,
): fhir.Extension | undefined {
  const all = element?.extension;
  if (!Array.isArray(all)) return undefined;
  return all.find((e) => isObject(e) && typeof e.url === 'string' && e.url.endsWith(name));
}

/** A sub-extension (complex extensions name their parts with plain URLs such as `endDate`). */
export function part(element: fhir.Extension | undefined, url: string): fhir.Extension | undefined {
  return arr(element?.extension).find((e) => isObject(e) && e.url === url);
}

export function codings(concept: fhir.CodeableConcept | undefined): Coding[] {
  const out: Coding[] = [];
  for (const c of arr(concept?.coding)) {
    if (!isObject(c)) continue;
    const code = str(c.code);
    if (code === undefined) continue;
    const system = str(c.system) ?? '';
    const display = str(c.display);
    // Plain literals, not conditional spreads: records hold tens of thousands of codings.
    out.push(display ? { system, code, display } : { system, code });
  }
  return out;
}

/** What the clinician reads of a CodeableConcept: text, else the first display, else the first code. */
function conceptLabel(value: fhir.CodeableConcept | undefined): string | undefined {
  const text = str(value?.text);
  if (text !== undefined) return text;
  const all = arr(value?.coding);
  for (const c of all) {
    const display = isObject(c) ? str(c.display) : undefined;
    if (display !== undefined) return display;
  }
  for (const c of all) {
    const code = isObject(c) ? str(c.code) : undefined;
    if (code !== undefined) return code;
  }
  return undefined;
}

/** CodeableConcept → what the clinician reads: text, else the first display, else the first code. */
export function concept(value: fhir.CodeableConcept | undefined, fallback = 'Not recorded'): CodedConcept {
  return { text: conceptLabel(value) ?? fallback, codings: codings(value) };
}

/** The label alone, without building the codings (links and names only show the text). */
export function conceptText(value: fhir.CodeableConcept | undefined): string | undefined {
  return isObject(value) ? conceptLabel(value) : undefined;
}

export function hasCode(value: fhir.CodeableConcept | undefined, code: string): boolean {
  // A loop, not `some` with a closure: asked of every List and Observation, several times each.
  for (const c of arr(value?.coding)) if (isObject(c) && c.code === code) return true;
  return false;
}

function formatNumber(value: number): string {
  return String(value);
}

/** A view type while it is being filled in (optional fields are assigned only when present). */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

export function quantity(value: fhir.Quantity | undefined): QuantityValue | undefined {
  if (!isObject(value)) return undefined;
  const amount = num(value.value);
  const comparator = str(value.comparator);
  const unit = str(value.unit) ?? str(value.code);
  const quantityText = value.extension ? str(extension(value, 'MedicationQuantityText-1')?.valueString) : undefined;
  if (amount === undefined && unit === undefined && quantityText === undefined) return undefined;
  const text =
    quantityText ??
    `${comparator ?? ''}${amount === undefined ? '' : formatNumber(amount)}${unit ? `${amount === undefined ? '' : ' '}${unit}` : ''}`;
  // Assigned field by field rather than spread: every result and range has one or two of these.
  const out: Writable<QuantityValue> = { text };
  if (amount !== undefined) out.value = amount;
  if (comparator) out.comparator = comparator;
  if (unit) out.unit = unit;
  return out;
}

/**
 * The value[x] of an Observation or component. Not cached here: an Observation's value is read twice (as a
 * consultation item and as an uncategorised item), so `ReaderContext.observationValue` keeps one per build.
 */
export function observationValue(
  o: fhir.Observation | fhir.ObservationComponent | undefined,
): ObservationValue | undefined {
  return isObject(o) ? readValue(o) : undefined;
}

function readValue(o: fhir.Observation | fhir.ObservationComponent): ObservationValue | undefined {
  const q = quantity(o.valueQuantity);
  if (q) return { kind: 'quantity', quantity: q };
  const s = str(o.valueString);
  if (s !== undefined) return { kind: 'text', text: s };
  if (isObject(o.valueCodeableConcept)) return { kind: 'coded', concept: concept(o.valueCodeableConcept) };
  const flag = (o as { valueBoolean?: unknown }).valueBoolean;
  if (typeof flag === 'boolean') return { kind: 'boolean', value: flag, text: flag ? 'Yes' : 'No' };
  if (isObject(o.valueRange)) {
    const low = quantity(o.valueRange.low);
    const high = quantity(o.valueRange.high);
    return {
      kind: 'range',
      ...(low ? { low } : {}),
      ...(high ? { high } : {}),
      text: `${low?.text ?? ''} - ${high?.text ?? ''}`.trim(),
    };
  }
  if (isObject(o.valueRatio)) {
    const n = quantity(o.valueRatio.numerator);
    const d = quantity(o.valueRatio.denominator);
    return { kind: 'ratio', text: `${n?.text ?? '?'} / ${d?.text ?? '?'}` };
  }
  const date = readRecordedDate(o.valueDateTime);
  if (date) return { kind: 'date', date, text: date.display };
  const period = isObject(o.valuePeriod) ? o.valuePeriod : undefined;
  if (period) {
    const start = readRecordedDate(period.start)?.display;
    const end = readRecordedDate(period.end)?.display;
    if (start || end) return { kind: 'text', text: `${start ?? ''} to ${end ?? ''}`.trim() };
  }
  const time = str(o.valueTime);
  if (time) return { kind: 'text', text: time };
  return undefined;
}

export function valueText(value: ObservationValue | undefined): string | undefined {
  if (!value) return undefined;
  switch (value.kind) {
    case 'quantity':
      return value.quantity.text;
    case 'coded':
      return value.concept.text;
    default:
      return value.text;
  }
}

export function referenceRanges(
  ranges: readonly fhir.ObservationReferenceRange[] | undefined,
): readonly ReferenceRangeView[] {
  if (!Array.isArray(ranges) || ranges.length === 0) return NONE;
  const out: ReferenceRangeView[] = [];
  for (const r of arr(ranges)) {
    if (!isObject(r)) continue;
    const low = quantity(r.low);
    const high = quantity(r.high);
    const text =
      str(r.text) ??
      (low && high
        ? `${low.value ?? low.text} - ${high.text}`
        : low
          ? `>= ${low.text}`
          : high
            ? `<= ${high.text}`
            : undefined);
    if (text === undefined) continue;
    const range: Writable<ReferenceRangeView> = { text };
    if (low) range.low = low;
    if (high) range.high = high;
    const type = conceptText(r.type);
    if (type) range.type = type;
    const appliesTo = appliesToText(r.appliesTo);
    if (appliesTo) range.appliesTo = appliesTo;
    const ageLow = num(r.age?.low?.value);
    const ageHigh = num(r.age?.high?.value);
    if (ageLow !== undefined || ageHigh !== undefined) range.age = `${ageLow ?? ''}-${ageHigh ?? ''}`;
    out.push(range);
  }
  return out;
}

function appliesToText(concepts: readonly fhir.CodeableConcept[] | undefined): string | undefined {
  const all = arr(concepts);
  if (all.length === 0) return undefined;
  return all
    .map((c) => conceptText(c))
    .filter(Boolean)
    .join(', ');
}

/** HL7 v2 table 0078 flags that mean "normal"; everything else a lab flags is abnormal. */
const NORMAL_FLAGS = new Set(['N', 'n']);

export function interpretation(value: fhir.CodeableConcept | undefined): InterpretationView | undefined {
  if (!isObject(value)) return undefined;
  const flag = codings(value)[0];
  const text = conceptText(value) ?? flag?.code;
  if (text === undefined) return undefined;
  const abnormal = flag ? !NORMAL_FLAGS.has(flag.code) : !/^\s*(n\b|normal)/i.test(text);
  return flag ? { code: flag.code, text, abnormal } : { text, abnormal };
}

/** A numeric value outside every "normal" range given (no flag sent): the screen still marks it. */
export function outsideRange(value: ObservationValue | undefined, ranges: readonly ReferenceRangeView[]): boolean {
  if (value?.kind !== 'quantity' || value.quantity.value === undefined || value.quantity.comparator) return false;
  const normal = ranges.filter((r) => r.type === undefined || /normal/i.test(r.type));
  if (normal.length !== 1) return false;
  const [range] = normal;
  const v = value.quantity.value;
  const low = range?.low?.value;
  const high = range?.high?.value;
  return (low !== undefined && v < low) || (high !== undefined && v > high);
}

export function notes(annotations: readonly fhir.Annotation[] | undefined): readonly string[] {
  if (!Array.isArray(annotations) || annotations.length === 0) return NONE;
  return annotations.map((a) => (isObject(a) ? str(a.text) : undefined)).filter((t): t is string => t !== undefined);
}

/** `system|value` of each business identifier. */
export function identifierKeys(identifiers: readonly fhir.Identifier[] | undefined): readonly string[] {
  if (!Array.isArray(identifiers) || identifiers.length === 0) return NONE;
  const out: string[] = [];
  for (const i of arr(identifiers)) {
    if (!isObject(i)) continue;
    const value = str(i.value);
    if (value !== undefined) out.push(`${str(i.system) ?? ''}|${value}`);
  }
  return out;
}

/** 1.6.2 `meta.security` NOPAT (SPEC §6.5). */
export function isNopat(resource: fhir.Resource | undefined): boolean {
  return arr(resource?.meta?.security).some((s) => isObject(s) && s.code === 'NOPAT');
}
