import type { DemographicDifference } from '../patient/demographic-check';
import type { HtmlSectionCode } from './html-sections';

/**
 * One Access Record HTML section as the renderer receives it: the provider's XHTML already sanitised in main, the
 * demographic cross-check against the PDS trace, and where and when it came from. Never the raw Bundle.
 */
export interface HtmlRecordSection {
  /** The patient this section belongs to (the renderer checks it against the banner before showing it). */
  readonly nhsNumber: string;
  readonly section: { readonly code: HtmlSectionCode; readonly title: string };
  /** The period sent as `timePeriod`, if any (`YYYY-MM-DD`). */
  readonly period?: { readonly from?: string; readonly to?: string };
  /** Sanitised to the SPEC §7.4 whitelist: structure, tables, banners, `id` and `class` only. */
  readonly html: string;
  /** True when sanitising removed something the whitelist does not allow (a provider fault worth knowing about). */
  readonly contentRemoved: boolean;
  readonly crossCheck: {
    /** False when the answer carried no Patient to compare. */
    readonly checked: boolean;
    readonly differences: readonly DemographicDifference[];
  };
  readonly practice: { readonly odsCode: string; readonly name?: string };
  /** ISO 8601 instant the answer arrived. */
  readonly retrievedAt: string;
  /** `Ssp-TraceID` of the call, for the service desk. */
  readonly traceId: string;
}
