import type { UncategorisedArea, UncategorisedItem } from '../../../../shared/record/structured-view';
import { AreaNotice } from '../AreaNotice';
import { DateText, ItemFooter, NoneInSubsection, SubHeading, Term, observationText } from '../record-bits';
import type { Column } from '../RecordTable';
import { RecordTable } from '../RecordTable';

function Value({ u }: { readonly u: UncategorisedItem }) {
  const main = u.bloodPressure?.text ?? observationText(u.value);
  return (
    <>
      {main ? (
        <span data-testid={u.bloodPressure ? 'blood-pressure' : undefined}>{main}</span>
      ) : (
        u.components.length === 0 && <span className="gpc-sr-muted">No value</span>
      )}
      {u.components.length > 0 && (
        <ul className="gpc-sr-plain-list">
          {u.components.map((c, i) => (
            <li key={i}>
              {c.name.text}: {observationText(c.value) ?? <span className="gpc-sr-muted">no value</span>}
            </li>
          ))}
        </ul>
      )}
      {u.referenceRanges.map((r, i) => (
        <span key={i} className="gpc-sr-block gpc-sr-muted">
          Range {r.text}
        </span>
      ))}
      {u.interpretation && (
        <span className={`gpc-sr-block${u.interpretation.abnormal ? ' gpc-sr-flag' : ''}`}>
          {u.interpretation.text}
          {u.interpretation.code && ` (${u.interpretation.code})`}
        </span>
      )}
    </>
  );
}

const COLUMNS: readonly Column<UncategorisedItem>[] = [
  { header: 'Date', className: 'gpc-col-date', cell: (u) => <DateText date={u.date ?? u.recorded} /> },
  {
    header: 'Item',
    cell: (u) => (
      <>
        <Term concept={u.concept} />
        <ItemFooter item={u} />
      </>
    ),
  },
  { header: 'Value', cell: (u) => <Value u={u} /> },
];

/** Observations outside any other area, blood pressure pairs as one reading, newest first. */
export function UncategorisedView({
  area,
  highlight,
}: {
  readonly area: UncategorisedArea;
  readonly highlight?: string;
}) {
  const show = area.items.length > 0 || area.availability.status === 'present';
  return (
    <>
      <AreaNotice availability={area.availability} title="Uncategorised data" testId="area-notice-uncategorised" />
      {show && (
        <>
          <SubHeading id="sr-uncategorised" title="Uncategorised data, newest first" count={area.items.length} />
          {area.items.length > 0 ? (
            <RecordTable
              caption="Uncategorised data, newest first"
              rows={area.items}
              rowKey={(u) => u.id}
              columns={COLUMNS}
              highlightKey={highlight}
              testId="uncategorised"
            />
          ) : (
            <NoneInSubsection what="uncategorised data" />
          )}
        </>
      )}
    </>
  );
}
