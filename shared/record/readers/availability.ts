import { areaOfParameter } from '../../gpconnect/structured-capability';
import { readRecordedDate } from '../recorded-date';
import type {
  AreaAvailability,
  AreaStatus,
  ListWarningView,
  OutcomeWarningView,
  RecordAreaKey,
} from '../structured-view';
import { AREA_STATUS_TEXT } from '../structured-view';
import type { BundleIndex } from './bundle-index';
import { arr, codings, conceptText, extensions, isObject, notes, str } from './fhir-values';

/**
 * One vocabulary for absence (issue 7 item 4), decided the same way for every area from: what we asked for, what
 * the practice declares, the Bundle's OperationOutcome warnings (SPEC §6.1), and the area's List (emptyReason,
 * warning codes and notes, disabled placeholders; SPEC §6.3, §6.5).
 */
const WARNING_TEXT: Readonly<Record<string, string>> = {
  'confidential-items': 'Items excluded due to confidentiality and/or patient preferences.',
  'data-in-transit':
    'Patient record transfer from previous GP practice not yet complete; some information may be missing.',
  'data-awaiting-filing':
    'Patient record contains some items in the GP practice workflow that have not been reviewed for inclusion in this message; some information may be missing.',
};
const DATE_IN_TEXT = /\b(\d{2})-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(\d{4})\b/;
const MONTH_NUMBER: Readonly<Record<string, string>> = {
  Jan: '01',
  Feb: '02',
  Mar: '03',
  Apr: '04',
  May: '05',
  Jun: '06',
  Jul: '07',
  Aug: '08',
  Sep: '09',
  Oct: '10',
  Nov: '11',
  Dec: '12',
};

/** Every OperationOutcome issue in the Bundle, each tied to an area when its diagnostics name one. */
export function readOutcomeWarnings(index: BundleIndex): OutcomeWarningView[] {
  const out: OutcomeWarningView[] = [];
  for (const outcome of index.ofType<fhir.OperationOutcome>('OperationOutcome')) {
    for (const issue of arr(outcome.issue)) {
      if (!isObject(issue)) continue;
      const diagnostics = str(issue.diagnostics);
      const spine =
        codings(issue.details).find((c) => /Spine-ErrorOrWarningCode/.test(c.system)) ?? codings(issue.details)[0];
      const text = conceptText(issue.details) ?? diagnostics ?? str(issue.code) ?? 'Warning from the practice';
      const parameter =
        diagnostics?.split('.')[0] ?? /^(\w+) (?:is an unrecognised parameter|has been disabled)/.exec(text)?.[1];
      const area = parameter ? areaOfParameter(parameter) : undefined;
      const severity =
        issue.severity === 'fatal' || issue.severity === 'error' || issue.severity === 'information'
          ? issue.severity
          : 'warning';
      out.push({
        issueCode: str(issue.code) ?? 'unknown',
        severity,
        ...(spine ? { spineCode: spine.code } : {}),
        text,
        ...(diagnostics ? { diagnostics } : {}),
        ...(area ? { area } : {}),
      });
    }
  }
  return out.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

/** The warning codes of a List, each with its sentence (the provider's note where it wrote one) and date. */
export function listWarnings(list: fhir.List | undefined): { warnings: ListWarningView[]; otherNotes: string[] } {
  if (!list) return { warnings: [], otherNotes: [] };
  const codes = [
    ...new Set(
      extensions(list, 'ListWarningCode-1')
        .map((e) => str(e.valueCode) ?? codings(e.valueCodeableConcept)[0]?.code)
        .filter((c): c is string => c !== undefined),
    ),
  ].sort();
  const noteTexts = notes(list.note);
  const used = new Set<string>();
  const warnings = codes.map((code): ListWarningView => {
    const known = WARNING_TEXT[code];
    const probe =
      code === 'confidential-items'
        ? /confidential/i
        : code === 'data-in-transit'
          ? /transfer|transit/i
          : code === 'data-awaiting-filing'
            ? /workflow|awaiting|filing/i
            : null;
    // Providers join several warning sentences in one note; take the sentence about this code.
    let text: string | undefined;
    for (const note of noteTexts) {
      const sentence = probe ? note.split(/(?<=\.)\s+/).find((s) => probe.test(s)) : undefined;
      if (sentence) {
        text = sentence;
        used.add(note);
        break;
      }
    }
    text ??= known ?? `The practice flagged this list: ${code}`;
    const m = DATE_IN_TEXT.exec(text);
    const since = m ? readRecordedDate(`${m[3]}-${MONTH_NUMBER[m[2] ?? ''] ?? '00'}-${m[1]}`) : undefined;
    return { code, text, ...(since ? { since } : {}) };
  });
  const otherNotes = noteTexts.filter((n) => !used.has(n));
  return { warnings, otherNotes };
}

export interface AvailabilityInput {
  readonly area: RecordAreaKey;
  readonly list: fhir.List | undefined;
  readonly requested: boolean;
  readonly capability: 'supported' | 'not-supported' | 'unknown';
  readonly itemCount: number;
  readonly outcomeWarnings: readonly OutcomeWarningView[];
  /** For the ended-allergies list: its own flag, not the area's parameter. */
  readonly subList?: boolean;
}

export function availability(input: AvailabilityInput): AreaAvailability {
  const { list } = input;
  const { warnings, otherNotes } = listWarnings(list);
  const outcomeWarnings = input.subList ? [] : input.outcomeWarnings.filter((w) => w.area === input.area);
  const emptyReasonText = list && isObject(list.emptyReason) ? conceptText(list.emptyReason) : undefined;
  const emptyReasonCode = list ? codings(list.emptyReason)[0]?.code : undefined;
  const emptyReason =
    emptyReasonText || emptyReasonCode
      ? { ...(emptyReasonCode ? { code: emptyReasonCode } : {}), text: emptyReasonText ?? emptyReasonCode ?? '' }
      : undefined;
  // Entries with words and no reference are placeholders ("Referral items have been disabled").
  const placeholders = arr(list?.entry)
    .filter(
      (e) =>
        isObject(e) && isObject(e.item) && str(e.item.reference) === undefined && str(e.item.display) !== undefined,
    )
    .map((e) => str(e.item.display) as string);
  const itemsWithheld = warnings.some((w) => w.code === 'confidential-items');
  const status = decide(input, list, {
    itemsWithheld,
    emptyReason: emptyReason !== undefined,
    placeholders,
    outcomeWarnings,
  });
  return {
    status,
    headline: AREA_STATUS_TEXT[status],
    warnings,
    mayBeIncomplete: warnings.some((w) => w.code === 'data-in-transit' || w.code === 'data-awaiting-filing'),
    itemsWithheld,
    notes: otherNotes,
    ...(emptyReason ? { emptyReason } : {}),
    placeholders,
    outcomeWarnings,
    capability: input.capability,
    itemCount: input.itemCount,
  };
}

function decide(
  input: AvailabilityInput,
  list: fhir.List | undefined,
  facts: {
    itemsWithheld: boolean;
    emptyReason: boolean;
    placeholders: readonly string[];
    outcomeWarnings: readonly OutcomeWarningView[];
  },
): AreaStatus {
  if (input.capability === 'not-supported') return 'not-supported';
  if (!input.requested) return 'not-requested';
  // A warning about the whole parameter (not one of its parts) decides the area.
  const about = facts.outcomeWarnings.filter((w) => !w.diagnostics?.includes('.'));
  if (about.some((w) => /disabled/i.test(w.text))) return 'disabled';
  if (about.some((w) => w.spineCode === 'NOT_IMPLEMENTED' || w.issueCode === 'not-supported')) return 'not-supported';
  if (input.itemCount > 0) return 'present';
  if (facts.placeholders.some((p) => /disabled/i.test(p))) return 'disabled';
  if (!list) return 'not-returned';
  if (facts.itemsWithheld) return 'excluded';
  if (facts.emptyReason || arr(list.entry).length === 0) return 'none-recorded';
  // The List names items the answer does not carry: unknown, not empty.
  return 'not-returned';
}
