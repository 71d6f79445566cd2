import { useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { calendarDateOf, formatNhsDate } from '../../../shared/nhs/dates';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import type {
  AreaAvailability,
  AreaStatus,
  RecordAreaKey,
  StructuredRecordView,
} from '../../../shared/record/structured-view';
import { RECORD_AREA_KEYS } from '../../../shared/record/structured-view';
import { useGpc } from '../../gpc-context';
import { PatientStoreContext } from '../../store/store-context';
import { CrossCheck } from '../record-common/CrossCheck';
import { RecordFailure } from '../record-common/RecordFailure';
import { useDelayed } from '../record-common/useDelayed';
import { AREA_TITLES } from './area-titles';
import { AllergiesView } from './areas/AllergiesView';
import { ConsultationsView } from './areas/ConsultationsView';
import { DiaryView } from './areas/DiaryView';
import { ImmunisationsView } from './areas/ImmunisationsView';
import { InvestigationsView } from './areas/InvestigationsView';
import { MedicationsView } from './areas/MedicationsView';
import { ProblemsView } from './areas/ProblemsView';
import { ReferralsView } from './areas/ReferralsView';
import { UncategorisedView } from './areas/UncategorisedView';
import { FindInRecord } from './FindInRecord';
import { indexRecord } from './record-index';
import type { StructuredStoreApi } from './structured-store';
import { structuredStoreFor } from './structured-store';
import { Timeline } from './Timeline';
import { Trends } from './TrendChart';
import '../../styles/record-structured.scss';

function useStructuredStore(): StructuredStoreApi {
  const api = useGpc();
  const patients = useContext(PatientStoreContext);
  if (!patients) throw new Error('PatientStoreContext is not provided');
  return structuredStoreFor(api, patients);
}

/** `12-Mar-2024 14:05` in the clinician's local time. */
function formatRetrieved(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const d = calendarDateOf(at);
  const date = formatNhsDate(`${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`);
  return `${date} ${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

/**
 * The structured GP record (Access Record Structured) of the patient in the banner: asked for once per patient per
 * session, beside the HTML view. Every area in its own panel under a navigation that shows, at a glance, what each
 * area holds or why it holds nothing; a find box, a timeline and trend charts across them.
 */
export function StructuredRecordScreen({ patient }: { readonly patient: PatientSummary }) {
  const store = useStructuredStore();
  const load = useStore(store, (s) => (s.nhsNumber === patient.nhsNumber ? s.load : null));
  useEffect(() => {
    store.getState().open(patient);
  }, [store, patient]);
  const loading = load === null || load.status === 'loading';
  const showProgress = useDelayed(loading, 300);

  return (
    <section className="gpc-sr" aria-labelledby="gpc-sr-title" data-testid="record-structured" aria-busy={loading}>
      <div className="gpc-record__toolbar">
        <h2 id="gpc-sr-title" className="nhsuk-heading-m">
          Structured record
        </h2>
        {load && load.status !== 'loading' && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary gpc-record__refresh gpc-no-print"
            onClick={() => void store.getState().reload(patient)}
          >
            Refresh<span className="nhsuk-u-visually-hidden"> structured record</span>
          </button>
        )}
      </div>
      <div aria-live="polite">
        {showProgress && (
          <p className="gpc-record__progress" data-testid="structured-progress">
            Getting the structured record from the practice…
          </p>
        )}
      </div>
      {load?.status === 'failed' && (
        <RecordFailure
          error={load.error}
          onRetry={() => void store.getState().reload(patient)}
          testId="structured-failure"
          headingLevel={3}
        />
      )}
      {load?.status === 'loaded' && <LoadedRecord view={load.view} />}
    </section>
  );
}

type Panel = RecordAreaKey | 'timeline' | 'trends';

const SHORT_STATUS: Readonly<Record<Exclude<AreaStatus, 'present'>, string>> = {
  'none-recorded': 'None recorded',
  'not-supported': 'Not supported',
  disabled: 'Disabled',
  excluded: 'Excluded',
  'not-requested': 'Not requested',
  'not-returned': 'Not returned',
};

function availabilityOf(view: StructuredRecordView, area: RecordAreaKey): AreaAvailability {
  return view.areas[area].availability;
}

function NavBadge({ availability }: { readonly availability: AreaAvailability }) {
  const warned = availability.mayBeIncomplete || availability.itemsWithheld || availability.outcomeWarnings.length > 0;
  return (
    <span className="gpc-sr-nav__meta">
      {availability.status === 'present' ? (
        <span className="gpc-sr-nav__count">
          {availability.itemCount}
          <span className="nhsuk-u-visually-hidden"> {availability.itemCount === 1 ? 'item' : 'items'}</span>
        </span>
      ) : (
        <span className="gpc-sr-nav__status">{SHORT_STATUS[availability.status]}</span>
      )}
      {warned && (
        <span className="gpc-sr-nav__warn" title="The practice sent warnings for this area">
          !<span className="nhsuk-u-visually-hidden"> (warnings)</span>
        </span>
      )}
    </span>
  );
}

function LoadedRecord({ view }: { readonly view: StructuredRecordView }) {
  const [panel, setPanel] = useState<Panel>('allergies');
  const [found, setFound] = useState<{ readonly area: RecordAreaKey; readonly rowId: string } | null>(null);
  const index = useMemo(() => indexRecord(view), [view]);
  const heading = useRef<HTMLHeadingElement | null>(null);
  const [focusPanel, setFocusPanel] = useState(0);
  useEffect(() => {
    if (focusPanel > 0) heading.current?.focus();
  }, [focusPanel]);

  if (view.crossCheck.nhsNumberMismatch) {
    return (
      <div className="nhsuk-card nhsuk-card--feature gpc-failure" role="alert" data-testid="nhs-number-mismatch">
        <div className="nhsuk-card__content nhsuk-card__content--feature">
          <h3 className="nhsuk-card__heading nhsuk-card__heading--feature">Record not shown: wrong NHS number</h3>
          <p className="nhsuk-card__description">
            The practice answered with a record for a different NHS number than the patient in the banner. It is not
            shown, so that one patient’s data is never read as another’s. Contact the practice.
          </p>
        </div>
      </div>
    );
  }

  const show = (area: RecordAreaKey, rowId: string) => {
    setPanel(area);
    setFound({ area, rowId });
    setFocusPanel((n) => n + 1);
  };
  const select = (p: Panel) => {
    setPanel(p);
    setFound(null);
  };
  const highlight = found && found.area === panel ? found.rowId : undefined;
  const recordWide = view.outcomeWarnings.filter((w) => w.area === undefined);

  return (
    <div className="gpc-sr__record gpc-print-region">
      <CrossCheck crossCheck={view.crossCheck} />
      {recordWide.map((w, i) => (
        <div key={i} className="nhsuk-warning-callout gpc-sr-callout" data-testid="record-warning">
          <p className="nhsuk-warning-callout__label gpc-sr-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Warning from the practice
            </span>
          </p>
          <p>{w.text}</p>
          {w.diagnostics && <p className="gpc-sr-muted gpc-sr-small">{w.diagnostics}</p>}
        </div>
      ))}
      {!view.capability.checked && (
        <div className="nhsuk-inset-text gpc-sr-inset" data-testid="capability-unknown">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            The practice’s list of supported areas could not be read, so an empty area may also mean the practice cannot
            send it.{view.capability.note ? ` ${view.capability.note}` : ''}
          </p>
        </div>
      )}
      <p className="gpc-record__source" data-testid="structured-source">
        From {view.practice.name ?? 'the registered practice'} ({view.practice.odsCode}), retrieved{' '}
        {formatRetrieved(view.retrievedAt)}
        {view.servingOrganisation && (
          <>
            ; served by {view.servingOrganisation.name ?? 'another organisation'}
            {view.servingOrganisation.odsCode && ` (${view.servingOrganisation.odsCode})`}
          </>
        )}
        {view.usualGp && <>. Usual GP: {view.usualGp}</>}
      </p>
      <FindInRecord index={index} onShow={show} />
      <div className="gpc-record__layout gpc-sr__layout">
        <nav className="gpc-record__nav gpc-sr-nav gpc-no-print" aria-label="Structured record areas">
          <ul className="nhsuk-list">
            {RECORD_AREA_KEYS.map((area) => (
              <li key={area}>
                <button
                  type="button"
                  className={`gpc-record__nav-item gpc-sr-nav__item${area === panel ? ' gpc-record__nav-item--current' : ''}`}
                  aria-current={area === panel ? 'true' : undefined}
                  onClick={() => select(area)}
                  data-testid={`area-nav-${area}`}
                >
                  <span className="gpc-sr-nav__label">{AREA_TITLES[area]}</span>
                  <NavBadge availability={availabilityOf(view, area)} />
                </button>
              </li>
            ))}
            {(['timeline', 'trends'] as const).map((p) => (
              <li key={p} className={p === 'timeline' ? 'gpc-sr-nav__extra' : undefined}>
                <button
                  type="button"
                  className={`gpc-record__nav-item${p === panel ? ' gpc-record__nav-item--current' : ''}`}
                  aria-current={p === panel ? 'true' : undefined}
                  onClick={() => select(p)}
                  data-testid={`area-nav-${p}`}
                >
                  {p === 'timeline' ? 'Timeline' : 'Trends'}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <section
          className="gpc-record__content gpc-sr-panel"
          aria-labelledby="gpc-sr-panel-title"
          data-testid={`panel-${panel}`}
        >
          <h3 id="gpc-sr-panel-title" className="nhsuk-heading-s" tabIndex={-1} ref={heading}>
            {panel === 'timeline' ? 'Timeline' : panel === 'trends' ? 'Trends' : AREA_TITLES[panel]}
          </h3>
          <PanelBody panel={panel} view={view} highlight={highlight} index={index} onShow={show} />
        </section>
      </div>
    </div>
  );
}

function PanelBody({
  panel,
  view,
  highlight,
  index,
  onShow,
}: {
  readonly panel: Panel;
  readonly view: StructuredRecordView;
  readonly highlight: string | undefined;
  readonly index: ReturnType<typeof indexRecord>;
  readonly onShow: (area: RecordAreaKey, rowId: string) => void;
}) {
  const { areas } = view;
  const h = highlight === undefined ? {} : { highlight };
  switch (panel) {
    case 'allergies':
      return <AllergiesView area={areas.allergies} {...h} />;
    case 'medications':
      return <MedicationsView area={areas.medications} {...h} />;
    case 'problems':
      return <ProblemsView area={areas.problems} linkedProblems={view.linkedProblems} {...h} />;
    case 'consultations':
      return <ConsultationsView area={areas.consultations} {...h} />;
    case 'immunisations':
      return <ImmunisationsView area={areas.immunisations} {...h} />;
    case 'investigations':
      return <InvestigationsView area={areas.investigations} {...h} />;
    case 'uncategorised':
      return <UncategorisedView area={areas.uncategorised} {...h} />;
    case 'referrals':
      return <ReferralsView area={areas.referrals} {...h} />;
    case 'diary':
      return <DiaryView area={areas.diary} {...h} />;
    case 'timeline':
      return <Timeline index={index} onShow={onShow} />;
    case 'trends':
      return <Trends view={view} />;
  }
}
