import type { HtmlRecordSection } from '../../shared/gpconnect/html-record-view';
import type { HtmlSectionCode } from '../../shared/gpconnect/html-sections';
import { htmlSectionInfo } from '../../shared/gpconnect/html-sections';
import { transportFailure } from '../../shared/gpconnect/spine-failure';
import { crossCheckDemographics, readProviderDemographics } from '../../shared/patient/demographic-check';
import type { PatientSummary } from '../../shared/patient/patient-summary';
import { SpineError } from '../spine/spine-error';
import { sanitiseRecordHtml } from './html-sanitiser';

type Json = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first Composition's first section (SPEC §7.2): its title and XHTML; null if the answer has none. */
function compositionSection(bundle: fhir.Bundle): { title?: string; div: string } | null {
  const composition = (bundle.entry ?? [])
    .map((e) => e.resource as unknown)
    .find((r): r is Json => isObject(r) && r['resourceType'] === 'Composition');
  const sections = composition?.['section'];
  const first: unknown = Array.isArray(sections) ? sections[0] : undefined;
  if (!isObject(first) || !isObject(first['text']) || typeof first['text']['div'] !== 'string') return null;
  const title = typeof first['title'] === 'string' ? first['title'].slice(0, 200) : undefined;
  return { div: first['text']['div'], ...(title ? { title } : {}) };
}

function organisationName(bundle: fhir.Bundle, odsCode: string): string | undefined {
  for (const entry of bundle.entry ?? []) {
    const r = entry.resource as unknown;
    if (!isObject(r) || r['resourceType'] !== 'Organization' || typeof r['name'] !== 'string') continue;
    const ids = Array.isArray(r['identifier']) ? (r['identifier'] as unknown[]) : [];
    if (ids.some((i) => isObject(i) && i['value'] === odsCode)) return r['name'].slice(0, 200);
  }
  return undefined;
}

/**
 * The provider's answer made safe to show: the section XHTML sanitised, the practice's Patient cross-checked with
 * the PDS trace. An answer about another NHS number is refused outright rather than shown with a warning.
 */
export function buildHtmlRecordSection(args: {
  readonly patient: PatientSummary;
  readonly odsCode: string;
  readonly code: HtmlSectionCode;
  readonly period?: { readonly from?: string; readonly to?: string };
  readonly bundle: fhir.Bundle;
  readonly traceId: string;
  readonly retrievedAt: Date;
}): HtmlRecordSection {
  const { patient, odsCode, code, bundle, traceId } = args;
  const section = compositionSection(bundle);
  if (!section) throw new SpineError(transportFailure('INVALID_RESPONSE', 'no Composition section text', traceId));
  const provider = readProviderDemographics(bundle);
  if (provider?.nhsNumber !== undefined && provider.nhsNumber !== patient.nhsNumber) {
    throw new SpineError(
      transportFailure(
        'INVALID_RESPONSE',
        'the answer is about a different NHS number from the one requested',
        traceId,
      ),
    );
  }
  const sanitised = sanitiseRecordHtml(section.div);
  const name = organisationName(bundle, odsCode) ?? patient.registeredPractice?.name;
  return {
    nhsNumber: patient.nhsNumber,
    section: { code, title: section.title ?? htmlSectionInfo(code).title },
    ...(args.period ? { period: args.period } : {}),
    html: sanitised.html,
    contentRemoved: sanitised.removed,
    crossCheck: provider
      ? { checked: true, differences: crossCheckDemographics(patient, provider) }
      : { checked: false, differences: [] },
    practice: { odsCode, ...(name ? { name } : {}) },
    retrievedAt: args.retrievedAt.toISOString(),
    traceId,
  };
}
