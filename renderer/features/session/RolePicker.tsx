import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { RoleProfile, SessionState } from '../../../shared/ipc/features/session.contract';
import { SessionError } from './SessionError';
import { personName } from './person-name';
import { useSession } from './session-context';
import { RadioChoices } from '../../components/RadioChoices';

export function roleLabel(role: RoleProfile): string {
  return `${role.roleName}, ${role.organisation.name} (${role.organisation.odsCode})`;
}

/** The role profile to work under: job role and organisation, as they will appear in every request. */
export function RolePicker({ state }: { readonly state: SessionState }) {
  const error = useSession((s) => s.error);
  const busy = useSession((s) => s.busy);
  const chooseRole = useSession((s) => s.chooseRole);
  const signOut = useSession((s) => s.signOut);
  const roles = state.roles ?? [];
  const [chosen, setChosen] = useState('');
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (chosen) void chooseRole(chosen);
  };
  return (
    <div className="nhsuk-grid-row" data-testid="role-picker">
      <div className="nhsuk-grid-column-two-thirds">
        <SessionError error={error} />
        <form onSubmit={submit} aria-label="Choose your role">
          <div className="nhsuk-form-group">
            <fieldset className="nhsuk-fieldset" aria-describedby={`${id}-hint`}>
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--l">
                <h1 className="nhsuk-fieldset__heading">Choose your role</h1>
              </legend>
              <div className="nhsuk-hint" id={`${id}-hint`}>
                {state.user ? `${personName(state.user.name)}: ` : ''}every request you make names this role and
                organisation.
              </div>
              <RadioChoices
                idPrefix={id}
                name="role-profile"
                options={roles.map((role) => ({ value: role.roleProfileId, label: roleLabel(role) }))}
                chosen={chosen}
                onChoose={setChosen}
              />
            </fieldset>
          </div>
          <button className="nhsuk-button" type="submit" disabled={busy || !chosen}>
            Continue
          </button>{' '}
          <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </form>
      </div>
    </div>
  );
}
