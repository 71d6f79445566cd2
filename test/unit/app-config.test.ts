import { describe, expect, it } from 'vitest';
import { ConfigError, resolveAppConfig } from '../../main/config/app-config';

describe('resolveAppConfig', () => {
  it('defaults to demo mode: no network, no smartcard', () => {
    expect(resolveAppConfig({})).toEqual({ mode: 'demo' });
  });
  it('accepts live', () => {
    expect(resolveAppConfig({ GPC_MODE: 'live' })).toEqual({ mode: 'live' });
  });
  it('refuses anything else with the value at fault', () => {
    expect(() => resolveAppConfig({ GPC_MODE: 'production' })).toThrow(ConfigError);
    expect(() => resolveAppConfig({ GPC_MODE: 'production' })).toThrow(/"production"/);
  });
});
