import type { SessionState } from '../../../shared/ipc/features/session.contract';
import { PasscodeForm } from './PasscodeForm';
import { SessionError } from './SessionError';
import { personName } from './person-name';
import { roleLabel } from './RolePicker';
import { useSession } from './session-context';

const REASONS: Record<NonNullable<SessionState['lockReason']>, string> = {
  'card-removed': 'The smartcard was removed, so the workstation locked.',
  inactivity: 'The workstation locked after a period without activity.',
  user: 'You locked the workstation.',
};

/**
 * The locked workstation: only who it belongs to. The patient and record views are unmounted (not covered) and main
 * has cleared its patient context; unlocking needs the same card and passcode.
 */
export function LockScreen({ state }: { readonly state: SessionState }) {
  const error = useSession((s) => s.error);
  const busy = useSession((s) => s.busy);
  const unlock = useSession((s) => s.unlock);
  const signOut = useSession((s) => s.signOut);
  const insertDemoCard = useSession((s) => s.insertDemoCard);
  return (
    <div className="nhsuk-grid-row" data-testid="lock-screen">
      <div className="nhsuk-grid-column-two-thirds">
        <SessionError error={error} />
        <h1>Workstation locked</h1>
        {state.lockReason && <p data-testid="lock-reason">{REASONS[state.lockReason]}</p>}
        {state.user && (
          <p>
            Signed in: <strong>{personName(state.user.name)}</strong>
            {state.role ? `, ${roleLabel(state.role)}` : ''}. Only this user can unlock it.
          </p>
        )}
        {state.demoClinicianId !== undefined ? (
          <>
            {state.card === 'absent' && (
              <>
                <p>Demo mode: put the demo card back to unlock.</p>
                <button
                  className="nhsuk-button nhsuk-button--secondary"
                  type="button"
                  onClick={() => void insertDemoCard(state.demoClinicianId ?? '')}
                >
                  Reinsert demo card
                </button>{' '}
              </>
            )}
            <button className="nhsuk-button" type="button" disabled={busy} onClick={() => void unlock()}>
              Unlock
            </button>
          </>
        ) : (
          <>
            {state.card !== 'present' && <p>Insert your smartcard, then enter its passcode.</p>}
            <PasscodeForm submitLabel="Unlock" busy={busy} onSubmit={(pin) => void unlock(pin)} />
          </>
        )}
        <p>
          <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </p>
      </div>
    </div>
  );
}
