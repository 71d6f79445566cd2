import { useMemo, useRef, useState, useEffect } from 'react';
import type { RecordAreaKey } from '../../../shared/record/structured-view';
import { RECORD_AREA_KEYS } from '../../../shared/record/structured-view';
import { AREA_TITLES } from './area-titles';
import type { IndexEntry } from './record-index';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function yearOf(e: IndexEntry): number | null {
  const m = e.date ? /^(\d{4})/.exec(e.date.iso) : null;
  return m ? Number(m[1]) : null;
}

function monthOf(e: IndexEntry): number | null {
  if (!e.date || e.date.precision === 'year') return null;
  const m = /^\d{4}-(\d{2})/.exec(e.date.iso);
  return m ? Number(m[1]) : null;
}

/**
 * The patient's record across areas on one time axis. All years first (a bar per year, split by area), then zoomed
 * into one year, month by month, each item a button that opens it in its area. Undated items are counted, not lost.
 */
export function Timeline({
  index,
  onShow,
}: {
  readonly index: readonly IndexEntry[];
  readonly onShow: (area: RecordAreaKey, rowId: string) => void;
}) {
  const entries = useMemo(() => index.filter((e) => e.onTimeline), [index]);
  const byYear = useMemo(() => {
    const map = new Map<number, IndexEntry[]>();
    for (const e of entries) {
      const y = yearOf(e);
      if (y === null) continue;
      const list = map.get(y) ?? [];
      list.push(e);
      map.set(y, list);
    }
    return map;
  }, [entries]);
  const undated = entries.length - [...byYear.values()].reduce((n, l) => n + l.length, 0);
  const years = [...byYear.keys()].sort((a, b) => b - a);
  const [year, setYear] = useState<number | null>(null);
  const heading = useRef<HTMLHeadingElement | null>(null);
  const returnTo = useRef<number | null>(null);

  // Zooming moves focus to the new view's heading so keyboard and screen-reader users know where they are.
  useEffect(() => {
    if (year !== null) heading.current?.focus();
    else if (returnTo.current !== null) document.getElementById(`gpc-timeline-year-${returnTo.current}`)?.focus();
  }, [year]);

  if (entries.length === 0) {
    return <p className="gpc-sr-none">Nothing in this record has a date to place on a timeline.</p>;
  }

  if (year !== null) {
    const list = [...(byYear.get(year) ?? [])].sort((a, b) =>
      (b.date?.sortKey ?? '').localeCompare(a.date?.sortKey ?? ''),
    );
    const months = new Map<number | null, IndexEntry[]>();
    for (const e of list) {
      const m = monthOf(e);
      months.set(m, [...(months.get(m) ?? []), e]);
    }
    const at = years.indexOf(year);
    const newer = at > 0 ? years[at - 1] : undefined;
    const older = at >= 0 && at < years.length - 1 ? years[at + 1] : undefined;
    return (
      <div className="gpc-timeline" data-testid="timeline-year">
        <div className="gpc-timeline__zoom gpc-no-print">
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary gpc-sr-small-button"
            onClick={() => {
              returnTo.current = year;
              setYear(null);
            }}
          >
            All years
          </button>
          {older !== undefined && (
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary gpc-sr-small-button"
              onClick={() => setYear(older)}
            >
              Older: {older}
            </button>
          )}
          {newer !== undefined && (
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary gpc-sr-small-button"
              onClick={() => setYear(newer)}
            >
              Newer: {newer}
            </button>
          )}
        </div>
        <h4 className="nhsuk-heading-s" ref={heading} tabIndex={-1}>
          {year}: {list.length} {list.length === 1 ? 'item' : 'items'}
        </h4>
        {[...months.entries()]
          .sort(([a], [b]) => (b ?? 0) - (a ?? 0))
          .map(([m, items]) => (
            <section
              key={m ?? 'none'}
              className="gpc-timeline__month"
              aria-label={m ? `${MONTHS[m - 1]}-${year}` : `${year}, month not recorded`}
            >
              <p className="gpc-timeline__month-title">
                {m ? `${MONTHS[m - 1]}-${year}` : `${year} (month not recorded)`}
              </p>
              <ul className="gpc-timeline__items">
                {items.map((e, i) => (
                  <li key={`${e.rowId}-${i}`} className={`gpc-timeline__item gpc-area--${e.area}`}>
                    <span className="gpc-timeline__date">{e.date?.display}</span>
                    <span className="gpc-timeline__area">{AREA_TITLES[e.area]}</span>
                    <button type="button" className="gpc-link-button" onClick={() => onShow(e.area, e.rowId)}>
                      {e.label}
                    </button>
                    {e.detail && <span className="gpc-sr-muted"> {e.detail}</span>}
                  </li>
                ))}
              </ul>
            </section>
          ))}
      </div>
    );
  }

  const max = Math.max(...[...byYear.values()].map((l) => l.length));
  return (
    <div className="gpc-timeline" data-testid="timeline">
      <p className="gpc-sr-small">
        Each bar is one year, split by area. Choose a year to see its items month by month.
        {undated > 0 &&
          ` ${undated} ${undated === 1 ? 'item has' : 'items have'} no date and ${undated === 1 ? 'is' : 'are'} not on the timeline.`}
      </p>
      <ul className="gpc-timeline__legend" aria-hidden="true">
        {RECORD_AREA_KEYS.map((a) => (
          <li key={a} className={`gpc-area--${a}`}>
            <span className="gpc-timeline__swatch" />
            {AREA_TITLES[a]}
          </li>
        ))}
      </ul>
      <ol className="gpc-timeline__years">
        {years.map((y) => {
          const list = byYear.get(y) ?? [];
          const counts = RECORD_AREA_KEYS.map((a) => [a, list.filter((e) => e.area === a).length] as const).filter(
            ([, n]) => n > 0,
          );
          return (
            <li key={y}>
              <button
                type="button"
                id={`gpc-timeline-year-${y}`}
                className="gpc-timeline__year"
                onClick={() => setYear(y)}
                data-testid="timeline-year-button"
              >
                <span className="gpc-timeline__year-label">{y}</span>
                <span className="gpc-timeline__bar" aria-hidden="true">
                  {counts.map(([a, n]) => (
                    <span
                      key={a}
                      className={`gpc-timeline__segment gpc-area--${a}`}
                      style={{ width: `${(n / max) * 100}%` }}
                    />
                  ))}
                </span>
                <span className="gpc-timeline__count">
                  {list.length} {list.length === 1 ? 'item' : 'items'}
                  <span className="nhsuk-u-visually-hidden">
                    : {counts.map(([a, n]) => `${AREA_TITLES[a]} ${n}`).join(', ')}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
