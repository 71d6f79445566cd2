import type { GpcApi } from '../../shared/ipc/api';
import { buildGpcApi } from '../../shared/ipc/build-api';
import type { Result } from '../../shared/ipc/errors';
import type { PatientSummary } from '../../shared/patient/patient-summary';

export const HARTLEY: PatientSummary = {
  nhsNumber: '9434765919',
  name: { prefix: ['Mrs'], given: ['Amelia', 'Grace'], family: 'Hartley' },
  birthDate: '1968-03-12',
  gender: 'female',
  restricted: false,
  address: { lines: ['14 Willow Crescent', 'Harrogate'], postcode: 'HG1 4RT' },
  registeredPractice: { odsCode: 'A20047', name: 'Riverside Medical Practice' },
  source: 'PDS (test)',
};

/**
 * The renderer's only dependency is `window.gpc`; tests give it this stand-in, built by the same generator as the
 * real preload, whose answers each test controls.
 */
export function fakeGpc(answer: (channel: string, input: unknown) => Promise<Result<unknown>>): GpcApi {
  return buildGpcApi((channel, input) => answer(channel, input));
}

export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
