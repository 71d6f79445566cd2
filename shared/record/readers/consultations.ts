import { newestFirst, readRecordedDate, readRecordedPeriod } from '../recorded-date';
import type {
  ConsultationHeadingView,
  ConsultationItem,
  ConsultationTopicView,
  LinkedItemRef,
  LinkedProblemRef,
} from '../structured-view';
import { arr, codings, conceptText, extensions, hasCode, isObject, str } from './fhir-values';
import type { Writable } from './fhir-values';
import type { ReaderContext } from './reader-context';

/**
 * Consultations (SPEC §6.2): the primary List names Encounters; each Encounter's Consultation List holds Topic Lists,
 * a Topic holds Category (heading) Lists or items directly, and a Topic may name its problem.
 */
export const CONSULTATIONS_LIST = '1149501000000101';
export const CONSULTATION = '325851000000107';
export const TOPIC = '25851000000105';
export const CATEGORY = '24781000000107';

function entriesOf(ctx: ReaderContext, list: fhir.List): LinkedItemRef[] {
  const out: LinkedItemRef[] = [];
  const seen = new Set<string>();
  for (const e of arr(list.entry)) {
    if (!isObject(e)) continue;
    const link = ctx.link(e.item);
    if (!link || seen.has(link.ref)) continue;
    seen.add(link.ref);
    out.push(link);
  }
  return out;
}

function topicProblem(ctx: ReaderContext, topic: fhir.List): LinkedProblemRef | undefined {
  for (const e of extensions(topic, 'RelatedProblemHeader-1')) {
    const target = ctx.index.canonical(
      arr(e.extension).find((x) => isObject(x) && x.url === 'target')?.valueReference?.reference,
    );
    if (target !== undefined) return ctx.problemRef(target);
  }
  return undefined;
}

function readTopic(ctx: ReaderContext, topic: fhir.List): ConsultationTopicView {
  const headings: ConsultationHeadingView[] = [];
  const items: LinkedItemRef[] = [];
  for (const e of arr(topic.entry)) {
    if (!isObject(e)) continue;
    const target = ctx.index.resolve<fhir.List>(e.item, topic);
    if (target?.resourceType === 'List' && hasCode(target.code, CATEGORY)) {
      headings.push({
        id: ctx.index.ref(target),
        title: str(target.title) ?? 'Heading',
        items: entriesOf(ctx, target),
      });
    } else {
      const link = ctx.link(e.item);
      if (link && !items.some((i) => i.ref === link.ref)) items.push(link);
    }
  }
  const view: Writable<ConsultationTopicView> = { id: ctx.index.ref(topic), headings, items };
  const title = str(topic.title);
  if (title) view.title = title;
  const problem = topicProblem(ctx, topic);
  if (problem) view.problem = problem;
  return view;
}

export function readConsultations(ctx: ReaderContext): ConsultationItem[] {
  const list = ctx.index.list(CONSULTATIONS_LIST);
  const consultationLists = new Map<string, fhir.List[]>();
  for (const l of ctx.index.lists(CONSULTATION)) {
    const encounter = ctx.index.canonical(l.encounter?.reference);
    if (encounter === undefined) continue;
    const lists = consultationLists.get(encounter);
    if (lists) lists.push(l);
    else consultationLists.set(encounter, [l]);
  }
  const seen = new Set<string>();
  const out: ConsultationItem[] = [];
  for (const entry of arr(list?.entry)) {
    const encounter = ctx.index.resolve<fhir.Encounter>(entry?.item, list);
    if (encounter?.resourceType !== 'Encounter') continue;
    const ref = ctx.index.ref(encounter);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const lists = consultationLists.get(ref) ?? [];
    const topics: ConsultationTopicView[] = [];
    for (const cl of lists) {
      const loose: LinkedItemRef[] = [];
      for (const e of arr(cl.entry)) {
        if (!isObject(e)) continue;
        const target = ctx.index.resolve<fhir.List>(e.item, cl);
        if (target?.resourceType === 'List' && hasCode(target.code, TOPIC)) topics.push(readTopic(ctx, target));
        else {
          const link = ctx.link(e.item);
          if (link) loose.push(link);
        }
      }
      if (loose.length > 0) topics.push({ id: `${ctx.index.ref(cl)}#items`, headings: [], items: loose });
    }
    const type = arr(encounter.type)
      .map((t) => conceptText(t))
      .find(Boolean);
    const title = lists.map((l) => str(l.title)).find(Boolean) ?? type ?? 'Consultation';
    const participants = arr(encounter.participant).filter(isObject);
    const primary =
      participants.find((p) => arr(p.type).some((t) => codings(t).some((c) => c.code === 'PPRF'))) ?? participants[0];
    const clinician = ctx.nameOf(primary?.individual);
    const location = ctx.nameOf(arr(encounter.location).find(isObject)?.location);
    const period = readRecordedPeriod(encounter.period);
    const date = period?.start ?? readRecordedDate(lists.map((l) => l.date).find(Boolean));
    const status = str(encounter.status);
    const recorder = participants.find((p) => arr(p.type).some((t) => codings(t).some((c) => c.code === 'REC')));
    const item: Writable<ConsultationItem> = Object.assign(
      ctx.base(encounter, { recorded: lists[0]?.date, recordedBy: recorder?.individual }),
      // The Consultation List orders its topics and headings (`orderedBy` system): kept as the practice wrote them.
      { title, topics },
    );
    if (date) item.date = date;
    if (period) item.period = period;
    if (type) item.type = type;
    if (clinician) item.clinician = clinician;
    if (location) item.location = location;
    if (status) item.status = status;
    out.push(item);
  }
  return newestFirst(out, (c) => c.date);
}
