import { describe, expect, it } from 'vitest';
import { buildGpcApi } from '../../shared/ipc/build-api';
import { CHANNELS } from '../../shared/ipc/channels';
import { contract } from '../../shared/ipc/contract';

describe('window.gpc generated from the contract', () => {
  it('has one method per channel, and the contract defines exactly the listed channels', async () => {
    const calls: [string, unknown][] = [];
    const api = buildGpcApi((channel, input) => {
      calls.push([channel, input]);
      return Promise.resolve({ ok: true, value: null });
    });
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    await api.app.info();
    await api.patient.lookup({ nhsNumber: '9434765919' });
    expect(calls).toEqual([
      ['app.info', {}],
      ['patient.lookup', { nhsNumber: '9434765919' }],
    ]);
  });

  it('cannot be modified by the page', () => {
    const api = buildGpcApi(() => Promise.resolve({ ok: true, value: null }));
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.patient)).toBe(true);
  });
});
