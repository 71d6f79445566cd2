import type { HtmlSectionCode } from '../../shared/gpconnect/html-sections';
import { takesDateFilter } from '../../shared/gpconnect/html-sections';
import { INTERACTIONS } from '../../shared/gpconnect/interactions';
import type { GpConnectClient } from '../spine/gp-connect-client';
import { expectResource } from './fhir-response';

export type HtmlSection = HtmlSectionCode;

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
    // The provider refuses a timePeriod with ALL, IMM and SUM (400); the contract already stops the renderer sending one.
    if (period && !takesDateFilter(section)) throw new Error(`the ${section} section takes no date filter`);
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
