import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { checkNhsNumber } from '../../../shared/nhs/nhs-number';
import { usePatientStore } from '../../store/store-context';

/**
 * NHS number search after the NHS.UK design system error pattern: the specific problem is shown in an error summary
 * (focused, so screen readers announce it) and beside the field. Main checks the number again; this is for speed.
 */
export function NhsNumberSearch() {
  const trace = usePatientStore((s) => s.trace);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const inputId = `${id}-nhs-number`;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const check = checkNhsNumber(value);
    if (!check.valid) {
      setError(check.message);
      // After render, so the summary exists to receive focus.
      queueMicrotask(() => summaryRef.current?.focus());
      return;
    }
    setError(null);
    void trace(check.value);
  };

  return (
    <form className="gpc-search" onSubmit={onSubmit} noValidate aria-label="Find a patient">
      {error && (
        <div
          className="nhsuk-error-summary"
          aria-labelledby={`${id}-summary-title`}
          role="alert"
          tabIndex={-1}
          ref={summaryRef}
        >
          <h2 className="nhsuk-error-summary__title" id={`${id}-summary-title`}>
            There is a problem
          </h2>
          <div className="nhsuk-error-summary__body">
            <ul className="nhsuk-list nhsuk-error-summary__list">
              <li>
                <a
                  href={`#${inputId}`}
                  onClick={(e) => {
                    e.preventDefault();
                    inputRef.current?.focus();
                  }}
                >
                  {error}
                </a>
              </li>
            </ul>
          </div>
        </div>
      )}
      <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
        <h1 className="nhsuk-label-wrapper">
          <label className="nhsuk-label nhsuk-label--l" htmlFor={inputId}>
            Find a patient by NHS number
          </label>
        </h1>
        <div className="nhsuk-hint" id={`${inputId}-hint`}>
          10 digits, for example 943 476 5919. Spaces and dashes are fine.
        </div>
        {error && (
          <span className="nhsuk-error-message" id={`${inputId}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        )}
        <input
          ref={inputRef}
          className={`nhsuk-input nhsuk-input--width-10${error ? ' nhsuk-input--error' : ''}`}
          id={inputId}
          name="nhsNumber"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          maxLength={32}
          aria-describedby={error ? `${inputId}-hint ${inputId}-error` : `${inputId}-hint`}
          aria-invalid={error ? true : undefined}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </div>
      {/* Never disabled: a clinician may search for someone else while a slow trace is pending; the newer wins. */}
      <button className="nhsuk-button" type="submit">
        Search
      </button>
    </form>
  );
}
