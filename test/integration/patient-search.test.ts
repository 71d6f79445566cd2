import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkstationConfig } from '../../main/config/load-config';
import { writeDemonstratorFiles } from '../../main/demonstrator/config-files';
import type { Demonstrator } from '../../main/demonstrator/demonstrator';
import { startDemonstrator } from '../../main/demonstrator/demonstrator';
import type { Dispatch } from '../../main/ipc/dispatcher';
import { createDispatcher } from '../../main/ipc/dispatcher';
import { createHandlers } from '../../main/ipc/handlers';
import type { LiveServices } from '../../main/live-services';
import { createLiveServices } from '../../main/live-services';
import type { Result } from '../../shared/ipc/errors';
import type { DemographicSearchResult } from '../../shared/patient/demographic-search';

/** `patient.search` through the handler table against the demonstrator's PDS over mutual TLS. */
let demo: Demonstrator;
let live: LiveServices;
let dispatch: Dispatch;

beforeAll(async () => {
  demo = await startDemonstrator({ port: 0 });
  const files = await writeDemonstratorFiles(demo, mkdtempSync(path.join(tmpdir(), 'gpc-patient-search-')));
  const config = loadWorkstationConfig({ file: files.config });
  if (config.mode !== 'live') throw new Error('the demonstrator config should be live mode');
  live = await createLiveServices(config, {
    product: { name: 'GP Connect Workstation', version: '0.1.0' },
    today: () => '2026-11-25',
  });
  const handlers = createHandlers({ appName: 'GP Connect Workstation', version: '0.1.0', mode: 'live', live });
  dispatch = createDispatcher(handlers, { error: () => undefined });
});
afterAll(async () => {
  await live?.close();
  await demo?.close();
});

const search = async (input: Record<string, string>) =>
  (await dispatch('patient.search', input, { host: 'cli' })) as Result<DemographicSearchResult>;

describe('patient.search', () => {
  it('lists the people PDS offers, best match first, with their scores', async () => {
    const r = await search({ family: 'hartley', birthDate: '1968-03-12', postcode: 'hg14rt' });
    if (!r.ok) throw new Error(r.error.message);
    if (r.value.status !== 'matches') throw new Error('expected matches');
    expect(r.value.candidates.map((c) => c.patient.nhsNumber)).toEqual(['9434765919', '9990002088']);
    // The exact match scores 1; the near-namesake born nine days later scores lower.
    expect(r.value.candidates[0]?.score).toBe(1);
    expect(r.value.candidates[1]?.score).toBeGreaterThan(0.5);
    expect(r.value.candidates[1]?.score).toBeLessThan(1);
    // What was sent: normalised postcode, exact birth date, fuzzy, a bounded list.
    const sent = demo.requestLog
      .all()
      .filter((e) => e.service === 'pds' && e.url.includes('/Patient?'))
      .at(-1);
    expect(sent?.url).toContain('address-postalcode=HG1+4RT');
    expect(sent?.url).toContain('birthdate=eq1968-03-12');
    expect(sent?.url).toContain('_fuzzy-match=true');
  });

  it('finds a misspelt family name, and narrows by given name and gender', async () => {
    const r = await search({ family: 'Hartly', given: 'Amelia', gender: 'female', birthDate: '1968-03-12' });
    if (!r.ok || r.value.status !== 'matches') throw new Error('expected matches');
    expect(r.value.candidates[0]?.patient.nhsNumber).toBe('9434765919');
    expect(r.value.candidates[0]?.score).toBeLessThan(1);
  });

  it('answers an empty list when nobody matches', async () => {
    const r = await search({ family: 'Nobody', birthDate: '1970-01-01' });
    expect(r).toEqual({ ok: true, value: { status: 'matches', candidates: [] } });
  });

  it('does not open the record gate: a search is not a trace', async () => {
    await search({ family: 'Hartley', birthDate: '1968-03-12' });
    const r = await dispatch('record.html', { nhsNumber: '9434765919', section: 'SUM' }, { host: 'cli' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('TRACE_REQUIRED');
  });

  it.each([
    [{ family: '', birthDate: '1968-03-12' }, "Enter the patient's family name"],
    [{ family: 'Hartley', birthDate: '' }, "Enter the patient's date of birth"],
    [{ family: 'Hartley', birthDate: '2999-01-01' }, 'Date of birth must be today or in the past'],
    [{ family: 'Hartley', birthDate: '1968-02-30' }, 'Date of birth must be a real date'],
    [{ family: 'Hartley', birthDate: '1968-03-12', postcode: 'HG1' }, 'Enter a real UK postcode, like HG1 4RT'],
    [
      { family: 'Hart1ey', birthDate: '1968-03-12' },
      'Family name must contain only letters, spaces, hyphens and apostrophes',
    ],
  ])('refuses %j with a specific reason', async (input, message) => {
    const before = demo.requestLog.all().length;
    const r = await search(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.message).toBe(message);
    }
    expect(demo.requestLog.all().length).toBe(before);
  });
});
