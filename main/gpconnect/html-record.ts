import { INTERACTIONS } from '../../shared/gpconnect/interactions';
import type { GpConnectClient } from '../spine/gp-connect-client';
import { expectResource } from './fhir-response';

/** Access Record HTML 0.7.4 record sections (SPEC §7.1), in the order the spec lists them. */
export const HTML_SECTIONS = ['SUM', 'ADM', 'ALL', 'CLI', 'ENC', 'IMM', 'MED', 'OBS', 'PRB', 'REF'] as const;
export type HtmlSection = (typeof HTML_SECTIONS)[number];

/** Sections that take no date filter: a `timePeriod` with them is refused by the provider (400). */
export const UNDATED_SECTIONS: ReadonlySet<HtmlSection> = new Set(['ALL', 'IMM', 'SUM']);

export interface TimePeriod {
  readonly start?: string;
  readonly end?: string;
}

/**
 * `$gpc.getcarerecord` (DSTU2, one section per call). The answer is a searchset Bundle with the Composition first;
 * its section HTML is untrusted and is sanitised before anything shows it.
 */
export class HtmlRecord {
  constructor(private readonly client: GpConnectClient) {}

  async get(
    odsCode: string,
    nhsNumber: string,
    section: HtmlSection,
    period?: TimePeriod,
  ): Promise<{ bundle: fhir.Bundle; traceId: string }> {
    if (period && UNDATED_SECTIONS.has(section)) throw new Error(`the ${section} section takes no date filter`);
    const parameter: Record<string, unknown>[] = [
      { name: 'patientNHSNumber', valueIdentifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: nhsNumber } },
      {
        name: 'recordSection',
        valueCodeableConcept: {
          coding: [{ system: 'http://fhir.nhs.net/ValueSet/gpconnect-record-section-1', code: section }],
        },
      },
      ...(period ? [{ name: 'timePeriod', valuePeriod: { ...period } }] : []),
    ];
    const r = await this.client.call({
      interaction: INTERACTIONS.getCareRecord,
      odsCode,
      method: 'POST',
      path: 'Patient/$gpc.getcarerecord',
      body: { resourceType: 'Parameters', parameter },
      recordNhsNumber: nhsNumber,
    });
    return { bundle: expectResource<fhir.Bundle>(r, 'Bundle'), traceId: r.traceId };
  }
}
