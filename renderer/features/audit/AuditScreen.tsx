import { useCallback, useEffect, useState } from 'react';
import type { AuditChainStatus, AuditFilter, AuditQueryResult } from '../../../shared/audit/audit-record';
import type { GpcErrorInfo, Result } from '../../../shared/ipc/errors';
import { useGpc } from '../../gpc-context';
import { actionLabel, auditPatient, auditResultCode, auditSubject, auditTime } from './audit-format';
import { AuditFilterForm } from './AuditFilterForm';

/** Hands a CSV to the browser as a download (the preview host; the desktop app saves it in main instead). */
function download(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The audit trail for local admins: filter by user, patient, dates and outcome; export what is shown as CSV. Main
 * checks the role on every call; this screen is only offered to admins as a courtesy.
 */
export function AuditScreen() {
  const api = useGpc();
  const [result, setResult] = useState<AuditQueryResult | null>(null);
  const [chain, setChain] = useState<AuditChainStatus | null>(null);
  const [error, setError] = useState<GpcErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [exported, setExported] = useState<string | null>(null);

  const show = useCallback((r: Result<AuditQueryResult>) => {
    setBusy(false);
    if (r.ok) {
      setResult(r.value);
      setError(null);
    } else setError(r.error);
  }, []);

  const search = async (filter: AuditFilter) => {
    setBusy(true);
    setExported(null);
    show(await api.audit.search(filter));
  };

  useEffect(() => {
    let live = true;
    void api.audit.search({}).then((r) => live && show(r));
    void api.audit.status().then((r) => {
      if (live && r.ok && r.value.chain) setChain(r.value.chain);
    });
    return () => {
      live = false;
    };
  }, [api, show]);

  const exportCsv = async (filter: AuditFilter) => {
    setBusy(true);
    const r = await api.audit.export(filter);
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const records = `${r.value.rows} record${r.value.rows === 1 ? '' : 's'}`;
    if (r.value.savedByHost === false) {
      setExported(`Export cancelled: nothing was saved.`);
      return;
    }
    if (r.value.savedByHost === undefined) download(r.value.filename, r.value.csv);
    setExported(`${records} exported to ${r.value.filename}.`);
  };

  const verify = async () => {
    setBusy(true);
    const r = await api.audit.verify();
    setBusy(false);
    if (r.ok) setChain(r.value);
    else setError(r.error);
  };

  return (
    <section aria-labelledby="audit-title" className="gpc-audit">
      <h1 id="audit-title">Audit trail</h1>
      <p>
        Every GP Connect interaction and every action on patient data on this workstation, with who did it and the
        outcome. No clinical content is kept.
      </p>
      {chain && (
        <div className="nhsuk-inset-text" data-testid="audit-chain-status">
          <p>
            {chain.breaks.length === 0
              ? `Chain verified: ${chain.records} records, checked ${auditTime(chain.verifiedAt)}.`
              : `Chain broken: ${chain.breaks.length} problem(s) found, checked ${auditTime(chain.verifiedAt)}.`}{' '}
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small gpc-audit__verify"
              onClick={() => void verify()}
              disabled={busy}
            >
              Verify now
            </button>
          </p>
        </div>
      )}
      <AuditFilterForm onApply={(f) => void search(f)} onExport={(f) => void exportCsv(f)} busy={busy} />
      <div aria-live="polite">
        {exported && (
          <p className="nhsuk-body" data-testid="audit-exported">
            {exported}
          </p>
        )}
        {error && (
          <div className="nhsuk-error-summary" role="alert" data-testid="audit-error">
            <h2 className="nhsuk-error-summary__title">The audit trail cannot be shown</h2>
            <div className="nhsuk-error-summary__body">
              <p>{error.message}</p>
            </div>
          </div>
        )}
        {result && !error && (
          <p data-testid="audit-count">
            {result.total === result.records.length
              ? `${result.total} record${result.total === 1 ? '' : 's'}`
              : `Showing the newest ${result.records.length} of ${result.total} records`}
          </p>
        )}
      </div>
      {result && !error && result.records.length > 0 && (
        <div className="gpc-audit__table-wrap" tabIndex={0} role="region" aria-label="Audit records">
          <table className="nhsuk-table gpc-audit__table" data-testid="audit-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Audit records, newest first</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Time</th>
                <th scope="col">User</th>
                <th scope="col">Action</th>
                <th scope="col">Patient</th>
                <th scope="col">Interaction or item</th>
                <th scope="col">Ssp-TraceID</th>
                <th scope="col">Outcome</th>
                <th scope="col">Code</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {result.records.map((r) => (
                <tr key={r.seq} data-testid="audit-row">
                  <td>{auditTime(r.at)}</td>
                  <td>
                    {r.user ? (
                      <>
                        {r.user.name}
                        <br />
                        <span className="gpc-audit__muted">{r.user.sdsUserId}</span>
                      </>
                    ) : (
                      'Workstation'
                    )}
                  </td>
                  <td>{actionLabel(r.action)}</td>
                  <td>{auditPatient(r)}</td>
                  <td className="gpc-audit__wrap">{auditSubject(r)}</td>
                  <td className="gpc-audit__mono">{r.traceId ?? ''}</td>
                  <td>
                    <strong className={`nhsuk-tag ${r.outcome === 'success' ? 'nhsuk-tag--green' : 'nhsuk-tag--red'}`}>
                      {r.outcome === 'success' ? 'Success' : 'Failure'}
                    </strong>
                  </td>
                  <td className="gpc-audit__wrap">{auditResultCode(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
