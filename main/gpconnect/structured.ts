import { INTERACTIONS } from '../../shared/gpconnect/interactions';
import type { GpConnectClient } from '../spine/gp-connect-client';
import { expectResource } from './fhir-response';

/**
 * Access Record Structured 1.6 (SPEC §6): `$gpc.getstructuredrecord` with a Parameters body built by the caller
 * (the request builder in shared/ refuses forbidden combinations before anything is sent). The answer is the
 * collection Bundle, whose `id` the provider sets to our Ssp-TraceID.
 */
export class StructuredRecord {
  constructor(private readonly client: GpConnectClient) {}

  async get(odsCode: string, parameters: fhir.Parameters): Promise<{ bundle: fhir.Bundle; traceId: string }> {
    const r = await this.client.call({
      interaction: INTERACTIONS.getStructuredRecord,
      odsCode,
      method: 'POST',
      path: 'Patient/$gpc.getstructuredrecord',
      body: parameters,
    });
    return { bundle: expectResource<fhir.Bundle>(r, 'Bundle'), traceId: r.traceId };
  }
}

/** The whole record: every clinical area with its defaults (what `record.structured` asks for). */
export function fullRecordParameters(nhsNumber: string): fhir.Parameters {
  const flag = (name: string, part?: fhir.ParametersParameter[]): fhir.ParametersParameter =>
    part ? { name, part } : { name };
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'patientNHSNumber', valueIdentifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber } },
      flag('includeAllergies', [{ name: 'includeResolvedAllergies', valueBoolean: true }]),
      flag('includeMedication', [{ name: 'includePrescriptionIssues', valueBoolean: true }]),
      flag('includeConsultations'),
      flag('includeProblems'),
      flag('includeImmunisations'),
      flag('includeUncategorisedData'),
      flag('includeInvestigations'),
      flag('includeReferrals'),
      flag('includeDiaryEntries'),
    ],
  };
}
