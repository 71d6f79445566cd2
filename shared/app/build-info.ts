/**
 * What a build is, fixed at build time (electron.vite.config.ts `define`): the flavour, the commit and the release
 * notes. Pure data and parsing, shared by main (which reports it) and the renderer (which shows it).
 */

/** `clinical`: live mode allowed, demo mode badged. `demo`: the offline demonstrator only, live mode impossible. */
export type BuildFlavour = 'clinical' | 'demo';

export const BUILD_FLAVOURS: readonly BuildFlavour[] = ['clinical', 'demo'];

export function isBuildFlavour(value: unknown): value is BuildFlavour {
  return value === 'clinical' || value === 'demo';
}

/** One release in CHANGELOG.md: `## [1.2.0] - 2026-11-26` followed by `- item` lines (Keep a Changelog style). */
export interface ReleaseNotes {
  readonly version: string;
  /** `YYYY-MM-DD`, absent for "Unreleased". */
  readonly date?: string;
  readonly items: readonly string[];
}

const HEADING = /^##\s+\[?([^\]\s]+)\]?(?:\s+-\s+(\d{4}-\d{2}-\d{2}))?\s*$/;

/** Releases in the order written (newest first); text outside a release heading is ignored. */
export function parseChangelog(text: string): ReleaseNotes[] {
  const releases: { version: string; date?: string; items: string[] }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const heading = HEADING.exec(raw);
    if (heading?.[1]) {
      releases.push({ version: heading[1], ...(heading[2] ? { date: heading[2] } : {}), items: [] });
      continue;
    }
    const current = releases.at(-1);
    if (!current) continue;
    const item = /^\s*[-*]\s+(.*\S)\s*$/.exec(raw);
    if (item?.[1]) current.items.push(item[1]);
    else if (/^\s{2,}\S/.test(raw) && current.items.length > 0) {
      // A wrapped item continues on an indented line.
      current.items[current.items.length - 1] += ` ${raw.trim()}`;
    }
  }
  return releases;
}
