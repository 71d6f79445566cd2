import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useGpc } from '../../gpc-context';

/** Masked: a reason (audited) unmasks. Unmasked: one button masks again. */
export function MaskControl({
  masked,
  onChange,
}: {
  readonly masked: boolean;
  readonly onChange: () => Promise<void>;
}) {
  const gpc = useGpc();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  if (!masked) {
    return (
      <div className="nhsuk-warning-callout" data-testid="explorer-unmasked">
        <h2 className="nhsuk-warning-callout__label">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>NHS numbers are shown in full
          </span>
        </h2>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={() => void gpc.explorer.mask().then(onChange)}
        >
          Mask NHS numbers again
        </button>
      </div>
    );
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await gpc.explorer.unmask({ reason });
    if (!result.ok) {
      setError(result.error.detail ?? result.error.message);
      return;
    }
    setError(null);
    setReason('');
    await onChange();
  };

  return (
    <form className="gpc-explorer__unmask" onSubmit={(e) => void submit(e)} noValidate aria-label="Show NHS numbers">
      <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor={`${id}-reason`}>
          Reason to show NHS numbers in full (recorded in the audit trail)
        </label>
        {error && (
          <span className="nhsuk-error-message" id={`${id}-error`} role="alert">
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        )}
        <input
          id={`${id}-reason`}
          className={`nhsuk-input${error ? ' nhsuk-input--error' : ''}`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby={error ? `${id}-error` : undefined}
          maxLength={200}
        />
      </div>
      <button type="submit" className="nhsuk-button nhsuk-button--secondary">
        Show NHS numbers
      </button>
    </form>
  );
}
