import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, RefObject } from 'react';
import { calendarDateOf, formatNhsDate } from '../../../shared/nhs/dates';
import { formatNhsNumber } from '../../../shared/nhs/nhs-number';
import { formatBannerName, formatGender } from '../../../shared/patient/banner-format';
import type { DemographicField, FieldProblem, PatientCandidate } from '../../../shared/patient/demographic-search';
import { checkDemographicQuery, dateFromParts } from '../../../shared/patient/demographic-search';
import type { AdministrativeGender } from '../../../shared/patient/patient-summary';
import { DateInput, EMPTY_DATE } from '../../components/DateInput';
import type { DateParts } from '../../components/DateInput';
import { useGpc } from '../../gpc-context';
import { usePatientStore } from '../../store/store-context';

type Outcome =
  | { readonly status: 'idle' }
  | { readonly status: 'searching' }
  | { readonly status: 'matches'; readonly candidates: readonly PatientCandidate[] }
  | { readonly status: 'too-many' }
  | { readonly status: 'failed'; readonly message: string };

const GENDERS: readonly { value: AdministrativeGender | ''; label: string }[] = [
  { value: '', label: 'Any' },
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'other', label: 'Other' },
  { value: 'unknown', label: 'Not known' },
];

/**
 * Find a patient by name and date of birth on PDS, when the NHS number is not to hand: best matches first, and
 * choosing one traces their NHS number like a number search (the record gate stays the trace). Every problem with
 * the form is named against its field, after the NHS.UK error summary pattern; main checks the same rules again.
 */
export function DemographicSearch() {
  const api = useGpc();
  const trace = usePatientStore((s) => s.trace);
  const id = useId();
  const [family, setFamily] = useState('');
  const [given, setGiven] = useState('');
  const [gender, setGender] = useState<AdministrativeGender | ''>('');
  const [born, setBorn] = useState<DateParts>(EMPTY_DATE);
  const [postcode, setPostcode] = useState('');
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const [outcome, setOutcome] = useState<Outcome>({ status: 'idle' });
  const summaryRef = useRef<HTMLDivElement>(null);
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const latest = useRef(0);

  // New results take focus (their heading says how many), so keyboard and screen reader users land on them.
  useEffect(() => {
    if (outcome.status === 'matches' || outcome.status === 'too-many') resultsRef.current?.focus();
  }, [outcome]);

  const fieldId = (field: DemographicField) => (field === 'birthDate' ? `${id}-born-day` : `${id}-${field}`);
  const problemFor = (field: DemographicField) => problems.find((p) => p.field === field)?.message ?? null;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const date = dateFromParts(born.day, born.month, born.year);
    const query = {
      family,
      birthDate: date && 'date' in date ? date.date : '',
      ...(given.trim() ? { given } : {}),
      ...(gender ? { gender } : {}),
      ...(postcode.trim() ? { postcode } : {}),
    };
    const found = checkDemographicQuery(query, calendarDateOf(new Date())).map((p) =>
      // The boxes say more precisely what is wrong with a date than the assembled value can.
      p.field === 'birthDate' && date && 'problem' in date ? { ...p, message: date.problem } : p,
    );
    setProblems(found);
    if (found.length > 0) {
      queueMicrotask(() => summaryRef.current?.focus());
      return;
    }
    latest.current += 1;
    const mine = latest.current;
    setOutcome({ status: 'searching' });
    void api.patient.search(query).then((result) => {
      if (mine !== latest.current) return;
      if (!result.ok) {
        if (result.error.code === 'INVALID_INPUT') {
          setOutcome({ status: 'idle' });
          setProblems([{ field: fieldOf(result.error.detail), message: result.error.message }]);
          queueMicrotask(() => summaryRef.current?.focus());
          return;
        }
        setOutcome({ status: 'failed', message: result.error.message });
        return;
      }
      setOutcome(result.value.status === 'too-many' ? { status: 'too-many' } : result.value);
    });
  };

  const choose = (candidate: PatientCandidate) => {
    latest.current += 1;
    setOutcome({ status: 'idle' });
    void trace(candidate.patient.nhsNumber);
  };

  const text = (
    field: 'family' | 'given' | 'postcode',
    label: string,
    value: string,
    set: (v: string) => void,
    width: string,
    hint?: string,
  ) => {
    const error = problemFor(field);
    const inputId = fieldId(field);
    return (
      <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor={inputId}>
          {label}
        </label>
        {hint && (
          <div className="nhsuk-hint" id={`${inputId}-hint`}>
            {hint}
          </div>
        )}
        {error && (
          <span className="nhsuk-error-message" id={`${inputId}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        )}
        <input
          className={`nhsuk-input ${width}${error ? ' nhsuk-input--error' : ''}`}
          id={inputId}
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          aria-describedby={
            [hint ? `${inputId}-hint` : '', error ? `${inputId}-error` : ''].join(' ').trim() || undefined
          }
          aria-invalid={error ? true : undefined}
          value={value}
          onChange={(e) => set(e.target.value)}
        />
      </div>
    );
  };

  return (
    <details className="nhsuk-details gpc-demographic-search" data-testid="demographic-search">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Search by name and date of birth instead</span>
      </summary>
      <div className="nhsuk-details__text">
        <form onSubmit={onSubmit} noValidate aria-label="Search by name and date of birth">
          {problems.length > 0 && <ErrorSummary summaryRef={summaryRef} problems={problems} fieldId={fieldId} />}
          <div className="gpc-demographic-search__row">
            {text('family', 'Family name', family, setFamily, 'nhsuk-input--width-20')}
            {text('given', 'Given name (optional)', given, setGiven, 'nhsuk-input--width-20')}
          </div>
          <DateInput
            id={`${id}-born`}
            legend="Date of birth"
            hint="For example, 12 3 1968"
            value={born}
            onChange={setBorn}
            error={problemFor('birthDate')}
          />
          <div className="gpc-demographic-search__row">
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor={`${id}-gender`}>
                Gender (optional)
              </label>
              <select
                className="nhsuk-select"
                id={`${id}-gender`}
                value={gender}
                onChange={(e) => setGender(e.target.value as AdministrativeGender | '')}
              >
                {GENDERS.map((g) => (
                  <option key={g.value} value={g.value}>
                    {g.label}
                  </option>
                ))}
              </select>
            </div>
            {text(
              'postcode',
              'Postcode (optional)',
              postcode,
              setPostcode,
              'nhsuk-input--width-10',
              'For example, HG1 4RT',
            )}
          </div>
          <button className="nhsuk-button" type="submit">
            Search PDS
          </button>
        </form>
        <div aria-live="polite">
          {outcome.status === 'searching' && <p>Searching PDS…</p>}
          {outcome.status === 'failed' && (
            <p className="nhsuk-error-message" data-testid="demographic-search-failure">
              {outcome.message}
            </p>
          )}
        </div>
        {outcome.status === 'too-many' && (
          <div className="nhsuk-inset-text" data-testid="demographic-too-many">
            <h2 className="nhsuk-heading-s" tabIndex={-1} ref={resultsRef}>
              Too many people match
            </h2>
            <p>Add the given name, gender or postcode to narrow the search.</p>
          </div>
        )}
        {outcome.status === 'matches' && (
          <Candidates candidates={outcome.candidates} headingRef={resultsRef} onChoose={choose} />
        )}
      </div>
    </details>
  );
}

/** The field an INVALID_INPUT from main names (`family: …` in its detail), so the message sits by the right box. */
function fieldOf(detail: string | undefined): DemographicField {
  const match = /^(family|given|gender|birthDate|postcode)\b/.exec(detail ?? '');
  return (match?.[1] as DemographicField | undefined) ?? 'family';
}

function ErrorSummary({
  summaryRef,
  problems,
  fieldId,
}: {
  readonly summaryRef: RefObject<HTMLDivElement | null>;
  readonly problems: readonly FieldProblem[];
  readonly fieldId: (field: DemographicField) => string;
}) {
  return (
    <div
      className="nhsuk-error-summary"
      aria-labelledby="gpc-demographic-errors"
      role="alert"
      tabIndex={-1}
      ref={summaryRef}
    >
      <h2 className="nhsuk-error-summary__title" id="gpc-demographic-errors">
        There is a problem
      </h2>
      <div className="nhsuk-error-summary__body">
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {problems.map((p) => (
            <li key={p.field}>
              <a
                href={`#${fieldId(p.field)}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(fieldId(p.field))?.focus();
                }}
              >
                {p.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function Candidates({
  candidates,
  headingRef,
  onChoose,
}: {
  readonly candidates: readonly PatientCandidate[];
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
  readonly onChoose: (candidate: PatientCandidate) => void;
}) {
  return (
    <div data-testid="demographic-results">
      <h2 className="nhsuk-heading-s" tabIndex={-1} ref={headingRef}>
        {candidates.length === 0
          ? 'No one on PDS matches these details'
          : `${candidates.length} ${candidates.length === 1 ? 'person matches' : 'people match'}, best match first`}
      </h2>
      {candidates.length === 0 ? (
        <p>Check the spelling and the date of birth, or search by NHS number.</p>
      ) : (
        <table className="nhsuk-table gpc-candidates">
          <caption className="nhsuk-u-visually-hidden">People on PDS matching the search, best match first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Born</th>
              <th scope="col">Gender</th>
              <th scope="col">Postcode</th>
              <th scope="col">NHS number</th>
              <th scope="col">Match</th>
              <th scope="col">
                <span className="nhsuk-u-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((c) => {
              const name = formatBannerName(c.patient.name);
              return (
                <tr key={c.patient.nhsNumber} data-testid="demographic-candidate">
                  <th scope="row">
                    {name}
                    {c.patient.deceasedDate && (
                      <strong className="nhsuk-tag nhsuk-tag--grey gpc-candidates__flag">Deceased</strong>
                    )}
                    {c.patient.restricted && (
                      <strong className="nhsuk-tag nhsuk-tag--red gpc-candidates__flag">Restricted</strong>
                    )}
                  </th>
                  <td>{formatNhsDate(c.patient.birthDate)}</td>
                  <td>{formatGender(c.patient.gender)}</td>
                  <td>{c.patient.address?.postcode ?? 'Not shown'}</td>
                  <td className="gpc-candidates__nhs">{formatNhsNumber(c.patient.nhsNumber)}</td>
                  <td>{Math.round(c.score * 100)}%</td>
                  <td>
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                      onClick={() => onChoose(c)}
                    >
                      Select
                      <span className="nhsuk-u-visually-hidden">
                        {' '}
                        {name}, NHS number {formatNhsNumber(c.patient.nhsNumber)}
                      </span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
