import type { AdministrativeGender, PatientName } from './patient-summary';

/** NHS CUI banner name: family name in capitals, then given names, then title in brackets: `SMITH, Jane Anne (Mrs)`. */
export function formatBannerName(name: PatientName): string {
  const family = name.family.toUpperCase();
  const given = name.given.join(' ');
  const title = name.prefix.length > 0 ? ` (${name.prefix.join(' ')})` : '';
  return given ? `${family}, ${given}${title}` : `${family}${title}`;
}

const GENDER_LABELS: Readonly<Record<AdministrativeGender, string>> = {
  male: 'Male',
  female: 'Female',
  other: 'Other',
  unknown: 'Not known',
};

export function formatGender(gender: AdministrativeGender): string {
  return GENDER_LABELS[gender];
}
