import { transportFailure } from '../../shared/gpconnect/spine-failure';
import { SpineError } from '../spine/spine-error';
import type { GpcResponse } from '../spine/gp-connect-client';

/**
 * The provider's answer must be the resource type the interaction promises; anything else is an invalid response,
 * never passed on as if it were data.
 */
export function expectResource<T extends fhir.Resource>(response: GpcResponse, resourceType: string): T {
  const json = response.json as { resourceType?: unknown } | null;
  if (json?.resourceType !== resourceType) {
    throw new SpineError(
      transportFailure(
        'INVALID_RESPONSE',
        `expected ${resourceType}, got ${typeof json?.resourceType === 'string' ? json.resourceType : 'no FHIR resource'}`,
        response.traceId,
      ),
    );
  }
  return json as T;
}

/** The resources of a searchset Bundle of one type, in the order given. */
export function searchsetResources<T extends fhir.Resource>(bundle: fhir.Bundle, resourceType: string): T[] {
  return (bundle.entry ?? []).flatMap((e) => (e.resource?.resourceType === resourceType ? [e.resource as T] : []));
}
