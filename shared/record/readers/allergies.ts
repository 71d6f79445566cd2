import { newestFirst, readRecordedDate } from '../recorded-date';
import type { AllergyItem, AllergyReactionView } from '../structured-view';
import { arr, concept, conceptText, extension, isObject, notes, part, str } from './fhir-values';
import type { ReaderContext } from './reader-context';

/**
 * Allergies (SPEC §6.3): the active List's items, and the ended ones, which are contained in the Ended allergies List
 * only. The two never mix: an ended allergy found in the active List stays out of it (it must never reach decision
 * support as current).
 */
export const ACTIVE_ALLERGIES = '886921000000105';
export const ENDED_ALLERGIES = '1103671000000101';

export function readAllergy(ctx: ReaderContext, a: fhir.AllergyIntolerance): AllergyItem {
  const end = extension(a, 'AllergyIntoleranceEnd-1');
  const endDate = readRecordedDate(part(end, 'endDate')?.valueDateTime);
  const endReason = str(part(end, 'reasonEnded')?.valueString);
  const onset = readRecordedDate(a.onsetDateTime ?? a.onsetPeriod?.start);
  const lastOccurrence = readRecordedDate(a.lastOccurrence);
  const status = a.clinicalStatus;
  const reactions = arr(a.reaction)
    .filter(isObject)
    .map((r): AllergyReactionView => {
      const description = str(r.description);
      const severity = str(r.severity);
      const reactionOnset = readRecordedDate(r.onset);
      const exposureRoute = conceptText(r.exposureRoute);
      return {
        manifestations: arr(r.manifestation)
          .map((m) => conceptText(m))
          .filter((m): m is string => m !== undefined),
        ...(description ? { description } : {}),
        ...(severity ? { severity } : {}),
        ...(reactionOnset ? { onset: reactionOnset } : {}),
        ...(exposureRoute ? { exposureRoute } : {}),
        notes: notes(r.note),
      };
    });
  const type = str(a.type);
  const criticality = str(a.criticality);
  const verificationStatus = str(a.verificationStatus);
  return {
    ...ctx.base(a, { recorded: a.assertedDate, recordedBy: a.recorder ?? a.asserter, notes: a.note }),
    substance: concept(a.code, 'Allergy not named'),
    clinicalStatus: status === 'active' || status === 'resolved' || status === 'inactive' ? status : 'unknown',
    ...(verificationStatus ? { verificationStatus } : {}),
    categories: arr(a.category).filter((c): c is NonNullable<typeof c> => typeof c === 'string'),
    ...(type ? { type } : {}),
    ...(criticality ? { criticality } : {}),
    ...(onset ? { onset } : {}),
    ...(lastOccurrence ? { lastOccurrence } : {}),
    ...(end || status === 'resolved'
      ? { ended: { ...(endDate ? { date: endDate } : {}), ...(endReason ? { reason: endReason } : {}) } }
      : {}),
    reactions,
  };
}

export function readAllergies(ctx: ReaderContext): { active: AllergyItem[]; ended: AllergyItem[] } {
  const activeList = ctx.index.list(ACTIVE_ALLERGIES);
  const endedList = ctx.index.list(ENDED_ALLERGIES);
  const seen = new Set<string>();
  const active: AllergyItem[] = [];
  const ended: AllergyItem[] = [];
  for (const entry of arr(activeList?.entry)) {
    const a = ctx.index.resolve<fhir.AllergyIntolerance>(entry?.item, activeList);
    if (a?.resourceType !== 'AllergyIntolerance') continue;
    const item = readAllergy(ctx, a);
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    (item.clinicalStatus === 'resolved' || item.ended ? ended : active).push(item);
  }
  // Ended allergies live in the Ended List: contained (SPEC) or, from some providers, as Bundle entries.
  for (const entry of arr(endedList?.entry)) {
    const a = ctx.index.resolve<fhir.AllergyIntolerance>(entry?.item, endedList);
    if (a?.resourceType !== 'AllergyIntolerance') continue;
    const item = readAllergy(ctx, a);
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    ended.push(item);
  }
  return {
    active: newestFirst(active, (i) => i.onset ?? i.recorded),
    ended: newestFirst(ended, (i) => i.ended?.date ?? i.onset),
  };
}
