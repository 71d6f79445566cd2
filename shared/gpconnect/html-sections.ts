/**
 * Access Record HTML 0.7.4 record sections (SPEC §7.1), in the order the spec lists them and the screen offers them
 * (Summary first). `INV` and `PAT` are in the value set but no provider implements them, so they are not offered.
 */
export const HTML_SECTION_CODES = ['SUM', 'ADM', 'ALL', 'CLI', 'ENC', 'IMM', 'MED', 'OBS', 'PRB', 'REF'] as const;
export type HtmlSectionCode = (typeof HTML_SECTION_CODES)[number];

export interface HtmlSectionInfo {
  readonly code: HtmlSectionCode;
  readonly title: string;
  /** Whether the consumer may send a `timePeriod`: a period with ALL, IMM or SUM is refused by the provider (400). */
  readonly dateFilter: boolean;
}

export const HTML_SECTIONS: readonly HtmlSectionInfo[] = [
  { code: 'SUM', title: 'Summary', dateFilter: false },
  { code: 'ADM', title: 'Administrative Items', dateFilter: true },
  { code: 'ALL', title: 'Allergies and Adverse Reactions', dateFilter: false },
  { code: 'CLI', title: 'Clinical Items', dateFilter: true },
  { code: 'ENC', title: 'Encounters', dateFilter: true },
  { code: 'IMM', title: 'Immunisations', dateFilter: false },
  { code: 'MED', title: 'Medications', dateFilter: true },
  { code: 'OBS', title: 'Observations', dateFilter: true },
  { code: 'PRB', title: 'Problems and Issues', dateFilter: true },
  { code: 'REF', title: 'Referrals', dateFilter: true },
];

export function htmlSectionInfo(code: HtmlSectionCode): HtmlSectionInfo {
  const info = HTML_SECTIONS.find((s) => s.code === code);
  if (!info) throw new Error(`unknown section ${code}`);
  return info;
}

export function takesDateFilter(code: HtmlSectionCode): boolean {
  return htmlSectionInfo(code).dateFilter;
}
