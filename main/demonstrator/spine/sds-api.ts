import type { IncomingHttpHeaders } from 'node:http';
import { FHIR_JSON_R4 } from '../http-reply';
import type { Reply } from '../http-reply';
import { r4Error } from '../operation-outcome';
import type { DeviceEntry, EndpointEntry, SdsRegistry } from './sds-registry';

/**
 * The Spine Directory Service FHIR R4 API (SPEC §10.2): `Endpoint` and `Device` searches, `apikey` required, GET
 * only. Resource shapes follow `examples/sds/`.
 */
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const INTERACTION = 'https://fhir.nhs.uk/Id/nhsServiceInteractionId';
const PARTY_KEY = 'https://fhir.nhs.uk/Id/nhsMhsPartyKey';
const ASID = 'https://fhir.nhs.uk/Id/nhsSpineASID';
const EXT = 'https://fhir.nhs.uk/StructureDefinition/Extension-SDS-';

export interface SdsCall {
  readonly method: string;
  /** Path after the SDS base, e.g. `/Endpoint`. */
  readonly path: string;
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  readonly apiKey: string;
  readonly baseUrl: string;
}

const error = (status: number, issue: string, code: string, diagnostics: string): Reply => {
  const e = r4Error(status, issue, code, diagnostics);
  return { status: e.status, body: e.body, contentType: FHIR_JSON_R4, errorCode: e.code };
};

interface Filters {
  organization?: string;
  interaction?: string;
  partyKey?: string;
  manufacturer?: string;
}

/** `system|value` search tokens, each system checked exactly as SDS does. */
function parseFilters(query: string): { ok: true; filters: Filters } | { ok: false; reply: Reply } {
  const params = new URLSearchParams(query);
  const filters: Filters = {};
  const token = (raw: string, name: string, systems: readonly string[]): [string, string] | Reply => {
    const bar = raw.indexOf('|');
    const system = bar < 0 ? '' : raw.slice(0, bar);
    const value = bar < 0 ? '' : raw.slice(bar + 1);
    if (!systems.includes(system) || value === '') {
      return error(400, 'value', 'INVALID_VALUE', `${name} must be one of ${systems.join(', ')} followed by |value`);
    }
    return [system, value];
  };
  for (const [name, raw] of params) {
    if (name === 'organization' || name === 'manufacturing-organization') {
      const t = token(raw, name, [ODS]);
      if (!Array.isArray(t)) return { ok: false, reply: t };
      if (name === 'organization') filters.organization = t[1];
      else filters.manufacturer = t[1];
    } else if (name === 'identifier') {
      const t = token(raw, name, [INTERACTION, PARTY_KEY]);
      if (!Array.isArray(t)) return { ok: false, reply: t };
      if (t[0] === INTERACTION) filters.interaction = t[1];
      else filters.partyKey = t[1];
    }
    // Other parameters (e.g. _format) are ignored, as servers ignore unknown search parameters.
  }
  return { ok: true, filters };
}

function endpointResource(e: EndpointEntry): Record<string, unknown> {
  return {
    resourceType: 'Endpoint',
    id: e.id,
    status: 'active',
    connectionType: {
      system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type',
      code: 'hl7-fhir-rest',
      display: 'HL7 FHIR',
    },
    payloadType: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/endpoint-payload-type', code: 'any', display: 'Any' },
        ],
      },
    ],
    address: e.address,
    managingOrganization: { identifier: { system: ODS, value: e.odsCode } },
    identifier: [
      { system: 'https://fhir.nhs.uk/Id/nhsMhsFQDN', value: new URL(e.address).hostname },
      { system: PARTY_KEY, value: e.partyKey },
      { system: 'https://fhir.nhs.uk/Id/nhsMhsCPAId', value: e.cpaId },
      { system: 'https://fhir.nhs.uk/Id/nhsMHSId', value: e.cpaId },
    ],
    extension: [
      {
        url: `${EXT}NhsServiceInteractionId`,
        valueReference: { identifier: { system: INTERACTION, value: e.interactionId } },
      },
    ],
  };
}

function deviceResource(d: DeviceEntry): Record<string, unknown> {
  return {
    resourceType: 'Device',
    id: d.id,
    identifier: [
      { system: ASID, value: d.asid },
      { system: PARTY_KEY, value: d.partyKey },
    ],
    extension: [
      {
        url: `${EXT}ManufacturingOrganisation`,
        valueReference: { identifier: { system: ODS, value: d.manufacturingOds } },
      },
      ...d.interactionIds.map((id) => ({
        url: `${EXT}NhsServiceInteractionId`,
        valueReference: { identifier: { system: INTERACTION, value: id } },
      })),
    ],
    owner: { identifier: { system: ODS, value: d.odsCode } },
  };
}

function bundle(call: SdsCall, type: string, resources: readonly Record<string, unknown>[]): Reply {
  const self = `${call.baseUrl}${call.path}${call.query ? `?${call.query}` : ''}`;
  return {
    status: 200,
    contentType: FHIR_JSON_R4,
    body: {
      resourceType: 'Bundle',
      type: 'searchset',
      total: resources.length,
      link: [{ relation: 'self', url: self }],
      entry: resources.map((resource) => ({
        fullUrl: `${call.baseUrl}/${type}/${String(resource['id'])}`,
        resource,
        search: { mode: 'match' },
      })),
    },
  };
}

export function callSds(call: SdsCall, registry: SdsRegistry): Reply {
  const apiKey = call.headers['apikey'];
  if (apiKey === undefined || apiKey === '') {
    return error(401, 'forbidden', 'ACCESS_DENIED', 'the apikey header is missing');
  }
  if (apiKey !== call.apiKey) return error(401, 'forbidden', 'ACCESS_DENIED', 'the apikey is not valid');
  if (call.method !== 'GET') return error(405, 'not-supported', 'METHOD_NOT_ALLOWED', 'SDS answers GET only');

  const parsed = parseFilters(call.query);
  if (!parsed.ok) return parsed.reply;
  const f = parsed.filters;

  if (call.path === '/Endpoint') {
    const given = [f.organization, f.interaction, f.partyKey].filter((v) => v !== undefined).length;
    if (given < 2) {
      return error(
        400,
        'required',
        'MISSING_VALUE',
        'Endpoint search needs two of organization, interaction identifier and party key identifier',
      );
    }
    const found = registry.endpoints.filter(
      (e) =>
        (f.organization === undefined || e.odsCode === f.organization) &&
        (f.interaction === undefined || e.interactionId === f.interaction) &&
        (f.partyKey === undefined || e.partyKey === f.partyKey),
    );
    return bundle(call, 'Endpoint', found.map(endpointResource));
  }
  if (call.path === '/Device') {
    if (f.organization === undefined || f.interaction === undefined) {
      return error(400, 'required', 'MISSING_VALUE', 'Device search needs organization and an interaction identifier');
    }
    const found = registry.devices.filter(
      (d) =>
        d.odsCode === f.organization &&
        d.interactionIds.includes(f.interaction ?? '') &&
        (f.partyKey === undefined || d.partyKey === f.partyKey) &&
        (f.manufacturer === undefined || d.manufacturingOds === f.manufacturer),
    );
    return bundle(call, 'Device', found.map(deviceResource));
  }
  return error(404, 'not-found', 'NOT_FOUND', `SDS has no resource type at ${call.path.slice(0, 60)}`);
}
