import type { ProblemItem, ProblemsArea } from '../../../../shared/record/structured-view';
import { AreaNotice } from '../AreaNotice';
import { DateText, ItemFooter, LinkedItems, NoneInSubsection, SubHeading, Term, kindLabel } from '../record-bits';
import type { Column } from '../RecordTable';
import { RecordTable } from '../RecordTable';

/** Everything linked to a problem, on demand: a long-standing problem can gather hundreds of items. */
function Linked({ p }: { readonly p: ProblemItem }) {
  return (
    <>
      {p.actualProblem && (
        <span className="gpc-sr-block gpc-sr-muted">
          Recorded as {kindLabel(p.actualProblem.kind).toLowerCase()}: {p.actualProblem.display}
        </span>
      )}
      {p.relatedProblems.length > 0 && (
        <ul className="gpc-sr-plain-list">
          {p.relatedProblems.map((r) => (
            <li key={`${r.relationship}-${r.problem.ref}`}>
              <span className="gpc-sr-muted">Related problem ({r.relationship}): </span>
              {r.problem.display}
            </li>
          ))}
        </ul>
      )}
      {p.linkedItems.length > 0 ? (
        <details className="nhsuk-details gpc-sr-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">
              {p.linkedItems.length} linked {p.linkedItems.length === 1 ? 'item' : 'items'}
              <span className="nhsuk-u-visually-hidden"> for {p.condition.text}</span>
            </span>
          </summary>
          <div className="nhsuk-details__text">
            <LinkedItems items={p.linkedItems} />
          </div>
        </details>
      ) : (
        <span className="gpc-sr-muted">No linked items</span>
      )}
    </>
  );
}

const problem = (p: ProblemItem) => (
  <>
    <Term concept={p.condition} />
    <ItemFooter item={p} />
  </>
);

const ACTIVE: readonly Column<ProblemItem>[] = [
  { header: 'Onset', className: 'gpc-col-date', cell: (p) => <DateText date={p.onset ?? p.recorded} /> },
  { header: 'Problem', cell: problem },
  { header: 'Linked', cell: (p) => <Linked p={p} /> },
];
const INACTIVE: readonly Column<ProblemItem>[] = [
  { header: 'Onset', className: 'gpc-col-date', cell: (p) => <DateText date={p.onset ?? p.recorded} /> },
  { header: 'Ended', className: 'gpc-col-date', cell: (p) => <DateText date={p.ended} empty="Not recorded" /> },
  { header: 'Problem', cell: problem },
  { header: 'Linked', cell: (p) => <Linked p={p} /> },
];

const GROUPS = [
  { key: 'activeMajor', title: 'Active major problems', none: 'active major problems', columns: ACTIVE },
  { key: 'activeMinor', title: 'Active minor problems', none: 'active minor problems', columns: ACTIVE },
  { key: 'inactiveMajor', title: 'Inactive major problems', none: 'inactive major problems', columns: INACTIVE },
  { key: 'inactiveMinor', title: 'Inactive minor problems', none: 'inactive minor problems', columns: INACTIVE },
] as const;

/** Active and inactive, major and minor, each with everything linked to it; and problems other items point to. */
export function ProblemsView({
  area,
  linkedProblems,
  highlight,
}: {
  readonly area: ProblemsArea;
  /** Problems sent only because items of other areas link to them. */
  readonly linkedProblems: readonly ProblemItem[];
  readonly highlight?: string;
}) {
  const total = GROUPS.reduce((n, g) => n + area[g.key].length, 0);
  const showGroups = total > 0 || area.availability.status === 'present';
  return (
    <>
      <AreaNotice availability={area.availability} title="Problems" testId="area-notice-problems" />
      {showGroups &&
        GROUPS.map((g) => (
          <section
            key={g.key}
            className="gpc-sr-subsection"
            aria-labelledby={`sr-prb-${g.key}`}
            data-testid={`problems-${g.key}`}
          >
            <SubHeading id={`sr-prb-${g.key}`} title={g.title} count={area[g.key].length} />
            {area[g.key].length > 0 ? (
              <RecordTable
                caption={g.title}
                rows={area[g.key]}
                rowKey={(p) => p.id}
                columns={g.columns}
                highlightKey={highlight}
              />
            ) : (
              <NoneInSubsection what={g.none} />
            )}
          </section>
        ))}
      {linkedProblems.length > 0 && (
        <section className="gpc-sr-subsection" aria-labelledby="sr-prb-linked" data-testid="problems-linked">
          <SubHeading id="sr-prb-linked" title="Problems linked to other items" count={linkedProblems.length} />
          <p className="gpc-sr-muted gpc-sr-small">Sent because items elsewhere in the record are linked to them.</p>
          <RecordTable
            caption="Problems linked to other items"
            rows={linkedProblems}
            rowKey={(p) => p.id}
            columns={[
              { header: 'Onset', className: 'gpc-col-date', cell: (p) => <DateText date={p.onset ?? p.recorded} /> },
              { header: 'Problem', cell: problem },
              { header: 'Status', cell: (p) => [p.status, p.significance].filter(Boolean).join(', ') },
            ]}
            highlightKey={highlight}
          />
        </section>
      )}
    </>
  );
}
