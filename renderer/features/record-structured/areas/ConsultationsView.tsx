import type { ConsultationItem, ConsultationsArea } from '../../../../shared/record/structured-view';
import { AreaNotice } from '../AreaNotice';
import { DateText, ItemFooter, LinkedItems, NoneInSubsection, SubHeading } from '../record-bits';
import type { Column } from '../RecordTable';
import { RecordTable } from '../RecordTable';

/** Topics, their headings and the items recorded under each, on demand. */
function Contents({ c }: { readonly c: ConsultationItem }) {
  const items = c.topics.reduce((n, t) => n + t.items.length + t.headings.reduce((m, h) => m + h.items.length, 0), 0);
  if (c.topics.length === 0) return <span className="gpc-sr-muted">Nothing recorded in it was sent</span>;
  return (
    <details className="nhsuk-details gpc-sr-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          {c.topics.length} {c.topics.length === 1 ? 'topic' : 'topics'}, {items} {items === 1 ? 'item' : 'items'}
          <span className="nhsuk-u-visually-hidden">
            {' '}
            of {c.title} {c.date?.display ?? ''}
          </span>
        </span>
      </summary>
      <div className="nhsuk-details__text">
        {c.topics.map((t) => (
          <div key={t.id} className="gpc-sr-topic">
            <p className="gpc-sr-topic__title">
              {t.title ?? 'Topic'}
              {t.problem && <span className="gpc-sr-muted"> (problem: {t.problem.display})</span>}
            </p>
            <LinkedItems items={t.items} />
            {t.headings.map((h) => (
              <div key={h.id} className="gpc-sr-heading-block">
                <p className="gpc-sr-heading-block__title">{h.title}</p>
                <LinkedItems items={h.items} />
              </div>
            ))}
          </div>
        ))}
      </div>
    </details>
  );
}

const COLUMNS: readonly Column<ConsultationItem>[] = [
  { header: 'Date', className: 'gpc-col-date', cell: (c) => <DateText date={c.date ?? c.period?.start} /> },
  {
    header: 'Consultation',
    cell: (c) => (
      <>
        <span className="gpc-sr-term">{c.title}</span>
        {c.type && c.type !== c.title && <span className="gpc-sr-block gpc-sr-muted">{c.type}</span>}
        {(c.clinician || c.location) && (
          <span className="gpc-sr-block gpc-sr-muted">{[c.clinician, c.location].filter(Boolean).join(', ')}</span>
        )}
        <ItemFooter item={c} />
      </>
    ),
  },
  { header: 'Recorded in it', cell: (c) => <Contents c={c} /> },
];

/** Consultations newest first, each opening to its topics, headings, items and linked problems. */
export function ConsultationsView({
  area,
  highlight,
}: {
  readonly area: ConsultationsArea;
  readonly highlight?: string;
}) {
  const show = area.consultations.length > 0 || area.availability.status === 'present';
  return (
    <>
      <AreaNotice availability={area.availability} title="Consultations" testId="area-notice-consultations" />
      {show && (
        <>
          <SubHeading id="sr-consultations" title="Consultations, newest first" count={area.consultations.length} />
          {area.consultations.length > 0 ? (
            <RecordTable
              caption="Consultations, newest first"
              rows={area.consultations}
              rowKey={(c) => c.id}
              columns={COLUMNS}
              highlightKey={highlight}
              testId="consultations"
            />
          ) : (
            <NoneInSubsection what="consultations" />
          )}
        </>
      )}
    </>
  );
}
