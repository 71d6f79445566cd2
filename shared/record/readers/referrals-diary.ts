import { newestFirst, oldestFirst, readRecordedDate, readRecordedPeriod } from '../recorded-date';
import type { DiaryEntryItem, LinkedItemRef, ReferralItem } from '../structured-view';
import { arr, concept, conceptText, isObject, str } from './fhir-values';
import type { ReaderContext } from './reader-context';

/** Outbound referrals (ReferralRequest, documents as metadata only) and diary entries (ProcedureRequest). */
export const REFERRALS_LIST = '792931000000107';
export const DIARY_LIST = '714311000000108';
const UBRN_SYSTEM = /ubrn/i;

export function readReferral(ctx: ReaderContext, r: fhir.ReferralRequest): ReferralItem {
  const date = readRecordedDate(r.authoredOn);
  const status = str(r.status);
  const priority = str(r.priority);
  const type = conceptText(r.type);
  const specialty = conceptText(r.specialty);
  const description = str(r.description);
  const requester = ctx.nameOf(r.requester?.agent);
  const ubrn = str(arr(r.identifier).find((i) => isObject(i) && UBRN_SYSTEM.test(i.system ?? ''))?.value);
  const documents: LinkedItemRef[] = arr(r.supportingInfo)
    .map((s) => ctx.link(s))
    .filter((l): l is LinkedItemRef => l !== undefined);
  return {
    ...ctx.base(r, { recorded: r.authoredOn, recordedBy: r.requester?.agent, notes: r.note }),
    ...(date ? { date } : {}),
    ...(status ? { status } : {}),
    ...(priority ? { priority } : {}),
    ...(type ? { type } : {}),
    services: arr(r.serviceRequested)
      .map((s) => conceptText(s))
      .filter((s): s is string => s !== undefined),
    ...(specialty ? { specialty } : {}),
    reasons: arr(r.reasonCode)
      .filter(isObject)
      .map((c) => concept(c)),
    ...(description ? { description } : {}),
    ...(requester ? { requester } : {}),
    recipients: arr(r.recipient)
      .map((x) => ctx.nameOf(x))
      .filter((x): x is string => x !== undefined),
    ...(ubrn ? { ubrn } : {}),
    documents,
  };
}

export function readDiaryEntry(ctx: ReaderContext, p: fhir.ProcedureRequest): DiaryEntryItem {
  const due = readRecordedDate(p.occurrenceDateTime ?? p.occurrencePeriod?.start);
  const duePeriod = readRecordedPeriod(p.occurrencePeriod);
  const status = str(p.status);
  const requester = ctx.nameOf(p.requester?.agent);
  return {
    ...ctx.base(p, { recorded: p.authoredOn, recordedBy: p.requester?.agent, notes: p.note }),
    concept: concept(p.code, 'Diary entry'),
    ...(due ? { due } : {}),
    ...(duePeriod ? { duePeriod } : {}),
    ...(status ? { status } : {}),
    reasons: arr(p.reasonCode)
      .map((c) => conceptText(c))
      .filter((c): c is string => c !== undefined),
    ...(requester ? { requester } : {}),
  };
}

function itemsOf<T extends fhir.Resource>(ctx: ReaderContext, code: string, type: string): T[] {
  const list = ctx.index.list(code);
  const seen = new Set<string>();
  const out: T[] = [];
  for (const entry of arr(list?.entry)) {
    const r = ctx.index.resolve<T>(entry?.item, list);
    if (r?.resourceType !== type) continue;
    const ref = ctx.index.ref(r);
    if (seen.has(ref)) continue;
    seen.add(ref);
    out.push(r);
  }
  return out;
}

export function readReferrals(ctx: ReaderContext): ReferralItem[] {
  return newestFirst(
    itemsOf<fhir.ReferralRequest>(ctx, REFERRALS_LIST, 'ReferralRequest').map((r) => readReferral(ctx, r)),
    (r) => r.date,
  );
}

export function readDiary(ctx: ReaderContext): DiaryEntryItem[] {
  return oldestFirst(
    itemsOf<fhir.ProcedureRequest>(ctx, DIARY_LIST, 'ProcedureRequest').map((p) => readDiaryEntry(ctx, p)),
    (d) => d.due,
  );
}
