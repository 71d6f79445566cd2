import { INTERACTIONS } from '../../shared/gpconnect/interactions';
import type { GpConnectClient } from '../spine/gp-connect-client';
import { expectResource, searchsetResources } from './fhir-response';

/** Foundations 1.2.x (SPEC §4): typed calls through SSP. Query values are percent-encoded, the `|` included. */
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const SDS_USER = 'https://fhir.nhs.uk/Id/sds-user-id';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';

const identifierQuery = (system: string, value: string): string =>
  `identifier=${encodeURIComponent(`${system}|${value}`)}`;
const id = (value: string): string => encodeURIComponent(value);

export class Foundations {
  constructor(private readonly client: GpConnectClient) {}

  async metadata(odsCode: string): Promise<fhir.CapabilityStatement> {
    const r = await this.client.call({ interaction: INTERACTIONS.metadata, odsCode, method: 'GET', path: 'metadata' });
    return expectResource<fhir.CapabilityStatement>(r, 'CapabilityStatement');
  }

  async structuredMetadata(odsCode: string): Promise<fhir.CapabilityStatement> {
    const r = await this.client.call({
      interaction: INTERACTIONS.structuredMetadata,
      odsCode,
      method: 'GET',
      path: 'metadata',
    });
    return expectResource<fhir.CapabilityStatement>(r, 'CapabilityStatement');
  }

  async findPatient(odsCode: string, nhsNumber: string): Promise<fhir.Patient[]> {
    const r = await this.client.call({
      interaction: INTERACTIONS.findPatient,
      odsCode,
      method: 'GET',
      path: `Patient?${identifierQuery(NHS, nhsNumber)}`,
    });
    return searchsetResources<fhir.Patient>(expectResource<fhir.Bundle>(r, 'Bundle'), 'Patient');
  }

  async readPatient(odsCode: string, logicalId: string): Promise<fhir.Patient> {
    const r = await this.client.call({
      interaction: INTERACTIONS.readPatient,
      odsCode,
      method: 'GET',
      path: `Patient/${id(logicalId)}`,
    });
    return expectResource<fhir.Patient>(r, 'Patient');
  }

  async findPractitioner(odsCode: string, sdsUserId: string): Promise<fhir.Practitioner[]> {
    const r = await this.client.call({
      interaction: INTERACTIONS.findPractitioner,
      odsCode,
      method: 'GET',
      path: `Practitioner?${identifierQuery(SDS_USER, sdsUserId)}`,
    });
    return searchsetResources<fhir.Practitioner>(expectResource<fhir.Bundle>(r, 'Bundle'), 'Practitioner');
  }

  async readPractitioner(odsCode: string, logicalId: string): Promise<fhir.Practitioner> {
    const r = await this.client.call({
      interaction: INTERACTIONS.readPractitioner,
      odsCode,
      method: 'GET',
      path: `Practitioner/${id(logicalId)}`,
    });
    return expectResource<fhir.Practitioner>(r, 'Practitioner');
  }

  async findOrganization(odsCode: string, targetOds: string): Promise<fhir.Organization[]> {
    const r = await this.client.call({
      interaction: INTERACTIONS.findOrganization,
      odsCode,
      method: 'GET',
      path: `Organization?${identifierQuery(ODS, targetOds)}`,
    });
    return searchsetResources<fhir.Organization>(expectResource<fhir.Bundle>(r, 'Bundle'), 'Organization');
  }

  async readOrganization(odsCode: string, logicalId: string): Promise<fhir.Organization> {
    const r = await this.client.call({
      interaction: INTERACTIONS.readOrganization,
      odsCode,
      method: 'GET',
      path: `Organization/${id(logicalId)}`,
    });
    return expectResource<fhir.Organization>(r, 'Organization');
  }

  async readLocation(odsCode: string, logicalId: string): Promise<fhir.Location> {
    const r = await this.client.call({
      interaction: INTERACTIONS.readLocation,
      odsCode,
      method: 'GET',
      path: `Location/${id(logicalId)}`,
    });
    return expectResource<fhir.Location>(r, 'Location');
  }
}
