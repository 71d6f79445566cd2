import type { ReactNode } from 'react';
import { useContext, useEffect } from 'react';
import { LockScreen } from './LockScreen';
import { RolePicker } from './RolePicker';
import { SignInScreen } from './SignInScreen';
import { SessionStoreContext, useSession } from './session-context';

/** How often the window asks main about the session: card removal must lock the window within about a second. */
export const SESSION_POLL_MS = 1000;
/** At most one activity report per this interval: enough for a 10-minute inactivity lock, cheap on IPC. */
export const ACTIVITY_THROTTLE_MS = 30_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

/**
 * The session gate around the workstation: sign-in, role choice and the lock screen replace the content; the
 * children (patient and record views) are mounted only while the session is active, so locking unmounts them.
 *
 * Inactivity: main holds the timer; the window reports keyboard and pointer use, throttled. Main's own IPC traffic is
 * no measure of presence: a clinician reading a long record makes no calls, while this gate's polling makes calls
 * with nobody there.
 */
export function SessionGate({ children }: { readonly children: ReactNode }) {
  const store = useContext(SessionStoreContext);
  const state = useSession((s) => s.state);
  const active = state?.phase === 'active';

  useEffect(() => {
    if (!store) return undefined;
    void store.getState().refresh();
    const timer = setInterval(() => void store.getState().refresh(), SESSION_POLL_MS);
    return () => clearInterval(timer);
  }, [store]);

  useEffect(() => {
    if (!store || !active) return undefined;
    let last = 0;
    const report = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_THROTTLE_MS) return;
      last = now;
      void store.getState().report();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, report, { passive: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, report);
    };
  }, [store, active]);

  const demo = state?.demo === true;
  useEffect(() => {
    // The title bar says DEMO too, not only the banner.
    document.title = demo ? 'DEMO: GP Connect Workstation (synthetic data)' : 'GP Connect Workstation';
  }, [demo]);

  if (!state) return <p data-testid="session-checking">Checking who is signed in…</p>;
  if (state.phase === 'signed-out') return <SignInScreen state={state} />;
  if (state.phase === 'choose-role') return <RolePicker state={state} />;
  if (state.phase === 'locked') return <LockScreen state={state} />;
  return <>{children}</>;
}
