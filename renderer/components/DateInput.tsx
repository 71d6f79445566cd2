export interface DateParts {
  readonly day: string;
  readonly month: string;
  readonly year: string;
}

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

/** `1968-03-12` → day, month and year boxes (`12`, `3`, `1968`). */
export function partsOf(iso: string | undefined): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] ?? '' } : EMPTY_DATE;
}

interface Props {
  /** Prefix of the three inputs' ids: `${id}-day`, `${id}-month`, `${id}-year` (the error summary links to day). */
  readonly id: string;
  readonly legend: string;
  readonly hint?: string;
  readonly value: DateParts;
  readonly onChange: (value: DateParts) => void;
  readonly error?: string | null;
}

/**
 * The NHS.UK date input: day, month and year in separate numeric boxes inside a labelled group, hint and error
 * message read with it. Typing a date into three boxes is quicker and less error-prone than a date picker.
 */
export function DateInput({ id, legend, hint, value, onChange, error }: Props) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  const box = (part: keyof DateParts, label: string, width: 2 | 4) => (
    <div className="nhsuk-date-input__item">
      <div className="nhsuk-form-group">
        <label className="nhsuk-label nhsuk-date-input__label" htmlFor={`${id}-${part}`}>
          {label}
        </label>
        <input
          className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${error ? ' nhsuk-input--error' : ''}`}
          id={`${id}-${part}`}
          name={`${id}-${part}`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          maxLength={width}
          value={value[part]}
          onChange={(e) => onChange({ ...value, [part]: e.target.value })}
        />
      </div>
    </div>
  );
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" role="group" aria-describedby={described || undefined}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
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
        <div className="nhsuk-date-input" id={id}>
          {box('day', 'Day', 2)}
          {box('month', 'Month', 2)}
          {box('year', 'Year', 4)}
        </div>
      </fieldset>
    </div>
  );
}
