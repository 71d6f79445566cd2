import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { HtmlRecordSection } from '../../../shared/gpconnect/html-record-view';
import { HTML_SECTIONS, htmlSectionInfo } from '../../../shared/gpconnect/html-sections';
import type { HtmlSectionCode } from '../../../shared/gpconnect/html-sections';
import { calendarDateOf, formatNhsDate } from '../../../shared/nhs/dates';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import type { DatePeriod, SectionLoad } from '../../store/patient-store';
import { usePatientStore } from '../../store/store-context';
import { dateFromParts } from '../../../shared/patient/demographic-search';
import { DateInput, partsOf } from '../../components/DateInput';
import type { DateParts } from '../../components/DateInput';
import { PrintControls } from './PrintControls';
import { CrossCheck } from '../record-common/CrossCheck';
import { RecordFailure } from '../record-common/RecordFailure';
import { RecordFrame } from './RecordFrame';
import { useDelayed } from '../record-common/useDelayed';

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
      <CrossCheck crossCheck={view.crossCheck} />
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
