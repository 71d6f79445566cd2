import type {
  FilingCommentView,
  InvestigationReport,
  InvestigationsArea,
  TestResultView,
} from '../../../../shared/record/structured-view';
import { AreaNotice } from '../AreaNotice';
import { DateText, ItemFooter, NoneInSubsection, SubHeading, Term, observationText } from '../record-bits';
import type { Column } from '../RecordTable';
import { RecordTable } from '../RecordTable';

function FilingComments({ comments }: { readonly comments: readonly FilingCommentView[] }) {
  if (comments.length === 0) return null;
  return (
    <ul className="gpc-sr-notes" data-testid="filing-comments">
      {comments.map((c) => (
        <li key={c.id}>
          <span className="gpc-sr-muted">
            Filing comment{c.date ? ` (${c.date.display}${c.by ? `, ${c.by}` : ''})` : c.by ? ` (${c.by})` : ''}:{' '}
          </span>
          {c.text}
        </li>
      ))}
    </ul>
  );
}

/** Results with value, unit, reference range and flag; abnormal ones marked in words as well as colour. */
export function ResultsTable({
  results,
  caption,
}: {
  readonly results: readonly TestResultView[];
  readonly caption: string;
}) {
  return (
    <table className="nhsuk-table gpc-sr-inner-table gpc-sr-results">
      <caption className="nhsuk-u-visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Test</th>
          <th scope="col">Result</th>
          <th scope="col">Reference range</th>
          <th scope="col">Flag</th>
        </tr>
      </thead>
      <tbody>
        {results.map((r) => (
          <tr key={r.id} className={r.abnormal ? 'gpc-sr-abnormal' : undefined} data-testid="result-row">
            <th scope="row" className="gpc-sr-result-name">
              <Term concept={r.name} />
              {r.nopat && (
                <strong className="nhsuk-tag nhsuk-tag--orange gpc-sr-nopat">Do not disclose to the patient</strong>
              )}
              {r.notes.map((n, i) => (
                <span key={i} className="gpc-sr-block gpc-sr-muted">
                  {n}
                </span>
              ))}
              <FilingComments comments={r.filingComments} />
            </th>
            <td>
              {observationText(r.value) ?? <span className="gpc-sr-muted">No value</span>}
              {r.unit && r.value?.kind !== 'quantity' && <span className="gpc-sr-muted"> {r.unit}</span>}
              {r.status && r.status !== 'final' && <span className="gpc-sr-block gpc-sr-muted">{r.status}</span>}
            </td>
            <td>
              {r.referenceRanges.length > 0 ? (
                r.referenceRanges.map((range, i) => (
                  <span key={i} className="gpc-sr-block">
                    {range.text}
                    {range.type && <span className="gpc-sr-muted"> ({range.type})</span>}
                  </span>
                ))
              ) : (
                <span className="gpc-sr-muted">None given</span>
              )}
            </td>
            <td>
              {r.abnormal ? (
                <strong className="gpc-sr-flag" data-testid="abnormal-flag">
                  {r.interpretation?.text ?? 'Outside range'}
                  {r.interpretation?.code && ` (${r.interpretation.code})`}
                </strong>
              ) : (
                (r.interpretation?.text ?? '')
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function countResults(r: InvestigationReport): { all: number; abnormal: number } {
  const results = [...r.results, ...r.testGroups.flatMap((g) => g.results)];
  return { all: results.length, abnormal: results.filter((x) => x.abnormal).length };
}

function ReportContents({ r }: { readonly r: InvestigationReport }) {
  const { all, abnormal } = countResults(r);
  return (
    <details className="nhsuk-details gpc-sr-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          {all} {all === 1 ? 'result' : 'results'}
          {abnormal > 0 && `, ${abnormal} abnormal`}
          <span className="nhsuk-u-visually-hidden"> of {r.title.text}</span>
        </span>
      </summary>
      <div className="nhsuk-details__text">
        {r.specimens.map((s) => (
          <p key={s.id} className="gpc-sr-small">
            <span className="gpc-sr-muted">Specimen: </span>
            {s.type ?? 'Type not recorded'}
            {s.collected && <> collected {s.collected.display}</>}
            {s.received && <>, received {s.received.display}</>}
            {s.bodySite && <>, {s.bodySite}</>}
            {s.notes.map((n, i) => (
              <span key={i} className="gpc-sr-block">
                {n}
              </span>
            ))}
          </p>
        ))}
        {r.testGroups.map((g) => (
          <div key={g.id} className="gpc-sr-test-group" data-testid="test-group">
            <p className="gpc-sr-topic__title">
              {g.name.text}
              {g.date && <span className="gpc-sr-muted"> ({g.date.display})</span>}
            </p>
            {g.notes.map((n, i) => (
              <p key={i} className="gpc-sr-small">
                {n}
              </p>
            ))}
            <FilingComments comments={g.filingComments} />
            {g.results.length > 0 && <ResultsTable results={g.results} caption={`Results of ${g.name.text}`} />}
          </div>
        ))}
        {r.results.length > 0 && <ResultsTable results={r.results} caption={`Results of ${r.title.text}`} />}
        {all === 0 && <p className="gpc-sr-muted">No results were sent with this report.</p>}
      </div>
    </details>
  );
}

const COLUMNS: readonly Column<InvestigationReport>[] = [
  { header: 'Date', className: 'gpc-col-date', cell: (r) => <DateText date={r.issued ?? r.effective ?? r.recorded} /> },
  {
    header: 'Report and results',
    cell: (r) => (
      <>
        <Term concept={r.title} />
        {r.status && <span className="gpc-sr-block gpc-sr-muted">Status: {r.status}</span>}
        {(r.requester || r.performer) && (
          <span className="gpc-sr-block gpc-sr-muted">
            {[r.requester && `Requested by ${r.requester}`, r.performer && `reported by ${r.performer}`]
              .filter(Boolean)
              .join(', ')}
          </span>
        )}
        {r.conclusion && <span className="gpc-sr-block">{r.conclusion}</span>}
        <FilingComments comments={r.filingComments} />
        <ItemFooter item={r} />
        <ReportContents r={r} />
      </>
    ),
  },
];

/** Reports newest first; each opens to its specimens, test groups and results, and filing comments. */
export function InvestigationsView({
  area,
  highlight,
}: {
  readonly area: InvestigationsArea;
  readonly highlight?: string;
}) {
  const show = area.reports.length > 0 || area.availability.status === 'present';
  return (
    <>
      <AreaNotice availability={area.availability} title="Investigations" testId="area-notice-investigations" />
      {show && (
        <>
          <SubHeading id="sr-investigations" title="Reports, newest first" count={area.reports.length} />
          {area.reports.length > 0 ? (
            <RecordTable
              caption="Investigation reports, newest first"
              rows={area.reports}
              rowKey={(r) => r.id}
              columns={COLUMNS}
              highlightKey={highlight}
              testId="investigations"
            />
          ) : (
            <NoneInSubsection what="investigations" />
          )}
        </>
      )}
    </>
  );
}
