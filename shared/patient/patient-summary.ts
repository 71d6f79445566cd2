/**
 * What the workstation knows about a traced patient: the identity shown in the patient banner.
 * Built in main from a PDS response; restricted patients arrive without address or practice (PDS removes them).
 */
export type AdministrativeGender = 'male' | 'female' | 'other' | 'unknown';

export interface PatientName {
  readonly prefix: readonly string[];
  readonly given: readonly string[];
  readonly family: string;
}

export interface RegisteredPractice {
  readonly odsCode: string;
  readonly name?: string;
}

export interface PatientSummary {
  /** 10 digits, no spaces. */
  readonly nhsNumber: string;
  readonly name: PatientName;
  /** `YYYY-MM-DD` */
  readonly birthDate: string;
  readonly gender: AdministrativeGender;
  /** `YYYY-MM-DD` when PDS records a death. */
  readonly deceasedDate?: string;
  /** PDS "S-flag": never show location details and never call GP Connect. */
  readonly restricted: boolean;
  /** Home address lines and postcode; absent for restricted patients. */
  readonly address?: { readonly lines: readonly string[]; readonly postcode?: string };
  readonly registeredPractice?: RegisteredPractice;
  /** The NHS number that was searched when PDS answered with this (current) record instead: it was superseded. */
  readonly supersededFrom?: string;
  /** Where this identity came from, named in the banner. */
  readonly source: string;
}
