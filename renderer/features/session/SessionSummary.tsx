import { personName } from './person-name';
import { useSession } from './session-context';

/** The header's session slot: who is signed in, under which role, and the session actions. */
export function SessionSummary() {
  const state = useSession((s) => s.state);
  const switchRole = useSession((s) => s.switchRole);
  const lock = useSession((s) => s.lock);
  const signOut = useSession((s) => s.signOut);
  if (state?.phase !== 'active' || !state.user || !state.role) return null;
  return (
    <div className="gpc-session" data-testid="session-summary">
      <span className="gpc-session__who">
        {state.user.source === 'demo' && <strong className="nhsuk-tag nhsuk-tag--yellow">DEMO</strong>}{' '}
        <span data-testid="session-user">{personName(state.user.name)}</span>
        <span className="gpc-session__role" data-testid="session-role">
          {state.role.roleName}, {state.role.organisation.name} ({state.role.organisation.odsCode})
        </span>
      </span>
      {(state.roles?.length ?? 0) > 1 && (
        <button type="button" className="gpc-header__nav-item" onClick={() => void switchRole()}>
          Switch role
        </button>
      )}
      <button type="button" className="gpc-header__nav-item" onClick={() => void lock()}>
        Lock
      </button>
      <button type="button" className="gpc-header__nav-item" onClick={() => void signOut()}>
        Sign out
      </button>
    </div>
  );
}
