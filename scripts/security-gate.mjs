// `npm run security:electron [-- --input DIR] [-- --allowlist FILE] [-- --sarif FILE]`: Electronegativity over the
// built app (out/) as a gate. The tool's CLI exits 0 whatever it finds, and its SARIF drops the severity, so it is
// run through its programmatic API. A finding blocks the build unless the allow-list
// (scripts/electronegativity-allowlist.json) accepts it for that rule and file with a written reason, when it is
// HIGH or MEDIUM, or when it is definite (not marked for manual review) at any severity: the tool rates an explicit
// `nodeIntegration: true` as INFORMATIONAL (the sandbox overrides it), yet turning it on is a regression a person must
// look at. Manual-review findings below MEDIUM are printed for review. A SARIF report is written for CI to keep.
// Exit codes: 0 pass, 1 blocking findings, 2 the scan or the allow-list could not be used.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import run from '@doyensec/electronegativity/dist/runner.js';

const ELECTRON_VERSION = '40.8.5';
const BLOCKING = new Set(['HIGH', 'MEDIUM']);

const { values } = parseArgs({
  options: {
    input: { type: 'string', default: 'out' },
    allowlist: { type: 'string', default: 'scripts/electronegativity-allowlist.json' },
    sarif: { type: 'string' },
  },
});

function fail(message) {
  console.error(`security: ${message}`);
  process.exit(2);
}

function loadAllowList(file) {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    fail(`the allow-list ${file} cannot be read: ${err.message}`);
  }
  const entries = parsed?.accepted;
  if (!Array.isArray(entries)) fail(`${file}: "accepted" must be a list`);
  entries.forEach((e, i) => {
    for (const key of ['rule', 'file', 'reason', 'reviewedBy', 'reviewedOn']) {
      if (typeof e?.[key] !== 'string' || e[key].trim() === '') fail(`${file}: accepted.${i}.${key} must be written`);
    }
    if (e.reason.trim().length < 40) fail(`${file}: accepted.${i}.reason is too short to be a review (${e.rule})`);
  });
  return entries;
}

const allowList = loadAllowList(values.allowlist);
const sarif = values.sarif ?? path.join(mkdtempSync(path.join(tmpdir(), 'gpc-security-')), 'electronegativity.sarif');
// The tool reports a failed fetch of Electron's release list on machines without a route; the version is given.
const warn = console.warn;
console.warn = () => undefined;
let result;
try {
  result = await run({
    input: path.resolve(values.input),
    output: sarif,
    isSarif: true,
    isRelative: true,
    isVerbose: false,
    customScan: [],
    excludeFromScan: [],
    electronVersionOverride: ELECTRON_VERSION,
  });
} catch (err) {
  fail(`Electronegativity could not scan ${values.input}: ${err.message}`);
} finally {
  console.warn = warn;
}
if (result.errors.length > 0) {
  // A file it could not parse is a file it did not check.
  fail(
    `Electronegativity could not parse ${result.errors.length} file(s): ${result.errors.map((e) => e.file).join(', ')}`,
  );
}

const used = new Set();
const blocking = [];
for (const issue of result.issues) {
  const severity = issue.severity.name;
  const line = `${severity.padEnd(13)} ${issue.id} ${issue.file}:${issue.location.line}`;
  const accepted = allowList.findIndex((e) => e.rule === issue.id && e.file === issue.file);
  if (accepted >= 0) {
    used.add(accepted);
    console.log(`security: ${line} (accepted: ${allowList[accepted].reason.slice(0, 80)}…)`);
  } else if (BLOCKING.has(severity) || !issue.manualReview) blocking.push(line);
  else console.log(`security: ${line} (manual review, below MEDIUM: listed, not blocking)`);
}
allowList.forEach((e, i) => {
  if (!used.has(i)) console.log(`security: allow-list entry ${e.rule} ${e.file} matches nothing now: remove it`);
});
console.log(`security: SARIF report ${sarif}`);
if (blocking.length > 0) {
  console.error(
    `security: ${blocking.length} finding(s) block the build (fix, or accept in ${values.allowlist} with a reason):\n  ${blocking.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(
  `security: Electronegativity ${result.issues.length} finding(s) (${result.atomicChecks} atomic and ${result.globalChecks} global checks), none blocking`,
);
