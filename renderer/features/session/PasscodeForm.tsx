import { useId, useState } from 'react';
import type { FormEvent } from 'react';

/**
 * Our own passcode dialog (never the middleware's): the passcode goes to main once, in one call, and the field is
 * emptied straight away. It is never stored anywhere else in the window.
 */
export function PasscodeForm({
  submitLabel,
  busy,
  onSubmit,
}: {
  readonly submitLabel: string;
  readonly busy: boolean;
  readonly onSubmit: (pin: string) => void;
}) {
  const [pin, setPin] = useState('');
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = pin;
    setPin('');
    onSubmit(typed);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`${submitLabel} with your smartcard`}>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor={`${id}-pin`}>
          Smartcard passcode
        </label>
        <input
          className="nhsuk-input nhsuk-input--width-10"
          id={`${id}-pin`}
          name="passcode"
          type="password"
          autoComplete="off"
          inputMode="numeric"
          value={pin}
          onChange={(e) => setPin(e.target.value)}
        />
      </div>
      <button className="nhsuk-button" type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
