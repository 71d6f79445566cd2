import type { GpcApi } from '../../shared/ipc/api';
import { buildGpcApi } from '../../shared/ipc/build-api';
import type { SessionState } from '../../shared/ipc/features/session.contract';
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

/** A signed-in demo GP: what the session gate needs to show the workstation. */
export const ACTIVE_SESSION: SessionState = {
  phase: 'active',
  demo: true,
  card: 'present',
  inactivityMinutes: 10,
  user: { sdsUserId: '555021935107', name: { family: 'Jones', given: ['Claire'], prefix: 'Dr' }, source: 'demo' },
  role: {
    roleProfileId: '555021936108',
    roleName: 'General Medical Practitioner',
    organisation: { odsCode: 'Y90001', name: 'Demo Practice' },
  },
  roles: [],
};

/**
 * The renderer's only dependency is `window.gpc`; tests give it this stand-in, built by the same generator as the
 * real preload, whose answers each test controls. The session is signed in (a demo GP) unless the test answers
 * `session.*` itself (`ownSession`).
 */
export function fakeGpc(
  answer: (channel: string, input: unknown) => Promise<Result<unknown>>,
  options: { ownSession?: boolean } = {},
): GpcApi {
  return buildGpcApi((channel, input) => {
    if (!options.ownSession && channel === 'session.status')
      return Promise.resolve({ ok: true, value: ACTIVE_SESSION });
    if (!options.ownSession && channel === 'session.activity')
      return Promise.resolve({ ok: true, value: { recorded: true } });
    return answer(channel, input);
  });
}

export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
