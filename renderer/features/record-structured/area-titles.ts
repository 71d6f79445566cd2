import type { RecordAreaKey } from '../../../shared/record/structured-view';

/** The clinician's name for each area, in navigation, headings, status sentences and search results. */
export const AREA_TITLES: Readonly<Record<RecordAreaKey, string>> = {
  allergies: 'Allergies and adverse reactions',
  medications: 'Medications',
  problems: 'Problems',
  consultations: 'Consultations',
  immunisations: 'Immunisations',
  investigations: 'Investigations',
  uncategorised: 'Uncategorised data',
  referrals: 'Referrals',
  diary: 'Diary entries',
};
