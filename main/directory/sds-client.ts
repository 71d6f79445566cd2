import { interpretFailedResponse, messageFor } from '../../shared/gpconnect/spine-failure';
import type { SpineContext } from '../spine/spine-context';
import { joinUrl } from '../spine/spine-context';
import { SpineError } from '../spine/spine-error';
import { spineHttp } from '../spine/spine-http';

const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const INTERACTION = 'https://fhir.nhs.uk/Id/nhsServiceInteractionId';
const PARTY_KEY = 'https://fhir.nhs.uk/Id/nhsMhsPartyKey';
const ASID = 'https://fhir.nhs.uk/Id/nhsSpineASID';

export interface ProviderEndpoint {
  readonly odsCode: string;
  /** The service root URL exactly as SDS holds it. */
  readonly serviceRoot: string;
  readonly partyKey: string;
  readonly asid: string;
}

interface FhirIdentifier {
  system?: unknown;
  value?: unknown;
}

function entries(bundle: unknown): Record<string, unknown>[] {
  const list = (bundle as { entry?: unknown } | null)?.entry;
  if (!Array.isArray(list)) return [];
  return list.flatMap((e: unknown) => {
    const resource = (e as { resource?: unknown } | null)?.resource;
    return typeof resource === 'object' && resource !== null ? [resource as Record<string, unknown>] : [];
  });
}

function identifierValue(resource: Record<string, unknown>, system: string): string | undefined {
  const ids = Array.isArray(resource['identifier']) ? (resource['identifier'] as FhirIdentifier[]) : [];
  const value = ids.find((i) => i.system === system)?.value;
  return typeof value === 'string' ? value : undefined;
}

/**
 * SDS FHIR R4 (SPEC §10.2): the provider's service root and party key from `Endpoint`, then its ASID from `Device`,
 * for one ODS code and the exact interaction. Cached for the session only: `clear()` on a new patient encounter.
 */
export class SdsClient {
  private readonly cache = new Map<string, Promise<ProviderEndpoint>>();

  constructor(private readonly ctx: SpineContext) {}

  clear(): void {
    this.cache.clear();
  }

  resolve(odsCode: string, interactionId: string): Promise<ProviderEndpoint> {
    const key = `${odsCode}|${interactionId}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.lookup(odsCode, interactionId);
      // A failed lookup is not cached: the next attempt asks SDS again.
      pending.catch(() => this.cache.delete(key));
      this.cache.set(key, pending);
    }
    return pending;
  }

  private async search(
    resource: 'Endpoint' | 'Device',
    params: [string, string][],
  ): Promise<Record<string, unknown>[]> {
    const query = new URLSearchParams(params).toString();
    const correlationId = this.ctx.newId();
    const response = await spineHttp(this.ctx.agent, {
      method: 'GET',
      url: joinUrl(this.ctx.config.spine.sdsBaseUrl, `${resource}?${query}`),
      headers: {
        accept: 'application/fhir+json',
        apikey: this.ctx.config.spine.sdsApiKey,
        'x-correlation-id': correlationId,
      },
      timeoutMs: this.ctx.timeoutMs,
      traceId: correlationId,
    });
    if (response.status >= 400) {
      throw new SpineError(
        interpretFailedResponse({ httpStatus: response.status, body: response.json, traceId: correlationId }),
      );
    }
    return entries(response.json).filter((r) => r['resourceType'] === resource);
  }

  private async lookup(odsCode: string, interactionId: string): Promise<ProviderEndpoint> {
    const endpoints = await this.search('Endpoint', [
      ['organization', `${ODS}|${odsCode}`],
      ['identifier', `${INTERACTION}|${interactionId}`],
    ]);
    const endpoint = endpoints.find((e) => typeof e['address'] === 'string' && identifierValue(e, PARTY_KEY));
    if (!endpoint) {
      throw new SpineError({
        code: 'SDS_NO_ENDPOINT',
        message: messageFor('SDS_NO_ENDPOINT'),
        detail: `${odsCode} ${interactionId}`,
        retryable: false,
      });
    }
    const serviceRoot = endpoint['address'] as string;
    const partyKey = identifierValue(endpoint, PARTY_KEY) as string;
    const devices = await this.search('Device', [
      ['organization', `${ODS}|${odsCode}`],
      ['identifier', `${INTERACTION}|${interactionId}`],
      ['identifier', `${PARTY_KEY}|${partyKey}`],
    ]);
    const asid = devices.map((d) => identifierValue(d, ASID)).find((v) => v !== undefined);
    if (!asid) {
      throw new SpineError({
        code: 'SDS_NO_ASID',
        message: messageFor('SDS_NO_ASID'),
        detail: `${odsCode} ${partyKey}`,
        retryable: false,
      });
    }
    return { odsCode, serviceRoot, partyKey, asid };
  }
}
