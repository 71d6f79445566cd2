// `npm run security [-- --input DIR]`: Electronegativity over the built app (out/), as a gate. The tool exits 0 even when it finds
// problems, so its SARIF report is parsed here: any warning or error fails the gate unless it is accepted below with
// the reason written down; notes are listed for review.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ELECTRON_VERSION = '40.8.5';
/** ruleId → why it does not apply. Keep this short; every entry is a decision someone can challenge. */
const ACCEPTED = {};

const { values } = parseArgs({ options: { input: { type: 'string', default: 'out' } } });
const report = path.join(mkdtempSync(path.join(tmpdir(), 'gpc-security-')), 'electronegativity.sarif');
const run = spawnSync(
  'npx',
  ['--no-install', 'electronegativity', '-i', values.input, '-r', '-e', ELECTRON_VERSION, '-o', report, '-v', 'false'],
  { encoding: 'utf8' },
);
let sarif;
try {
  sarif = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  console.error(`security: Electronegativity produced no report (exit ${run.status}).\n${run.stderr}`);
  process.exit(2);
}
const results = sarif.runs.flatMap((r) => r.results ?? []);
const where = (r) => {
  const loc = r.locations?.[0]?.physicalLocation;
  return `${loc?.artifactLocation?.uri ?? '?'}:${loc?.region?.startLine ?? '?'}`;
};
const blocking = [];
for (const r of results) {
  const level = r.level ?? 'warning';
  const line = `${level.padEnd(7)} ${r.ruleId} ${where(r)}`;
  if ((level === 'warning' || level === 'error') && !ACCEPTED[r.ruleId]) blocking.push(line);
  else
    console.log(`security: ${line}${ACCEPTED[r.ruleId] ? ` (accepted: ${ACCEPTED[r.ruleId]})` : ' (note, reviewed)'}`);
}
if (blocking.length > 0) {
  console.error(`security: ${blocking.length} finding(s) block the build:\n  ${blocking.join('\n  ')}`);
  process.exit(1);
}
console.log(`security: Electronegativity ${results.length} finding(s), none blocking`);
