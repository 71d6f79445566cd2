// `node scripts/licence-report.mjs [--out DIR]` (run by `npm run build`): the licences of every production dependency
// the installers carry, written to out/licences.json and out/THIRD_PARTY_NOTICES.txt (packed into the app).
// The production set is package-lock.json's non-dev packages; each licence is read from the installed package.json.
// Fails (exit 1) on a package with no licence, or one outside ALLOWED: see docs/deploy.md "Licences" for why.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * Licences we may ship inside a closed-source (UNLICENSED) desktop app distributed to NHS organisations, given the
 * notices file: permissive licences, public-domain dedications, and MPL-2.0 (file-level copyleft: obligations only
 * for modified MPL files, which we never patch). GPL, LGPL, AGPL, SSPL, EUPL and the like are left out on purpose:
 * they would need a legal decision about distributing this app, not a script's.
 */
export const ALLOWED = new Set([
  'MIT',
  'MIT-0',
  'ISC',
  '0BSD',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'CC0-1.0',
  'CC-BY-4.0',
  'Unlicense',
  'Python-2.0',
  'Zlib',
  'MPL-2.0',
]);

/**
 * An SPDX expression is acceptable when one OR-alternative has every AND-part allowed (AND binds tighter, as in
 * SPDX). Nested parentheses, which could reorder that, are refused: a person decides those.
 */
export function licenceAllowed(expression) {
  if (typeof expression !== 'string' || expression.trim() === '') return false;
  let flat = expression.trim();
  if (/^\([^()]*\)$/.test(flat)) flat = flat.slice(1, -1);
  if (/[()]/.test(flat)) return false;
  return flat.split(/\s+OR\s+/).some((alt) => alt.split(/\s+AND\s+/).every((id) => ALLOWED.has(id.trim())));
}

function licenceOf(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license.type === 'string') return pkg.license.type;
  if (Array.isArray(pkg.licenses)) {
    const types = pkg.licenses.map((l) => (typeof l === 'string' ? l : l?.type)).filter(Boolean);
    return types.length > 1 ? `(${types.join(' OR ')})` : (types[0] ?? null);
  }
  return null;
}

function licenceText(dir) {
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying|notice)(\.|$|-)/i.test(f));
  return file ? { file, text: readFileSync(path.join(dir, file), 'utf8').trim() } : null;
}

export function productionLicences(root = process.cwd()) {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const packages = [];
  for (const [where, entry] of Object.entries(lock.packages ?? {})) {
    if (where === '' || entry.dev || entry.devOptional || entry.link) continue;
    const dir = path.join(root, where);
    if (!existsSync(path.join(dir, 'package.json'))) {
      // An optional dependency for another platform is not installed, and not shipped from this machine.
      if (entry.optional) continue;
      throw new Error(`${where} is a production dependency but is not installed: run npm ci`);
    }
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    packages.push({
      name: pkg.name,
      version: pkg.version,
      license: licenceOf(pkg),
      path: where,
      ...(pkg.repository
        ? { repository: typeof pkg.repository === 'string' ? pkg.repository : pkg.repository.url }
        : {}),
      text: licenceText(dir),
    });
  }
  return packages.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'out' } } });
  const packages = productionLicences();
  const refused = packages.filter((p) => !licenceAllowed(p.license));
  mkdirSync(values.out, { recursive: true });
  const report = packages.map(({ text, ...p }) => ({
    ...p,
    allowed: licenceAllowed(p.license),
    licenceFile: text?.file ?? null,
  }));
  writeFileSync(path.join(values.out, 'licences.json'), `${JSON.stringify({ packages: report }, null, 2)}\n`);
  const notices = packages.map(
    (p) =>
      `${'='.repeat(78)}\n${p.name} ${p.version} (${p.license ?? 'no licence declared'})\n${p.repository ?? ''}\n\n${p.text?.text ?? '(no licence file in the package)'}\n`,
  );
  writeFileSync(
    path.join(values.out, 'THIRD_PARTY_NOTICES.txt'),
    `GP Connect Workstation includes the following third-party software.\n\n${notices.join('\n')}`,
  );
  const counts = Object.entries(
    packages.reduce((acc, p) => ({ ...acc, [p.license ?? 'none']: (acc[p.license ?? 'none'] ?? 0) + 1 }), {}),
  )
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
  console.log(`licences: ${packages.length} production packages (${counts}) -> ${values.out}/licences.json`);
  if (refused.length > 0) {
    console.error(
      `licences: ${refused.length} package(s) with a licence not on the allowed list (scripts/licence-report.mjs):\n  ${refused
        .map((p) => `${p.name}@${p.version}: ${p.license ?? 'no licence declared'}`)
        .join('\n  ')}`,
    );
    process.exit(1);
  }
}
