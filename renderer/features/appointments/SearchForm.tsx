import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { MAX_SEARCH_DAYS, MAX_SEARCH_PRACTICES } from '../../../shared/appointments/search-windows';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import { parseOdsCodes, plusDays, practiceLabel, ukToday } from './format';
import type { SearchRequest } from './useSlotSearch';

/** Practices to search (the patient's own and typed ODS codes) and the date range. */
export function SearchForm({
  patient,
  busy,
  onSearch,
}: {
  readonly patient: PatientSummary;
  readonly busy: boolean;
  readonly onSearch: (r: SearchRequest) => void;
}) {
  const id = useId();
  const own = patient.registeredPractice;
  const [useOwn, setUseOwn] = useState(!!own);
  const [others, setOthers] = useState('');
  const [from, setFrom] = useState(ukToday());
  const [to, setTo] = useState(plusDays(ukToday(), 13));
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const typed = parseOdsCodes(others);
    const practices = [...new Set([...(useOwn && own ? [own.odsCode] : []), ...typed.codes])];
    const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    const problem =
      typed.invalid.length > 0
        ? `"${typed.invalid[0] ?? ''}" is not an ODS code: use letters and digits, e.g. A20047.`
        : practices.length === 0
          ? 'Choose the registered practice or type at least one ODS code.'
          : practices.length > MAX_SEARCH_PRACTICES
            ? `Search at most ${MAX_SEARCH_PRACTICES} practices at once (${practices.length} given).`
            : !from || !to
              ? 'Enter both dates.'
              : from < ukToday()
                ? 'The start date is in the past: only future slots can be booked.'
                : span < 0
                  ? 'The end date is before the start date.'
                  : span > MAX_SEARCH_DAYS
                    ? `Search at most ${MAX_SEARCH_DAYS} days at a time.`
                    : null;
    setError(problem);
    if (!problem) onSearch({ nhsNumber: patient.nhsNumber, practices, from, to });
  };

  return (
    <form className="gpc-appt-search" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 className="nhsuk-heading-s" id={`${id}-title`}>
        Search for free slots
      </h3>
      {error && (
        <div className="nhsuk-error-summary" role="alert" tabIndex={-1} data-testid="search-error">
          <h4 className="nhsuk-error-summary__title">There is a problem</h4>
          <p className="nhsuk-error-summary__body">{error}</p>
        </div>
      )}
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Practices</legend>
        {own ? (
          <div className="nhsuk-checkboxes__item">
            <input
              className="nhsuk-checkboxes__input"
              id={`${id}-own`}
              type="checkbox"
              checked={useOwn}
              onChange={(e) => setUseOwn(e.target.checked)}
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${id}-own`}>
              Registered practice: {practiceLabel(own.odsCode, own.name)}
            </label>
          </div>
        ) : (
          <p>PDS records no registered practice for this patient: type the practices to search.</p>
        )}
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${id}-others`}>
            Other practices or hubs (ODS codes)
          </label>
          <div className="nhsuk-hint" id={`${id}-others-hint`}>
            Separate codes with spaces or commas, up to {MAX_SEARCH_PRACTICES} practices in all, e.g. B82617 H85001
          </div>
          <input
            className="nhsuk-input"
            id={`${id}-others`}
            name="practices"
            type="text"
            spellCheck={false}
            autoComplete="off"
            value={others}
            aria-describedby={`${id}-others-hint`}
            onChange={(e) => setOthers(e.target.value)}
          />
        </div>
      </fieldset>
      <div className="gpc-appt-search__dates">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${id}-from`}>
            From
          </label>
          <input
            className="nhsuk-input nhsuk-input--width-10"
            id={`${id}-from`}
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${id}-to`}>
            To
          </label>
          <input
            className="nhsuk-input nhsuk-input--width-10"
            id={`${id}-to`}
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
      </div>
      <button className="nhsuk-button" type="submit" disabled={busy} aria-disabled={busy}>
        {busy ? 'Searching…' : 'Search for slots'}
      </button>
    </form>
  );
}
