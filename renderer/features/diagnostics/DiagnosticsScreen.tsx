import { useCallback, useEffect, useRef, useState } from 'react';
import type { DiagnosticsReport } from '../../../shared/ipc/features/admin.contract';
import type { GpcErrorInfo, Result } from '../../../shared/ipc/errors';
import { useGpc } from '../../gpc-context';

const VERDICT = {
  pass: { label: 'Pass', tag: 'nhsuk-tag--green' },
  warn: { label: 'Warning', tag: 'nhsuk-tag--yellow' },
  fail: { label: 'Fail', tag: 'nhsuk-tag--red' },
} as const;

/**
 * Settings → Diagnostics: the connection doctor (`gpc doctor`) in the app, and its report as plain text to copy
 * into a service desk ticket (no keys, no patient data).
 */
export function DiagnosticsScreen() {
  const api = useGpc();
  const [report, setReport] = useState<DiagnosticsReport | null>(null);
  const [error, setError] = useState<GpcErrorInfo | null>(null);
  const [running, setRunning] = useState(true);
  const [copied, setCopied] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);

  const show = useCallback((r: Result<DiagnosticsReport>) => {
    setRunning(false);
    if (r.ok) {
      setReport(r.value);
      setError(null);
    } else setError(r.error);
  }, []);

  const run = async () => {
    setRunning(true);
    setCopied(null);
    show(await api.admin.diagnostics());
  };

  // The checks run as the screen opens: whoever opens it wants the answer.
  useEffect(() => {
    let live = true;
    void api.admin.diagnostics().then((r) => live && show(r));
    return () => {
      live = false;
    };
  }, [api, show]);

  const copy = async () => {
    if (!report) return;
    try {
      await navigator.clipboard.writeText(report.text);
      setCopied('Report copied. Paste it into your message to the service desk.');
    } catch {
      // No clipboard permission (some browsers, policies): select the text so Ctrl+C works.
      textRef.current?.select();
      setCopied('The report is selected: press Ctrl+C to copy it.');
    }
  };

  const failed = report?.checks.filter((c) => c.verdict === 'fail').length ?? 0;
  return (
    <section aria-labelledby="diagnostics-title">
      <h1 id="diagnostics-title">Diagnostics</h1>
      <p>
        Checks that this workstation can reach Spine: configuration, endpoint certificate, its chain, clock and the
        connections to the Spine Secure Proxy, PDS and SDS. The same checks as <code>gpc doctor</code>.
      </p>
      <button className="nhsuk-button" type="button" onClick={() => void run()} disabled={running}>
        {running ? 'Running checks…' : 'Run the checks again'}
      </button>
      <div aria-live="polite">
        {running && !report && <p>Running checks…</p>}
        {error && (
          <div className="nhsuk-error-summary" role="alert">
            <h2 className="nhsuk-error-summary__title">The checks could not run</h2>
            <div className="nhsuk-error-summary__body">
              <p>{error.message}</p>
            </div>
          </div>
        )}
        {report && (
          <p data-testid="diagnostics-summary">
            <strong>{failed === 0 ? 'All checks passed.' : `${failed} check${failed === 1 ? '' : 's'} failed.`}</strong>
          </p>
        )}
      </div>
      {report && (
        <>
          <table className="nhsuk-table" data-testid="diagnostics-table">
            <caption className="nhsuk-table__caption">Checks</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Check</th>
                <th scope="col">Result</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {report.checks.map((c, i) => (
                <tr key={`${c.check}-${i}`}>
                  <td>{c.check}</td>
                  <td>
                    <strong className={`nhsuk-tag ${VERDICT[c.verdict].tag}`}>{VERDICT[c.verdict].label}</strong>
                  </td>
                  <td className="gpc-audit__wrap">{c.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label nhsuk-label--s" htmlFor="diagnostics-report">
              Report for the service desk
            </label>
            <div className="nhsuk-hint" id="diagnostics-report-hint">
              Plain text, without keys or patient data.
            </div>
            <textarea
              ref={textRef}
              className="nhsuk-textarea gpc-diagnostics__report"
              id="diagnostics-report"
              aria-describedby="diagnostics-report-hint"
              readOnly
              rows={Math.min(24, report.text.split('\n').length + 1)}
              value={report.text}
              data-testid="diagnostics-report"
            />
          </div>
          <button
            className="nhsuk-button nhsuk-button--secondary"
            type="button"
            onClick={() => void copy()}
            data-testid="diagnostics-copy"
          >
            Copy report
          </button>
          <p aria-live="polite" data-testid="diagnostics-copied">
            {copied}
          </p>
        </>
      )}
    </section>
  );
}
