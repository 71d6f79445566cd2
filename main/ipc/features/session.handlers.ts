import type { SESSION_CHANNELS } from '../../../shared/ipc/features/session.channels';
import type { SessionService } from '../../identity/session-service';
import { GpcError } from '../gpc-error';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';

/**
 * The session channels. The passcode arrives once as a string (IPC gives no other form); it is copied into a buffer
 * the smartcard layer wipes after use, is never returned, never logged (the dispatcher logs only error types).
 */
export function sessionHandlers({ deps }: HandlerKit): FeatureHandlers<typeof SESSION_CHANNELS> {
  const session = (): SessionService => {
    if (!deps.session) throw new GpcError('NOT_AVAILABLE', 'This host has no clinician session.');
    return deps.session;
  };
  const pinBuffer = (pin: string | undefined) => (pin === undefined ? undefined : Buffer.from(pin, 'utf8'));
  return {
    'session.status': () => Promise.resolve(session().state()),
    'session.signInWithCard': ({ pin }) => {
      const service = session();
      return Promise.resolve(service.signInWithCard(Buffer.from(pin, 'utf8')));
    },
    'session.signInDemo': ({ clinicianId }) => Promise.resolve(session().signInDemo(clinicianId)),
    'session.chooseRole': ({ roleProfileId }) => Promise.resolve(session().chooseRole(roleProfileId)),
    'session.switchRole': () => Promise.resolve(session().switchRole()),
    'session.lock': () => Promise.resolve(session().lock()),
    'session.unlock': ({ pin }) => Promise.resolve(session().unlock(pinBuffer(pin))),
    'session.signOut': () => Promise.resolve(session().signOut()),
    'session.activity': () => Promise.resolve({ recorded: session().activity() }),
    'session.demoCard': ({ action, clinicianId }) => Promise.resolve(session().demoCard(action, clinicianId)),
  };
}
