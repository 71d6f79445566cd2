import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { AuditFilter } from '../../../shared/audit/audit-record';
import { checkNhsNumber } from '../../../shared/nhs/nhs-number';

export interface FilterFields {
  readonly user: string;
  readonly nhsNumber: string;
  readonly from: string;
  readonly to: string;
  readonly outcome: '' | 'success' | 'failure';
}

export const NO_FILTER: FilterFields = { user: '', nhsNumber: '', from: '', to: '', outcome: '' };

/** The form's fields as the channel's filter, or the first problem in words. */
export function toFilter(f: FilterFields): { filter: AuditFilter } | { error: string; field: keyof FilterFields } {
  let nhsNumber: string | undefined;
  if (f.nhsNumber.trim() !== '') {
    const check = checkNhsNumber(f.nhsNumber);
    if (!check.valid) return { error: check.message, field: 'nhsNumber' };
    nhsNumber = check.value;
  }
  if (f.from && f.to && f.from > f.to)
    return { error: 'The "to" date must not be before the "from" date', field: 'to' };
  return {
    filter: {
      ...(f.user.trim() ? { user: f.user.trim() } : {}),
      ...(nhsNumber ? { nhsNumber } : {}),
      ...(f.from ? { from: f.from } : {}),
      ...(f.to ? { to: f.to } : {}),
      ...(f.outcome ? { outcome: f.outcome } : {}),
    },
  };
}

export function AuditFilterForm({
  onApply,
  onExport,
  busy,
}: {
  readonly onApply: (filter: AuditFilter) => void;
  readonly onExport: (filter: AuditFilter) => void;
  readonly busy: boolean;
}) {
  const [fields, setFields] = useState<FilterFields>(NO_FILTER);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const set = (key: keyof FilterFields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));
  /** Checked here for a specific message beside the form; main validates the filter again. */
  const withFilter = (then: (filter: AuditFilter) => void) => {
    const parsed = toFilter(fields);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    then(parsed.filter);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    withFilter(onApply);
  };
  const text = (key: 'user' | 'nhsNumber', label: string, hint: string) => (
    <div className="nhsuk-form-group gpc-audit-filter__field">
      <label className="nhsuk-label" htmlFor={`${id}-${key}`}>
        {label}
      </label>
      <div className="nhsuk-hint" id={`${id}-${key}-hint`}>
        {hint}
      </div>
      <input
        className="nhsuk-input"
        id={`${id}-${key}`}
        name={key}
        type="text"
        aria-describedby={`${id}-${key}-hint`}
        value={fields[key]}
        onChange={(e) => set(key)(e.target.value)}
        autoComplete="off"
      />
    </div>
  );
  const date = (key: 'from' | 'to', label: string) => (
    <div className="nhsuk-form-group gpc-audit-filter__field">
      <label className="nhsuk-label" htmlFor={`${id}-${key}`}>
        {label}
      </label>
      <input
        className="nhsuk-input"
        id={`${id}-${key}`}
        name={key}
        type="date"
        value={fields[key]}
        onChange={(e) => set(key)(e.target.value)}
      />
    </div>
  );
  return (
    <form className="gpc-audit-filter" onSubmit={submit} noValidate aria-label="Filter the audit trail">
      {error && (
        <div className="nhsuk-error-summary" role="alert" data-testid="audit-filter-error">
          <h2 className="nhsuk-error-summary__title">There is a problem</h2>
          <div className="nhsuk-error-summary__body">
            <p>{error}</p>
          </div>
        </div>
      )}
      <div className="gpc-audit-filter__fields">
        {text('user', 'User', 'SDS user ID or part of the name')}
        {text('nhsNumber', 'Patient NHS number', '10 digits')}
        {date('from', 'From (UTC)')}
        {date('to', 'To (UTC)')}
        <div className="nhsuk-form-group gpc-audit-filter__field">
          <label className="nhsuk-label" htmlFor={`${id}-outcome`}>
            Outcome
          </label>
          <select
            className="nhsuk-select"
            id={`${id}-outcome`}
            name="outcome"
            value={fields.outcome}
            onChange={(e) => set('outcome')(e.target.value)}
          >
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
          </select>
        </div>
      </div>
      <div className="gpc-audit-filter__actions">
        <button className="nhsuk-button" type="submit" disabled={busy} data-testid="audit-apply">
          Show records
        </button>
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          disabled={busy}
          data-testid="audit-export"
          onClick={() => withFilter(onExport)}
        >
          Export CSV
        </button>
      </div>
    </form>
  );
}
