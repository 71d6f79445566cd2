import type {
  CodedConcept,
  LinkedItemRef,
  ObservationValue,
  RecordAreaKey,
  RecordItemBase,
  RecordedDate,
  StructuredRecordView,
  TestResultView,
} from '../../../shared/record/structured-view';
import { observationText } from './record-text';

/** One searchable, datable thing in the record: a row of an area's table (or a result inside a report). */
export interface IndexEntry {
  readonly area: RecordAreaKey;
  /** The row it lives in (the table's row key), to bring it into view. */
  readonly rowId: string;
  /** One line for the clinician. */
  readonly label: string;
  /** A second line (e.g. the value of a result, the status of a problem). */
  readonly detail?: string;
  readonly date?: RecordedDate;
  /** Lower-case text and codes searched by the find box. */
  readonly haystack: string;
  /** False for entries nested in another row (results in a report): the timeline shows the row only. */
  readonly onTimeline: boolean;
}

function conceptWords(c: CodedConcept | undefined): string[] {
  if (!c) return [];
  return [c.text, ...c.codings.flatMap((k) => [k.code, k.display ?? ''])];
}
function valueWords(v: ObservationValue | undefined): string[] {
  if (!v) return [];
  return [observationText(v) ?? '', ...(v.kind === 'coded' ? conceptWords(v.concept) : [])];
}
function linkedWords(items: readonly LinkedItemRef[]): string[] {
  return items.map((i) => i.display);
}
function baseWords(item: RecordItemBase): string[] {
  return [...item.notes, ...item.linkedProblems.map((p) => p.display), item.recordedBy ?? ''];
}
function hay(words: readonly (string | undefined)[]): string {
  return words
    .filter((w): w is string => typeof w === 'string' && w !== '')
    .join(' \u0000 ')
    .toLowerCase();
}

function resultWords(r: TestResultView): string[] {
  return [
    ...conceptWords(r.name),
    ...valueWords(r.value),
    r.unit ?? '',
    r.interpretation?.text ?? '',
    ...r.notes,
    ...r.filingComments.map((c) => c.text),
  ];
}

/**
 * Every area's items flattened once per record (memoised by the caller), for the find box and the timeline. Pure: the
 * view model is already built in main; this only gathers its text and codes.
 */
export function indexRecord(view: StructuredRecordView): IndexEntry[] {
  const out: IndexEntry[] = [];
  const push = (e: Omit<IndexEntry, 'onTimeline'> & { onTimeline?: boolean }) => out.push({ onTimeline: true, ...e });
  const { areas } = view;

  for (const a of [...areas.allergies.active, ...areas.allergies.ended]) {
    const ended = a.clinicalStatus === 'resolved' || a.ended !== undefined;
    push({
      area: 'allergies',
      rowId: a.id,
      label: a.substance.text,
      detail: ended ? 'Ended allergy' : 'Current allergy',
      ...withDate(a.onset ?? a.recorded),
      haystack: hay([
        ...conceptWords(a.substance),
        ...a.reactions.flatMap((r) => [...r.manifestations, r.description, r.severity]),
        a.ended?.reason,
        ...baseWords(a),
      ]),
    });
  }
  const m = areas.medications;
  for (const [items, detail] of [
    [m.currentRepeats, 'Current repeat'],
    [m.currentAcutes, 'Current acute'],
    [m.prescribedElsewhere, 'Prescribed elsewhere'],
    [m.discontinued, 'Discontinued'],
    [m.past, 'Past medication'],
  ] as const) {
    for (const med of items) {
      push({
        area: 'medications',
        rowId: med.id,
        label: med.medication.text,
        detail: med.dosage ? `${detail}: ${med.dosage}` : detail,
        ...withDate(med.effective?.start ?? med.recorded),
        haystack: hay([
          ...conceptWords(med.medication),
          med.dosage,
          med.form,
          med.patientInstruction,
          med.discontinued?.reason,
          ...baseWords(med),
        ]),
      });
    }
  }
  const p = areas.problems;
  for (const prob of [
    ...p.activeMajor,
    ...p.activeMinor,
    ...p.inactiveMajor,
    ...p.inactiveMinor,
    ...view.linkedProblems,
  ]) {
    push({
      area: 'problems',
      rowId: prob.id,
      label: prob.condition.text,
      detail: [prob.status, prob.significance].filter(Boolean).join(', '),
      ...withDate(prob.onset ?? prob.recorded),
      haystack: hay([...conceptWords(prob.condition), ...linkedWords(prob.linkedItems), ...baseWords(prob)]),
    });
  }
  for (const c of areas.consultations.consultations) {
    push({
      area: 'consultations',
      rowId: c.id,
      label: c.title,
      ...(c.clinician ? { detail: c.clinician } : {}),
      ...withDate(c.date ?? c.period?.start),
      haystack: hay([
        c.title,
        c.type,
        c.clinician,
        c.location,
        ...c.topics.flatMap((t) => [
          t.title,
          t.problem?.display,
          ...linkedWords(t.items),
          ...t.headings.flatMap((h) => [h.title, ...linkedWords(h.items)]),
        ]),
        ...baseWords(c),
      ]),
    });
  }
  const imm = areas.immunisations;
  for (const i of [...imm.given, ...imm.notGiven]) {
    push({
      area: 'immunisations',
      rowId: i.id,
      label: i.vaccine.text,
      detail: i.given ? 'Given' : `Not given${i.notGivenReason ? `: ${i.notGivenReason}` : ''}`,
      ...withDate(i.date ?? i.recorded),
      haystack: hay([
        ...conceptWords(i.vaccine),
        ...conceptWords(i.procedure),
        i.notGivenReason,
        ...i.reasons,
        ...baseWords(i),
      ]),
    });
  }
  for (const s of imm.statuses) {
    push({
      area: 'immunisations',
      rowId: s.id,
      label: s.concept.text,
      detail: 'Immunisation status',
      ...withDate(s.date ?? s.recorded),
      haystack: hay([...conceptWords(s.concept), ...valueWords(s.value), ...baseWords(s)]),
    });
  }
  for (const r of areas.investigations.reports) {
    const results = [...r.results, ...r.testGroups.flatMap((g) => g.results)];
    push({
      area: 'investigations',
      rowId: r.id,
      label: r.title.text,
      detail: `${results.length} ${results.length === 1 ? 'result' : 'results'}`,
      ...withDate(r.issued ?? r.effective ?? r.recorded),
      haystack: hay([
        ...conceptWords(r.title),
        r.conclusion,
        ...r.testGroups.flatMap((g) => conceptWords(g.name)),
        ...r.filingComments.map((c) => c.text),
        ...baseWords(r),
      ]),
    });
    for (const res of results) {
      push({
        area: 'investigations',
        rowId: r.id,
        label: res.name.text,
        detail: `${observationText(res.value) ?? 'No value'}${res.abnormal ? ' (abnormal)' : ''} in ${r.title.text}`,
        ...withDate(res.date ?? r.issued ?? r.effective),
        haystack: hay(resultWords(res)),
        onTimeline: false,
      });
    }
  }
  for (const u of areas.uncategorised.items) {
    push({
      area: 'uncategorised',
      rowId: u.id,
      label: u.concept.text,
      ...((u.bloodPressure?.text ?? observationText(u.value))
        ? { detail: u.bloodPressure?.text ?? observationText(u.value) ?? '' }
        : {}),
      ...withDate(u.date ?? u.recorded),
      haystack: hay([
        ...conceptWords(u.concept),
        ...valueWords(u.value),
        u.bloodPressure?.text,
        ...u.components.flatMap((c) => [...conceptWords(c.name), ...valueWords(c.value)]),
        ...baseWords(u),
      ]),
    });
  }
  for (const r of areas.referrals.referrals) {
    push({
      area: 'referrals',
      rowId: r.id,
      label: r.services.join(', ') || r.specialty || r.type || 'Referral',
      ...(r.status ? { detail: r.status } : {}),
      ...withDate(r.date ?? r.recorded),
      haystack: hay([
        ...r.services,
        r.specialty,
        r.type,
        r.description,
        r.ubrn,
        ...r.recipients,
        ...r.reasons.flatMap(conceptWords),
        ...baseWords(r),
      ]),
    });
  }
  for (const d of areas.diary.entries) {
    push({
      area: 'diary',
      rowId: d.id,
      label: d.concept.text,
      ...(d.status ? { detail: `Diary entry, ${d.status}` } : {}),
      ...withDate(d.due ?? d.duePeriod?.start ?? d.recorded),
      haystack: hay([...conceptWords(d.concept), ...d.reasons, ...baseWords(d)]),
    });
  }
  return out;
}

function withDate(date: RecordedDate | undefined): { date?: RecordedDate } {
  return date ? { date } : {};
}

/** Entries matching every word of the query (text or code), in record order. */
export function findInRecord(index: readonly IndexEntry[], query: string): IndexEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return index.filter((e) => words.every((w) => e.haystack.includes(w)));
}
