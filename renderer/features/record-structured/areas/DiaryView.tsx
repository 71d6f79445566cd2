import type { DiaryArea, DiaryEntryItem } from '../../../../shared/record/structured-view';
import { AreaNotice } from '../AreaNotice';
import { DateText, ItemFooter, NoneInSubsection, SubHeading, Term, periodText } from '../record-bits';
import type { Column } from '../RecordTable';
import { RecordTable } from '../RecordTable';

const COLUMNS: readonly Column<DiaryEntryItem>[] = [
  {
    header: 'Due',
    className: 'gpc-col-date',
    cell: (d) =>
      d.due ? (
        <DateText date={d.due} />
      ) : (
        (periodText(d.duePeriod) ?? <span className="gpc-sr-muted">Not recorded</span>)
      ),
  },
  {
    header: 'Entry',
    cell: (d) => (
      <>
        <Term concept={d.concept} />
        {d.reasons.length > 0 && <span className="gpc-sr-block">Reason: {d.reasons.join('; ')}</span>}
        {d.requester && <span className="gpc-sr-block gpc-sr-muted">By {d.requester}</span>}
        <ItemFooter item={d} />
      </>
    ),
  },
  { header: 'Status', cell: (d) => d.status ?? '' },
];

/** Recalls and reminders, soonest first. */
export function DiaryView({ area, highlight }: { readonly area: DiaryArea; readonly highlight?: string }) {
  const show = area.entries.length > 0 || area.availability.status === 'present';
  return (
    <>
      <AreaNotice availability={area.availability} title="Diary entries" testId="area-notice-diary" />
      {show && (
        <>
          <SubHeading id="sr-diary" title="Diary entries, soonest first" count={area.entries.length} />
          {area.entries.length > 0 ? (
            <RecordTable
              caption="Diary entries, soonest first"
              rows={area.entries}
              rowKey={(d) => d.id}
              columns={COLUMNS}
              highlightKey={highlight}
              testId="diary"
            />
          ) : (
            <NoneInSubsection what="diary entries" />
          )}
        </>
      )}
    </>
  );
}
