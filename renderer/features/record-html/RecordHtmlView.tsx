import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { HtmlRecordSection } from '../../../shared/gpconnect/html-record-view';
import { HTML_SECTIONS, htmlSectionInfo } from '../../../shared/gpconnect/html-sections';
import type { HtmlSectionCode } from '../../../shared/gpconnect/html-sections';
import type { GpcErrorInfo } from '../../../shared/ipc/errors';
import { calendarDateOf, formatNhsDate } from '../../../shared/nhs/dates';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import type { DatePeriod, SectionLoad } from '../../store/patient-store';
import { usePatientStore } from '../../store/store-context';
import { dateFromParts } from '../../../shared/patient/demographic-search';
import { DateInput, partsOf } from '../../components/DateInput';
import type { DateParts } from '../../components/DateInput';
import { PrintControls } from './PrintControls';
import { describeRecordError } from './record-errors';
import { RecordFrame } from './RecordFrame';
import { useDelayed } from './useDelayed';

/** `12-Mar-2024 14:05` in the clinician's local time. */
function formatRetrieved(iso: string): string {
  const at = new Date(iso);
  const d = calendarDateOf(at);
  const date = formatNhsDate(`${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`);
  return `${date} ${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

/**
 * The GP record as HTML (Access Record HTML 0.7.4): the sections in spec order, Summary first, each loaded on demand
 * and kept for the session; the provider's HTML (sanitised in main) in a script-less sandboxed frame.
 */
export function RecordHtmlView({ patient }: { readonly patient: PatientSummary }) {
  const selected = usePatientStore((s) => s.record.selected);
  const sections = usePatientStore((s) => s.record.sections);
  const selectSection = usePatientStore((s) => s.selectSection);
  const loadSection = usePatientStore((s) => s.loadSection);
  const load = sections[selected];

  // Summary first: it opens as soon as the patient is shown.
  useEffect(() => {
    if (!sections[selected]) selectSection(selected);
  }, [patient.nhsNumber, selected, sections, selectSection]);

  return (
    <section className="gpc-record" aria-labelledby="gpc-record-title" data-testid="record-html">
      <h2 id="gpc-record-title" className="nhsuk-heading-m">
        GP record
      </h2>
      <PrintControls sectionTitle={htmlSectionInfo(selected).title} />
      <div className="gpc-record__layout">
        <nav className="gpc-record__nav" aria-label="Record sections">
          <ul className="nhsuk-list">
            {HTML_SECTIONS.map((s) => (
              <li key={s.code}>
                <button
                  type="button"
                  className={`gpc-record__nav-item${s.code === selected ? ' gpc-record__nav-item--current' : ''}`}
                  aria-current={s.code === selected ? 'true' : undefined}
                  onClick={() => selectSection(s.code)}
                >
                  {s.title}
                  {sections[s.code]?.status === 'loading' && (
                    <span className="nhsuk-u-visually-hidden"> (loading)</span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="gpc-record__content">
          <SectionPanel
            key={selected}
            code={selected}
            load={load}
            onLoad={(period) => void loadSection(selected, period)}
          />
        </div>
      </div>
    </section>
  );
}

function SectionPanel({
  code,
  load,
  onLoad,
}: {
  readonly code: HtmlSectionCode;
  readonly load: SectionLoad | undefined;
  readonly onLoad: (period?: DatePeriod) => void;
}) {
  const info = htmlSectionInfo(code);
  const loading = load?.status === 'loading';
  const showProgress = useDelayed(loading, 300);
  return (
    <div aria-busy={loading}>
      <div className="gpc-record__toolbar">
        <h3 className="nhsuk-heading-s gpc-record__section-title">{info.title}</h3>
        {load && load.status !== 'loading' && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary gpc-record__refresh"
            onClick={() => onLoad(load.period)}
          >
            Refresh<span className="nhsuk-u-visually-hidden"> {info.title}</span>
          </button>
        )}
      </div>
      {info.dateFilter && <DateFilter period={load?.period} onApply={onLoad} />}
      <div aria-live="polite">
        {showProgress && (
          <p className="gpc-record__progress" data-testid="record-progress">
            Getting {info.title} from the practice…
          </p>
        )}
      </div>
      {load?.status === 'failed' && <RecordFailure error={load.error} onRetry={() => onLoad(load.period)} />}
      {load?.status === 'loaded' && <LoadedSection view={load.view} />}
    </div>
  );
}

function LoadedSection({ view }: { readonly view: HtmlRecordSection }) {
  return (
    <>
      {view.crossCheck.differences.length > 0 && (
        <div className="nhsuk-warning-callout" data-testid="cross-check-warning">
          <h4 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>The practice's details for this patient differ
              from PDS
            </span>
          </h4>
          <p>Check this is the right patient before relying on the record.</p>
          <table className="nhsuk-table gpc-cross-check">
            <caption className="nhsuk-u-visually-hidden">Differences between PDS and the practice</caption>
            <thead>
              <tr>
                <th scope="col">Detail</th>
                <th scope="col">PDS (banner)</th>
                <th scope="col">GP practice</th>
              </tr>
            </thead>
            <tbody>
              {view.crossCheck.differences.map((d) => (
                <tr key={d.field}>
                  <th scope="row">{d.field}</th>
                  <td>{d.pds}</td>
                  <td>{d.practice}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!view.crossCheck.checked && (
        <div className="nhsuk-warning-callout">
          <h4 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Patient details not checked
            </span>
          </h4>
          <p>The practice did not send the patient's details, so they could not be checked against PDS.</p>
        </div>
      )}
      {view.contentRemoved && (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Some formatting or links the practice sent were removed for safety. All the text is shown.</p>
        </div>
      )}
      <p className="gpc-record__source" data-testid="record-source">
        From {view.practice.name ?? 'the registered practice'} ({view.practice.odsCode}), retrieved{' '}
        {formatRetrieved(view.retrievedAt)}
        {view.period && (
          <>
            {' '}
            for {view.period.from ? formatNhsDate(view.period.from) : 'the start of the record'} to{' '}
            {view.period.to ? formatNhsDate(view.period.to) : 'today'}
          </>
        )}
      </p>
      <RecordFrame html={view.html} title={`${view.section.title} from the GP practice`} />
    </>
  );
}

function RecordFailure({ error, onRetry }: { readonly error: GpcErrorInfo; readonly onRetry: () => void }) {
  const problem = describeRecordError(error);
  return (
    <div className="nhsuk-card nhsuk-card--feature gpc-failure" data-testid="record-failure" role="alert">
      <div className="nhsuk-card__content nhsuk-card__content--feature">
        <h4 className="nhsuk-card__heading nhsuk-card__heading--feature">{problem.title}</h4>
        <p className="nhsuk-card__description">{problem.message}</p>
        <p className="nhsuk-card__description">
          <strong>What to do next:</strong> {problem.next}
        </p>
        {problem.retry && (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onRetry}>
            Try again
          </button>
        )}
        {error.spine && (
          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">Details for the service desk</span>
            </summary>
            <div className="nhsuk-details__text">
              <p>
                Code {error.spine.code}
                {error.spine.httpStatus !== undefined && `, HTTP ${error.spine.httpStatus}`}
                {error.spine.traceId && `, trace ID ${error.spine.traceId}`}
              </p>
            </div>
          </details>
        )}
      </div>
    </div>
  );
}

function DateFilter({
  period,
  onApply,
}: {
  readonly period: DatePeriod | undefined;
  readonly onApply: (period?: DatePeriod) => void;
}) {
  const id = useId();
  const [from, setFrom] = useState<DateParts>(partsOf(period?.from));
  const [to, setTo] = useState<DateParts>(partsOf(period?.to));
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const start = dateFromParts(from.day, from.month, from.year, 'Start date');
    const end = dateFromParts(to.day, to.month, to.year, 'End date');
    const found: { from?: string; to?: string } = {};
    if (start && 'problem' in start) found.from = start.problem;
    if (end && 'problem' in end) found.to = end.problem;
    const startDate = start && 'date' in start ? start.date : undefined;
    const endDate = end && 'date' in end ? end.date : undefined;
    if (!found.to && startDate && endDate && startDate > endDate) {
      found.to = 'The end date must be the same as or after the start date';
    }
    setErrors(found);
    if (found.from || found.to) return;
    onApply({ ...(startDate ? { from: startDate } : {}), ...(endDate ? { to: endDate } : {}) });
  };
  return (
    <form className="gpc-record__filter" onSubmit={submit} noValidate aria-label="Date filter">
      <div className="gpc-record__filter-fields">
        <DateInput id={`${id}-from`} legend="From" value={from} onChange={setFrom} error={errors.from ?? null} />
        <DateInput id={`${id}-to`} legend="To" value={to} onChange={setTo} error={errors.to ?? null} />
        <button type="submit" className="nhsuk-button nhsuk-button--secondary">
          Apply dates
        </button>
      </div>
    </form>
  );
}
