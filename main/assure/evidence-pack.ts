import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AuditRecord } from '../../shared/audit/audit-record';
import type { LoggedExchange } from '../explorer/exchange-log';
import { detail } from '../explorer/exchange-view';
import { maskNhsInJson, maskNhsInText } from '../explorer/redaction';
import type { AssureReport, ScenarioRun, ScenarioVerdict } from './run-assure';

/**
 * The evidence pack on disk (SPEC §11: captured request–response pairs, screenshots, pass/fail), for people outside
 * the organisation: request/response pairs as the explorer shows them (secrets removed, NHS numbers masked), the
 * scenario's audit records with NHS numbers masked too. Patient data never goes anywhere else on disk.
 */
export async function writeScenarioEvidence(
  dir: string,
  run: ScenarioRun,
  exchanges: readonly LoggedExchange[],
  audit: readonly AuditRecord[],
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const pairs = exchanges.map((e) => {
    const { curl: _curl, ...shown } = detail(e, true);
    return shown;
  });
  await writeFile(path.join(dir, 'exchanges.json'), `${JSON.stringify(pairs, null, 2)}\n`);
  await writeFile(
    path.join(dir, 'audit.jsonl'),
    audit.map((r) => JSON.stringify(maskNhsInJson(r))).join('\n') + (audit.length > 0 ? '\n' : ''),
  );
  // Step descriptions quote their inputs: masked like everything else in the pack.
  await writeFile(path.join(dir, 'result.json'), `${JSON.stringify(maskNhsInJson(run), null, 2)}\n`);
}

/** Our own text into HTML (not sanitising foreign HTML: nothing here comes from a provider as markup). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function summaryHtml(report: AssureReport): string {
  const passed = report.runs.filter((r) => r.pass).length;
  const rows = report.runs
    .map((r) => {
      const shot =
        r.screenshot && 'file' in r.screenshot
          ? `<a href="${escapeHtml(`${r.id}/${r.screenshot.file}`)}">screenshot</a>`
          : r.screenshot
            ? escapeHtml(r.screenshot.skipped)
            : '';
      return `<tr class="${r.pass ? 'pass' : 'fail'}"><td><a href="${escapeHtml(`${r.id}/result.json`)}">${escapeHtml(r.id)}</a></td><td>${escapeHtml(r.area)}</td><td>${escapeHtml(r.title)}</td><td>${escapeHtml(r.spec)}</td><td><strong>${r.pass ? 'PASS' : 'FAIL'}</strong></td><td>${escapeHtml(maskNhsInText(r.reason))}</td><td><a href="${escapeHtml(`${r.id}/exchanges.json`)}">${r.exchanges} requests</a>, <a href="${escapeHtml(`${r.id}/audit.jsonl`)}">${r.auditRecords} audit records</a></td><td>${shot}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self'">
<title>GP Connect consumer assurance: ${passed} of ${report.runs.length} passed</title>
<style>
body { font-family: Arial, sans-serif; margin: 1.5rem; color: #212b32; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #768692; padding: 0.4rem; text-align: left; vertical-align: top; font-size: 0.9rem; }
th { background: #f0f4f5; }
tr.fail td { background: #fde8e8; }
a { color: #005eb8; }
</style>
</head>
<body>
<main>
<h1>GP Connect consumer assurance evidence</h1>
<p>Target: ${escapeHtml(report.target)}. Started ${escapeHtml(report.startedAt)}, took ${(report.durationMs / 1000).toFixed(1)} s.</p>
<p id="result"><strong>${passed} of ${report.runs.length} scenarios passed.</strong> Request/response pairs have secrets removed and NHS numbers masked.</p>
<table>
<caption>Scenarios, with the SPEC section each tests</caption>
<thead><tr><th scope="col">Scenario</th><th scope="col">Area</th><th scope="col">What it tests</th><th scope="col">SPEC</th><th scope="col">Result</th><th scope="col">Reason</th><th scope="col">Evidence</th><th scope="col">Screenshot</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>
</body>
</html>
`;
}

export async function writeSummary(outDir: string, report: AssureReport): Promise<void> {
  // The contract: `scenarios: [{ id, area, pass, reason }]`, exactly these keys.
  const scenarios: ScenarioVerdict[] = report.runs.map(({ id, area, pass, reason }) => ({
    id,
    area,
    pass,
    reason: maskNhsInText(reason),
  }));
  const summary = {
    target: report.target,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    passed: scenarios.filter((s) => s.pass).length,
    failed: scenarios.filter((s) => !s.pass).length,
    scenarios,
  };
  await writeFile(path.join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(path.join(outDir, 'summary.html'), summaryHtml(report));
}
