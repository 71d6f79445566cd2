import type { DatePeriod, StructuredQuery } from '../../validation/structured-parameters';
import type { RecordArea } from './record-areas';
import { ENDED_ALLERGIES_CODE } from './record-areas';
import type { Json, RecordPool } from './record-pool';
import { ref, referencesIn } from './record-pool';

/*
 * The query's parts applied to an area's primary List (SPEC §6.1): undated items are always returned, year and
 * year-month dates span their whole period.
 */

/** The date span of an item, for period filters; undefined = undated (always returned). */
function itemSpan(r: Json): DatePeriod | undefined {
  const pick = (...values: unknown[]): string | undefined =>
    values.find((v): v is string => typeof v === 'string' && v.length >= 4);
  const period = (p: unknown) => (p as { start?: string; end?: string } | undefined) ?? {};
  let start: string | undefined;
  let end: string | undefined;
  switch (r['resourceType']) {
    case 'Encounter':
      start = period(r['period']).start;
      break;
    case 'Observation':
      start = pick(r['effectiveDateTime'], period(r['effectivePeriod']).start, r['issued']);
      break;
    case 'DiagnosticReport':
      start = pick(r['effectiveDateTime'], r['issued']);
      break;
    case 'ReferralRequest':
      start = pick(r['authoredOn']);
      break;
    case 'ProcedureRequest':
      start = pick(r['occurrenceDateTime'], period(r['occurrencePeriod']).start, r['authoredOn']);
      break;
    case 'MedicationStatement':
      start = period(r['effectivePeriod']).start;
      end = period(r['effectivePeriod']).end;
      return start === undefined ? undefined : { start, end: end ?? '9999-12-31' };
    default:
      start = pick(r['onsetDateTime'], r['assertedDate'], r['date']);
  }
  return start === undefined ? undefined : { start, end: start };
}

/** Whether a (possibly year or year-month) span overlaps the requested period. */
function overlaps(span: DatePeriod | undefined, wanted: DatePeriod): boolean {
  if (span?.start === undefined) return true;
  const s = span.start.slice(0, 10);
  const from = s.length === 4 ? `${s}-01-01` : s.length === 7 ? `${s}-01` : s;
  const rawEnd = (span.end ?? span.start).slice(0, 10);
  const to = rawEnd.length === 4 ? `${rawEnd}-12-31` : rawEnd.length === 7 ? `${rawEnd}-31` : rawEnd;
  return (wanted.start === undefined || to >= wanted.start) && (wanted.end === undefined || from <= wanted.end);
}

export function filterArea(pool: RecordPool, area: RecordArea, q: StructuredQuery): void {
  const primary = pool.primary(area.lists[0]?.code ?? '');
  const items = primary ? pool.entriesOf(primary) : [];
  const drop = (keep: (r: Json) => boolean) => pool.remove(items.filter((r) => !keep(r)).map(ref));
  switch (area.parameter) {
    case 'includeAllergies': {
      if (q.allergies?.includeResolved === false) {
        const ended = pool.primary(ENDED_ALLERGIES_CODE);
        if (ended) pool.byRef.delete(ref(ended));
      }
      return;
    }
    case 'includeMedication': {
      const from = q.medication?.fromDate;
      if (from !== undefined) {
        // Active from start to end; without an end an acute item covers its start day only, a repeat is ongoing.
        const span = (r: Json): DatePeriod | undefined => {
          const plan = pool.byRef.get(referencesIn(r['basedOn'])[0] ?? '');
          // Statements without their own period take the authorisation's validity period.
          const validity = (plan?.['dispenseRequest'] as { validityPeriod?: DatePeriod } | undefined)?.validityPeriod;
          const { start, end } = (r['effectivePeriod'] as DatePeriod | undefined) ?? validity ?? {};
          if (start === undefined) return undefined;
          const acute = JSON.stringify(plan?.['extension'] ?? []).includes('"code":"acute"');
          return { start, end: end ?? (acute ? start : '9999-12-31') };
        };
        const old = items.filter((r) => !overlaps(span(r), { start: from }));
        // A statement's authorisation (plan) and its issues go with it.
        pool.remove([...old.map(ref), ...old.flatMap((r) => referencesIn(r['basedOn']))]);
      }
      if (q.medication?.includeIssues === false) {
        pool.remove(
          [...pool.byRef.values()]
            .filter((r) => r['resourceType'] === 'MedicationRequest' && r['intent'] === 'order')
            .map(ref),
        );
      }
      return;
    }
    case 'includeConsultations': {
      const c = q.consultations;
      if (c?.period) drop((r) => overlaps(itemSpan(r), c.period ?? {}));
      if (c?.mostRecent !== undefined) {
        const newest = [...items]
          .sort((a, b) => (itemSpan(b)?.start ?? '').localeCompare(itemSpan(a)?.start ?? ''))
          .slice(0, c.mostRecent);
        drop((r) => newest.includes(r));
      }
      return;
    }
    case 'includeProblems': {
      const p = q.problems;
      if (p?.status !== undefined) {
        drop((r) => (r['clinicalStatus'] === 'active') === (p.status === 'active'));
      }
      if (p?.significance !== undefined) {
        drop((r) => JSON.stringify(r['extension'] ?? []).includes(`"valueCode":"${p.significance ?? ''}"`));
      }
      return;
    }
    case 'includeImmunisations':
      if (q.immunisations?.includeNotGiven !== true) drop((r) => r['notGiven'] !== true);
      return;
    case 'includeDiaryEntries': {
      const last = q.diary?.onOrBefore;
      if (last !== undefined) drop((r) => overlaps(itemSpan(r), { end: last }));
      return;
    }
    case 'includeUncategorisedData':
    case 'includeInvestigations':
    case 'includeReferrals': {
      const key =
        area.parameter === 'includeUncategorisedData'
          ? 'uncategorised'
          : area.parameter === 'includeInvestigations'
            ? 'investigations'
            : 'referrals';
      const wanted = q[key]?.period;
      if (wanted) drop((r) => overlaps(itemSpan(r), wanted));
      return;
    }
  }
}
