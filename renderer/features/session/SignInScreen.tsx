import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { SessionState } from '../../../shared/ipc/features/session.contract';
import { PasscodeForm } from './PasscodeForm';
import { SessionError } from './SessionError';
import { useSession } from './session-context';
import { RadioChoices } from '../../components/RadioChoices';

/** Sign-in: the smartcard and its passcode, or in demo mode a synthetic clinician (no card). */
export function SignInScreen({ state }: { readonly state: SessionState }) {
  const error = useSession((s) => s.error);
  const busy = useSession((s) => s.busy);
  const signInWithCard = useSession((s) => s.signInWithCard);
  return (
    <div className="nhsuk-grid-row" data-testid="sign-in">
      <div className="nhsuk-grid-column-two-thirds">
        <SessionError error={error} />
        <h1>Sign in</h1>
        {state.notice && (
          <div className="nhsuk-inset-text" data-testid="session-notice">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>{state.notice}</p>
          </div>
        )}
        {state.demo ? (
          <DemoSignIn state={state} />
        ) : state.card === 'unavailable' ? (
          <p>
            No smartcard reader software is available on this workstation. Ask IT to configure the smartcard middleware.
          </p>
        ) : (
          <>
            <p data-testid="card-status">
              {state.card === 'present'
                ? 'Smartcard found. Enter its passcode to sign in.'
                : 'Insert your NHS smartcard into the reader, then enter its passcode.'}
            </p>
            <PasscodeForm submitLabel="Sign in" busy={busy} onSubmit={(pin) => void signInWithCard(pin)} />
          </>
        )}
      </div>
    </div>
  );
}

function DemoSignIn({ state }: { readonly state: SessionState }) {
  const signInDemo = useSession((s) => s.signInDemo);
  const busy = useSession((s) => s.busy);
  const clinicians = state.demoClinicians ?? [];
  const [chosen, setChosen] = useState(clinicians[0]?.id ?? '');
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (chosen) void signInDemo(chosen);
  };
  return (
    <form onSubmit={submit} aria-label="Demo sign-in">
      <div className="nhsuk-form-group">
        <fieldset className="nhsuk-fieldset" aria-describedby={`${id}-hint`}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Choose a demo clinician</legend>
          <div className="nhsuk-hint" id={`${id}-hint`}>
            Demo mode: synthetic clinicians and patients, no smartcard needed.
          </div>
          <RadioChoices
            idPrefix={id}
            name="demo-clinician"
            options={clinicians.map((c) => ({ value: c.id, label: c.label }))}
            chosen={chosen}
            onChoose={setChosen}
          />
        </fieldset>
      </div>
      <button className="nhsuk-button" type="submit" disabled={busy || !chosen}>
        Sign in as demo clinician
      </button>
    </form>
  );
}
