import { newestFirst, readRecordedDate } from '../recorded-date';
import type { LinkedItemRef, ProblemItem, RelatedProblemView } from '../structured-view';
import { arr, concept, extension, extensions, isObject, str } from './fhir-values';
import type { ReaderContext } from './reader-context';
import { problemSignificance, problemStatus } from './reader-context';

/**
 * Problems (SPEC §6.2): problem-header Conditions with their significance, status, the actual problem and every
 * linked item (relatedClinicalContent), and related problems (parent/child/sibling).
 */
export const PROBLEMS_LIST = '717711000000103';
export const LINKED_PROBLEMS_LIST = 'problems-linked-problems-not-relating-to-the-primary-query';

export function readProblem(ctx: ReaderContext, condition: fhir.Condition): ProblemItem {
  const onset = readRecordedDate(condition.onsetDateTime ?? condition.onsetPeriod?.start);
  const ended = readRecordedDate(condition.abatementDateTime ?? condition.abatementPeriod?.end);
  const significance = problemSignificance(condition);
  const actual = ctx.link(extension(condition, 'ActualProblem-1')?.valueReference);
  const seen = new Set<string>();
  const linkedItems: LinkedItemRef[] = [];
  for (const e of extensions(condition, 'RelatedClinicalContent-1')) {
    const link = ctx.link(e.valueReference);
    if (!link || seen.has(link.ref)) continue;
    seen.add(link.ref);
    linkedItems.push(link);
  }
  const relatedProblems: RelatedProblemView[] = [];
  for (const e of extensions(condition, 'RelatedProblemHeader-1')) {
    const parts = arr(e.extension).filter(isObject);
    const target = ctx.index.canonical(parts.find((p) => p.url === 'target')?.valueReference?.reference);
    if (target === undefined) continue;
    const relationship = str(parts.find((p) => p.url === 'type')?.valueCode)?.toLowerCase() ?? 'related';
    relatedProblems.push({ relationship, problem: ctx.problemRef(target) });
  }
  const base = ctx.base(condition, {
    recorded: condition.assertedDate,
    recordedBy: condition.asserter,
    notes: condition.note,
  });
  return {
    ...base,
    // A problem is not linked to itself; related problems are listed separately.
    linkedProblems: base.linkedProblems.filter((p) => p.ref !== ctx.index.ref(condition)),
    condition: concept(condition.code, 'Problem not named'),
    status: problemStatus(condition),
    ...(significance ? { significance } : {}),
    ...(onset ? { onset } : {}),
    ...(ended ? { ended } : {}),
    ...(actual ? { actualProblem: actual } : {}),
    linkedItems: newestFirst(
      linkedItems.map((l) => ({ ...l, id: l.ref })),
      (l) => l.date,
    ).map(({ id: _id, ...l }) => l),
    relatedProblems: relatedProblems.sort((a, b) => (a.problem.display < b.problem.display ? -1 : 1)),
  };
}

function problemsOf(ctx: ReaderContext, list: fhir.List | undefined): ProblemItem[] {
  const seen = new Set<string>();
  const out: ProblemItem[] = [];
  for (const entry of arr(list?.entry)) {
    const c = ctx.index.resolve<fhir.Condition>(entry?.item, list);
    if (c?.resourceType !== 'Condition') continue;
    const ref = ctx.index.ref(c);
    if (seen.has(ref)) continue;
    seen.add(ref);
    out.push(readProblem(ctx, c));
  }
  return newestFirst(out, (p) => p.onset ?? p.recorded);
}

export function readProblems(ctx: ReaderContext): { primary: ProblemItem[]; linkedOnly: ProblemItem[] } {
  const primary = problemsOf(ctx, ctx.index.list(PROBLEMS_LIST));
  const inPrimary = new Set(primary.map((p) => p.id));
  const linkedOnly = problemsOf(ctx, ctx.index.list(LINKED_PROBLEMS_LIST)).filter((p) => !inPrimary.has(p.id));
  return { primary, linkedOnly };
}
