import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isBuildFlavour, parseChangelog } from '../../shared/app/build-info';

describe('parseChangelog (release notes in the About box)', () => {
  it('reads releases newest first, with dates, items and wrapped lines joined', () => {
    const text = `# Changelog

Intro text that is not a release.

## [Unreleased]

- Next thing.

## [1.1.0] - 2026-12-01

- First change,
  wrapped onto a second line.
* Second change.

## 1.0.0 - 2026-11-01
- Initial release.
`;
    expect(parseChangelog(text)).toEqual([
      { version: 'Unreleased', items: ['Next thing.'] },
      { version: '1.1.0', date: '2026-12-01', items: ['First change, wrapped onto a second line.', 'Second change.'] },
      { version: '1.0.0', date: '2026-11-01', items: ['Initial release.'] },
    ]);
  });

  it('has an entry for the current package version in CHANGELOG.md', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const releases = parseChangelog(readFileSync('CHANGELOG.md', 'utf8'));
    expect(releases.find((r) => r.version === version)?.items.length).toBeGreaterThan(0);
  });

  it('knows the two flavours and nothing else', () => {
    expect(['clinical', 'demo', 'live', '', undefined].map(isBuildFlavour)).toEqual([true, true, false, false, false]);
  });
});
