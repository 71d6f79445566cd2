import type { AllergiesArea, AllergyItem } from '../../../../shared/record/structured-view';
import { AreaNotice } from '../AreaNotice';
import { DateText, ItemFooter, NoneInSubsection, SubHeading, Term } from '../record-bits';
import type { Column } from '../RecordTable';
import { RecordTable } from '../RecordTable';

function Reactions({ item }: { readonly item: AllergyItem }) {
  if (item.reactions.length === 0) return <span className="gpc-sr-muted">Not recorded</span>;
  return (
    <ul className="gpc-sr-plain-list">
      {item.reactions.map((r, i) => (
        <li key={i}>
          {[...r.manifestations, r.description].filter(Boolean).join('; ') || 'Reaction'}
          {r.severity && <span className="gpc-sr-muted"> ({r.severity})</span>}
          {r.exposureRoute && <span className="gpc-sr-muted">, route: {r.exposureRoute}</span>}
          {r.notes.map((n, j) => (
            <span key={j} className="gpc-sr-block">
              {n}
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}

const substance: Column<AllergyItem> = {
  header: 'Allergy or adverse reaction',
  cell: (a) => (
    <>
      <Term concept={a.substance} />
      {(a.categories.length > 0 || a.type || a.criticality) && (
        <span className="gpc-sr-block gpc-sr-muted">
          {[a.type, ...a.categories, a.criticality && `criticality ${a.criticality}`].filter(Boolean).join(', ')}
        </span>
      )}
      <ItemFooter item={a} />
    </>
  ),
};

const ACTIVE: readonly Column<AllergyItem>[] = [
  { header: 'Date', className: 'gpc-col-date', cell: (a) => <DateText date={a.onset ?? a.recorded} /> },
  substance,
  { header: 'Reaction', cell: (a) => <Reactions item={a} /> },
];

const ENDED: readonly Column<AllergyItem>[] = [
  { header: 'Date', className: 'gpc-col-date', cell: (a) => <DateText date={a.onset ?? a.recorded} /> },
  substance,
  { header: 'Reaction', cell: (a) => <Reactions item={a} /> },
  {
    header: 'Ended',
    cell: (a) => (
      <>
        <DateText date={a.ended?.date} empty="End date not recorded" />
        {a.ended?.reason && <span className="gpc-sr-block">{a.ended.reason}</span>}
      </>
    ),
  },
];

/** Active allergies, then ended ones in their own section with their own List's notices: never mixed. */
export function AllergiesView({ area, highlight }: { readonly area: AllergiesArea; readonly highlight?: string }) {
  const showActive = area.active.length > 0 || area.availability.status === 'present';
  return (
    <>
      <AreaNotice availability={area.availability} title="Allergies" testId="area-notice-allergies" />
      {showActive && (
        <>
          <SubHeading
            id="sr-allergies-active"
            title="Current allergies and adverse reactions"
            count={area.active.length}
          />
          {area.active.length > 0 ? (
            <RecordTable
              caption="Current allergies and adverse reactions"
              rows={area.active}
              rowKey={(a) => a.id}
              columns={ACTIVE}
              highlightKey={highlight}
              testId="allergies-active"
            />
          ) : (
            <NoneInSubsection what="current allergies" />
          )}
        </>
      )}
      <section
        className="gpc-sr-subsection gpc-sr-ended"
        aria-labelledby="sr-allergies-ended"
        data-testid="allergies-ended-section"
      >
        <SubHeading id="sr-allergies-ended" title="Ended allergies" count={area.ended.length} />
        <p className="gpc-sr-muted gpc-sr-small">
          No longer current: kept apart from current allergies and not for prescribing checks.
        </p>
        <AreaNotice
          availability={area.endedAvailability}
          title="Ended allergies"
          testId="area-notice-allergies-ended"
        />
        {area.ended.length > 0 && (
          <RecordTable
            caption="Ended allergies"
            rows={area.ended}
            rowKey={(a) => a.id}
            columns={ENDED}
            highlightKey={highlight}
            testId="allergies-ended"
          />
        )}
      </section>
    </>
  );
}
