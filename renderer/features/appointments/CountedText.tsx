import { useId } from 'react';

/**
 * A text field with its limit counted as the user types (SPEC §5.2: description ≤100, comment ≤500): the limit is
 * enforced here (`maxLength`) and again in main, so the practice never has to refuse or truncate it.
 */
export function CountedText({
  label,
  hint,
  value,
  max,
  onChange,
  multiline = false,
  required = false,
  error,
  name,
}: {
  readonly label: string;
  readonly hint?: string;
  readonly value: string;
  readonly max: number;
  readonly onChange: (value: string) => void;
  readonly multiline?: boolean;
  readonly required?: boolean;
  readonly error?: string | undefined;
  readonly name: string;
}) {
  const id = useId();
  const left = max - value.length;
  const describedBy = [hint ? `${id}-hint` : '', `${id}-count`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    name,
    value,
    maxLength: max,
    required,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      {multiline ? (
        <textarea className="nhsuk-textarea" rows={4} {...common} />
      ) : (
        <input className="nhsuk-input" type="text" {...common} />
      )}
      <div className="nhsuk-hint gpc-counter" id={`${id}-count`} aria-live="polite" data-testid={`${name}-count`}>
        {value.length} of {max} characters{left === 0 ? ' (limit reached)' : ''}
      </div>
    </div>
  );
}
