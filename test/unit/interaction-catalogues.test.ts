import { describe, expect, it } from 'vitest';
import { INTERACTIONS as PROVIDER_ROUTES } from '../../main/demonstrator/interactions';
import { INTERACTIONS as CONSUMER_CALLS } from '../../shared/gpconnect/interactions';

/**
 * The consumer's catalogue (what it sends) and the demonstrator's (what it accepts) are written separately on
 * purpose, so that one cannot hide a mistake in the other; this test makes them agree on every id and scope.
 */
describe('interaction catalogues', () => {
  it('every interaction the consumer calls is one the provider routes, with the same JWT scope', () => {
    for (const call of Object.values(CONSUMER_CALLS)) {
      const route = PROVIDER_ROUTES.find((r) => r.id === call.id);
      expect(route, call.id).toBeDefined();
      expect(route?.scope, call.id).toBe(call.scope);
    }
  });
});
