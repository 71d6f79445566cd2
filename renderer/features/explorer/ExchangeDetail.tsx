import { useEffect, useRef } from 'react';
import type { ExplorerExchangeDetail, ExplorerHeader } from '../../../shared/ipc/features/explorer.contract';
import { CopyText } from './ExplorerScreen';

function Headers({ caption, headers }: { readonly caption: string; readonly headers: readonly ExplorerHeader[] }) {
  return (
    <table className="nhsuk-table gpc-explorer__headers">
      <caption className="nhsuk-table__caption">{caption}</caption>
      <tbody className="nhsuk-table__body">
        {headers.map((h) => (
          <tr key={h.name}>
            <th scope="row">{h.name}</th>
            <td className="gpc-explorer__value">{h.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Code({ title, text }: { readonly title: string; readonly text: string }) {
  return (
    <>
      <h4>{title}</h4>
      <pre className="gpc-explorer__code" tabIndex={0} aria-label={title}>
        {text}
      </pre>
    </>
  );
}

/** One request and its answer in full, as main allows it to be shown. */
export function ExchangeDetail({ exchange: e }: { readonly exchange: ExplorerExchangeDetail }) {
  const ref = useRef<HTMLElement>(null);
  // A newly opened request takes focus, so keyboard and screen-reader users land on it.
  useEffect(() => {
    ref.current?.focus();
  }, [e.id]);
  return (
    <section
      className="gpc-explorer__detail"
      aria-labelledby="gpc-explorer-detail"
      data-testid="explorer-detail"
      ref={ref}
      tabIndex={-1}
    >
      <h2 id="gpc-explorer-detail">
        {e.method} request {e.id}
      </h2>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">URL</dt>
          <dd className="nhsuk-summary-list__value gpc-explorer__value" data-testid="explorer-url">
            {e.url}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Answer</dt>
          <dd className="nhsuk-summary-list__value">
            {e.status !== undefined ? `HTTP ${e.status}` : `No answer: ${e.error ?? 'unknown'}`} in{' '}
            {Math.round(e.durationMs)} ms
          </dd>
        </div>
        {e.interactionId && (
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Interaction</dt>
            <dd className="nhsuk-summary-list__value gpc-explorer__value">{e.interactionId}</dd>
          </div>
        )}
      </dl>
      <h3>Request</h3>
      <Headers caption="Request headers" headers={e.requestHeaders} />
      {e.jwt && (
        <>
          <Code title="JWT header (decoded)" text={e.jwt.header} />
          <Code title="JWT claims (decoded)" text={e.jwt.claims} />
        </>
      )}
      {e.requestBody !== undefined && <Code title="Request body" text={e.requestBody} />}
      <h3>Response</h3>
      <Headers caption="Response headers" headers={e.responseHeaders} />
      {e.responseBody !== undefined && <Code title="Response body" text={e.responseBody} />}
      {e.bodyTruncated && <p className="nhsuk-hint">The body is longer than the explorer shows; this is its start.</p>}
      <h3>As curl</h3>
      <CopyText label="curl command" text={e.curl} />
    </section>
  );
}
