import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { RecordAreaKey } from '../../../shared/record/structured-view';
import { AREA_TITLES } from './area-titles';
import type { IndexEntry } from './record-index';
import { findInRecord } from './record-index';

const SHOWN = 50;

/**
 * Searches every area's text and codes (terms, values, notes, SNOMED/Read/drug codes) as the clinician types; each
 * match opens its row in its area. Searching a large record stays responsive: the query is deferred.
 */
export function FindInRecord({
  index,
  onShow,
}: {
  readonly index: readonly IndexEntry[];
  readonly onShow: (area: RecordAreaKey, rowId: string) => void;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const matches = useMemo(() => findInRecord(index, deferred), [index, deferred]);
  const searching = deferred.trim() !== '';
  const areas = new Set(matches.map((m) => m.area));
  return (
    <div className="gpc-find gpc-no-print" role="search" aria-label="Find in this record">
      <label className="nhsuk-label" htmlFor={`${id}-q`}>
        Find in record
      </label>
      <div id={`${id}-hint`} className="nhsuk-hint">
        Words or codes, across every area (e.g. asthma, HbA1c, 195967001)
      </div>
      <input
        className="nhsuk-input gpc-find__input"
        id={`${id}-q`}
        type="search"
        value={query}
        aria-describedby={`${id}-hint`}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="find-input"
      />
      <div aria-live="polite" className="gpc-find__status" data-testid="find-status">
        {searching &&
          (matches.length === 0
            ? `Nothing in this record matches “${deferred.trim()}”.`
            : `${matches.length} ${matches.length === 1 ? 'match' : 'matches'} in ${areas.size} ${areas.size === 1 ? 'area' : 'areas'}${
                matches.length > SHOWN ? `; the first ${SHOWN} are listed, add words to narrow it` : ''
              }.`)}
      </div>
      {searching && matches.length > 0 && (
        <ul className="gpc-find__results" data-testid="find-results">
          {matches.slice(0, SHOWN).map((m: IndexEntry, i) => (
            <li key={`${m.area}-${m.rowId}-${i}`}>
              <button type="button" className="gpc-link-button" onClick={() => onShow(m.area, m.rowId)}>
                {m.label}
              </button>
              <span className="gpc-sr-muted">
                {' '}
                {AREA_TITLES[m.area]}
                {m.date && `, ${m.date.display}`}
                {m.detail && ` · ${m.detail}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
