import { useId, useMemo, useState } from 'react';
import type { StructuredRecordView } from '../../../shared/record/structured-view';
import type { TrendPoint, TrendSeries } from './trends';
import { trendSeries } from './trends';

const W = 640;
const H = 270;
const PAD = { left: 56, right: 16, top: 16, bottom: 44 };

/** Milliseconds on the time axis from the sortable date text (`YYYY-MM-DDTHH:MM`, partial parts already filled). */
function timeOf(p: TrendPoint): number {
  const t = Date.parse(`${p.date.sortKey.slice(0, 16)}Z`);
  return Number.isFinite(t) ? t : Date.parse(`${p.date.sortKey.slice(0, 10)}T00:00Z`);
}

/** About five round values covering [lo, hi]. */
function ticks(lo: number, hi: number): number[] {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? raw) as number;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step / 1000; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

const LINE_CLASSES = ['gpc-trend__line--a', 'gpc-trend__line--b'];

/** The chart itself: an SVG drawn with React (no chart library), named by the summary line; the table holds the values. */
function Chart({ series, titleId }: { readonly series: TrendSeries; readonly titleId: string }) {
  const points = series.lines.flatMap((l) => l.points);
  const times = points.map(timeOf);
  const values = points.map((p) => p.value);
  const bandValues = [series.band?.low, series.band?.high].filter((v): v is number => v !== undefined);
  let lo = Math.min(...values, ...bandValues);
  let hi = Math.max(...values, ...bandValues);
  const margin = (hi - lo || Math.abs(hi) || 1) * 0.1;
  lo -= margin;
  hi += margin;
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const x = (t: number) => PAD.left + (t1 === t0 ? 0.5 : (t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const yTicks = ticks(lo, hi).filter((v) => v >= lo && v <= hi);
  const firstYear = new Date(t0).getUTCFullYear();
  const lastYear = new Date(t1).getUTCFullYear();
  const yearStep = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 8));
  const years: number[] = [];
  for (let yr = firstYear; yr <= lastYear + 1; yr += yearStep) years.push(yr);
  const band = series.band;
  const yearsShown = years.filter((yr) => Date.UTC(yr, 0, 1) >= t0 && Date.UTC(yr, 0, 1) <= t1);
  const byTime = [...points].sort((a, b) => timeOf(a) - timeOf(b));
  const first = byTime[0];
  const last = byTime[byTime.length - 1];

  return (
    <svg
      className="gpc-trend__svg"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={titleId}
      data-testid="trend-svg"
      focusable="false"
    >
      {band && (
        <g data-testid="trend-band">
          <rect
            className="gpc-trend__band"
            x={PAD.left}
            width={W - PAD.left - PAD.right}
            y={y(Math.min(band.high ?? hi, hi))}
            height={Math.max(0, y(Math.max(band.low ?? lo, lo)) - y(Math.min(band.high ?? hi, hi)))}
          />
          <text
            className="gpc-trend__band-label"
            x={W - PAD.right - 4}
            y={y(Math.min(band.high ?? hi, hi)) + 14}
            textAnchor="end"
          >
            Reference range {band.text}
          </text>
        </g>
      )}
      {yTicks.map((v) => (
        <g key={v}>
          <line className="gpc-trend__grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
          <text className="gpc-trend__tick" x={PAD.left - 6} y={y(v) + 4} textAnchor="end">
            {v}
          </text>
        </g>
      ))}
      {years.map((yr) => {
        const t = Date.UTC(yr, 0, 1);
        if (t < t0 || t > t1) return null;
        return (
          <g key={yr}>
            <line className="gpc-trend__grid" x1={x(t)} x2={x(t)} y1={PAD.top} y2={H - PAD.bottom} />
            <text className="gpc-trend__tick" x={x(t)} y={H - PAD.bottom + 16} textAnchor="middle">
              {yr}
            </text>
          </g>
        );
      })}
      {yearsShown.length < 2 && (
        // Too short a span for year lines: name the first and last dates instead.
        <>
          <text className="gpc-trend__tick" x={x(t0)} y={H - PAD.bottom + 30} textAnchor="start">
            {first?.date.display}
          </text>
          {t1 !== t0 && (
            <text className="gpc-trend__tick" x={x(t1)} y={H - PAD.bottom + 30} textAnchor="end">
              {last?.date.display}
            </text>
          )}
        </>
      )}
      <text className="gpc-trend__tick" x={12} y={PAD.top + 4}>
        {series.unit ?? ''}
      </text>
      {series.lines.map((line, li) => (
        <g key={line.label} className={LINE_CLASSES[li % LINE_CLASSES.length]}>
          <polyline
            className="gpc-trend__line"
            fill="none"
            points={line.points.map((p) => `${x(timeOf(p))},${y(p.value)}`).join(' ')}
          />
          {line.points.map((p) =>
            p.abnormal ? (
              // Abnormal results are a different shape as well as colour.
              <rect
                key={p.id}
                className="gpc-trend__point gpc-trend__point--abnormal"
                x={x(timeOf(p)) - 5}
                y={y(p.value) - 5}
                width={10}
                height={10}
                transform={`rotate(45 ${x(timeOf(p))} ${y(p.value)})`}
              >
                <title>{`${p.date.display}: ${p.text} (abnormal)`}</title>
              </rect>
            ) : (
              <circle key={p.id} className="gpc-trend__point" cx={x(timeOf(p))} cy={y(p.value)} r={4}>
                <title>{`${p.date.display}: ${p.text}`}</title>
              </circle>
            ),
          )}
        </g>
      ))}
    </svg>
  );
}

/** The values behind the chart, for everyone (and the only form screen readers get). */
function ValuesTable({ series }: { readonly series: TrendSeries }) {
  const pair = series.lines.length > 1;
  if (pair) {
    const dates = new Map<string, { date: TrendPoint['date']; values: (TrendPoint | undefined)[] }>();
    series.lines.forEach((line, li) =>
      line.points.forEach((p) => {
        const row = dates.get(p.date.sortKey) ?? { date: p.date, values: series.lines.map(() => undefined) };
        row.values[li] = p;
        dates.set(p.date.sortKey, row);
      }),
    );
    const rows = [...dates.values()].sort((a, b) => b.date.sortKey.localeCompare(a.date.sortKey));
    return (
      <table className="nhsuk-table gpc-trend__table" data-testid="trend-table">
        <caption className="nhsuk-table__caption gpc-sr-table__caption">{series.name}: values, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            {series.lines.map((l) => (
              <th key={l.label} scope="col">
                {l.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.date.sortKey}>
              <td>{r.date.display}</td>
              {r.values.map((p, i) => (
                <td key={i}>{p?.text ?? 'Not recorded'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  const points = [...(series.lines[0]?.points ?? [])].reverse();
  return (
    <table className="nhsuk-table gpc-trend__table" data-testid="trend-table">
      <caption className="nhsuk-table__caption gpc-sr-table__caption">{series.name}: values, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Result</th>
          <th scope="col">Reference range</th>
          <th scope="col">Flag</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.id} className={p.abnormal ? 'gpc-sr-abnormal' : undefined}>
            <td>{p.date.display}</td>
            <td>{p.text}</td>
            <td>{p.rangeText ?? 'None given'}</td>
            <td>{p.abnormal ? <strong className="gpc-sr-flag">{p.flag ?? 'Abnormal'}</strong> : (p.flag ?? '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function summary(s: TrendSeries): string {
  const points = s.lines.flatMap((l) => l.points);
  const sorted = [...points].sort((a, b) => a.date.sortKey.localeCompare(b.date.sortKey));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const latest = s.lines.map((l) => l.points[l.points.length - 1]?.text).filter(Boolean);
  return `${s.name}: ${s.lines[0]?.points.length ?? 0} results from ${first?.date.display ?? ''} to ${
    last?.date.display ?? ''
  }, latest ${latest.join(' / ')}${s.band ? `; reference range ${s.band.text}` : '; no reference range sent'}.`;
}

/** Repeated numeric results over time with the reference range as a band, and the same values as a table. */
export function Trends({ view }: { readonly view: StructuredRecordView }) {
  const series = useMemo(() => trendSeries(view), [view]);
  const [key, setKey] = useState<string | null>(null);
  const id = useId();
  const current = series.find((s) => s.key === key) ?? series[0];
  if (!current) {
    return (
      <p className="gpc-sr-none" data-testid="trends-none">
        No test or measurement has two or more numeric results in this record, so there is no trend to draw.
      </p>
    );
  }
  return (
    <div className="gpc-trend" data-testid="trends">
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor={`${id}-series`}>
          Result to chart
        </label>
        <select
          className="nhsuk-select"
          id={`${id}-series`}
          value={current.key}
          onChange={(e) => setKey(e.target.value)}
        >
          {series.map((s) => (
            <option key={s.key} value={s.key}>
              {s.name}
              {s.unit ? ` (${s.unit})` : ''} – {s.lines[0]?.points.length ?? 0} results
            </option>
          ))}
        </select>
      </div>
      <p id={`${id}-title`} className="gpc-trend__summary" data-testid="trend-summary">
        {summary(current)}
      </p>
      {current.lines.length > 1 && (
        <p className="gpc-trend__legend">
          {current.lines.map((l, i) => (
            <span key={l.label} className={`gpc-trend__key ${LINE_CLASSES[i % LINE_CLASSES.length] ?? ''}`}>
              {l.label}
            </span>
          ))}
        </p>
      )}
      <Chart series={current} titleId={`${id}-title`} />
      <ValuesTable series={current} />
    </div>
  );
}
