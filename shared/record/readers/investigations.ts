import { newestFirst, readRecordedDate } from '../recorded-date';
import type {
  FilingCommentView,
  InvestigationReport,
  SpecimenView,
  TestGroupView,
  TestResultView,
} from '../structured-view';
import { refOf } from './bundle-index';
import { arr, concept, conceptText, isObject, notes, str } from './fhir-values';
import { filingComment, isCommentNote, members, testResult } from './observations';
import type { ReaderContext } from './reader-context';

/**
 * Investigations (SPEC §6.2): DiagnosticReports; each result is a test group (an Observation with members), a test
 * result, or a filing comment (a "Comment note" Observation). Comment notes among a group's or result's members are
 * that group's or result's filing comments.
 */
export const INVESTIGATIONS_LIST = '887191000000108';

function specimen(s: fhir.Specimen): SpecimenView {
  const type = conceptText(s.type);
  const collected = readRecordedDate(s.collection?.collectedDateTime ?? s.collection?.collectedPeriod?.start);
  const received = readRecordedDate(s.receivedTime);
  const bodySite = conceptText(s.collection?.bodySite);
  return {
    id: refOf(s),
    ...(type ? { type } : {}),
    ...(collected ? { collected } : {}),
    ...(received ? { received } : {}),
    ...(bodySite ? { bodySite } : {}),
    notes: notes(s.note),
  };
}

function testGroup(ctx: ReaderContext, o: fhir.Observation, parts: fhir.Observation[]): TestGroupView {
  const date = readRecordedDate(o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued);
  const comment = str(o.comment);
  const results = parts.filter((m) => !isCommentNote(m)).map((m) => testResult(ctx, m));
  return {
    id: ctx.index.ref(o),
    name: concept(o.code, 'Test group not named'),
    ...(date ? { date } : {}),
    results,
    notes: [...(comment ? [comment] : [])],
    filingComments: parts.filter(isCommentNote).map((c) => filingComment(ctx, c)),
  };
}

export function readReport(ctx: ReaderContext, report: fhir.DiagnosticReport): InvestigationReport {
  const testGroups: TestGroupView[] = [];
  const results: TestResultView[] = [];
  const filingComments: FilingCommentView[] = [];
  const seen = new Set<string>();
  for (const r of arr(report.result)) {
    const o = ctx.index.resolve<fhir.Observation>(r, report);
    if (o?.resourceType !== 'Observation') continue;
    const ref = ctx.index.ref(o);
    if (seen.has(ref)) continue;
    seen.add(ref);
    if (isCommentNote(o)) {
      filingComments.push(filingComment(ctx, o));
      continue;
    }
    const parts = members(ctx, o);
    // A member that is itself a result (not a comment) makes this a test group.
    if (parts.some((m) => !isCommentNote(m))) testGroups.push(testGroup(ctx, o, parts));
    else results.push(testResult(ctx, o));
  }
  const specimens = arr(report.specimen)
    .map((s) => ctx.index.resolve<fhir.Specimen>(s, report))
    .filter((s): s is fhir.Specimen => s?.resourceType === 'Specimen')
    .map((s) => specimen(s));
  const issued = readRecordedDate(report.issued);
  const effective = readRecordedDate(report.effectiveDateTime ?? report.effectivePeriod?.start);
  const performer = arr(report.performer)
    .filter(isObject)
    .map((p) => ctx.nameOf(p.actor))
    .find(Boolean);
  const requester = arr(report.basedOn)
    .map((b) => ctx.index.resolve<fhir.ProcedureRequest>(b, report))
    .map((p) => (p?.resourceType === 'ProcedureRequest' ? ctx.nameOf(p.requester?.agent) : undefined))
    .find(Boolean);
  const conclusion = str(report.conclusion);
  const status = str(report.status);
  return {
    ...ctx.base(report, { recorded: report.issued }),
    title: concept(
      report.code && conceptText(report.code) !== 'Diagnostic studies report'
        ? report.code
        : (report.category ?? report.code),
      'Investigation',
    ),
    ...(status ? { status } : {}),
    ...(issued ? { issued } : {}),
    ...(effective ? { effective } : {}),
    ...(performer ? { performer } : {}),
    ...(requester ? { requester } : {}),
    ...(conclusion ? { conclusion } : {}),
    specimens,
    testGroups,
    results,
    filingComments,
  };
}

export function readInvestigations(ctx: ReaderContext): InvestigationReport[] {
  const list = ctx.index.list(INVESTIGATIONS_LIST);
  const seen = new Set<string>();
  const out: InvestigationReport[] = [];
  for (const entry of arr(list?.entry)) {
    const r = ctx.index.resolve<fhir.DiagnosticReport>(entry?.item, list);
    if (r?.resourceType !== 'DiagnosticReport') continue;
    const ref = ctx.index.ref(r);
    if (seen.has(ref)) continue;
    seen.add(ref);
    out.push(readReport(ctx, r));
  }
  return newestFirst(out, (r) => r.issued ?? r.effective);
}
