import type {
  CodedConcept,
  QuantityValue,
  RecordedDate,
  ReferenceRangeView,
  StructuredRecordView,
} from '../../../shared/record/structured-view';

export interface TrendPoint {
  readonly id: string;
  readonly date: RecordedDate;
  readonly value: number;
  /** As the practice reported it (`<5.0 mmol/L`). */
  readonly text: string;
  readonly abnormal: boolean;
  readonly rangeText?: string;
  readonly flag?: string;
}

export interface TrendLine {
  readonly label: string;
  /** Oldest first. */
  readonly points: readonly TrendPoint[];
}

export interface TrendSeries {
  readonly key: string;
  readonly name: string;
  readonly unit?: string;
  readonly lines: readonly TrendLine[];
  /** The reference range of the latest result, when it has numbers: drawn as a band. */
  readonly band?: { readonly low?: number; readonly high?: number; readonly text: string };
}

const SNOMED = 'http://snomed.info/sct';

/** Same test, same unit: by SNOMED code first, then any code, then the term (results from other labs share a code). */
function seriesKey(concept: CodedConcept, unit: string | undefined): string {
  const coding = concept.codings.find((c) => c.system === SNOMED) ?? concept.codings[0];
  const id = coding ? `${coding.system}|${coding.code}` : `text|${concept.text.trim().toLowerCase()}`;
  return `${id}|${(unit ?? '').trim()}`;
}

function numeric(q: QuantityValue | undefined): number | undefined {
  return q?.value !== undefined && Number.isFinite(q.value) ? q.value : undefined;
}

function bandOf(ranges: readonly ReferenceRangeView[] | undefined): TrendSeries['band'] {
  for (const r of ranges ?? []) {
    const low = numeric(r.low);
    const high = numeric(r.high);
    if (low !== undefined || high !== undefined) {
      return { ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}), text: r.text };
    }
  }
  return undefined;
}

interface Builder {
  name: string;
  unit?: string;
  points: TrendPoint[];
  ranges: Map<string, readonly ReferenceRangeView[]>;
}

/** Priority for the first series shown: the repeated results clinicians follow most. */
const FAVOURITES = [/hba1c|haemoglobin a1c|hemoglobin a1c|glycated/i, /egfr|glomerular/i, /blood pressure/i];

function favourite(name: string): number {
  const i = FAVOURITES.findIndex((re) => re.test(name));
  return i < 0 ? FAVOURITES.length : i;
}

const byDate = (a: TrendPoint, b: TrendPoint) => a.date.sortKey.localeCompare(b.date.sortKey);

/**
 * Numeric results that repeat (two or more dated values of the same test in the same unit), from investigations and
 * uncategorised data, plus blood pressure as a systolic/diastolic pair. Pure; the chart and its table read this.
 */
export function trendSeries(view: StructuredRecordView): TrendSeries[] {
  const builders = new Map<string, Builder>();
  const add = (
    concept: CodedConcept,
    q: QuantityValue,
    id: string,
    date: RecordedDate | undefined,
    abnormal: boolean,
    ranges: readonly ReferenceRangeView[],
    flag: string | undefined,
  ) => {
    const value = numeric(q);
    if (value === undefined || !date) return;
    const key = seriesKey(concept, q.unit);
    let b = builders.get(key);
    if (!b) {
      b = { name: concept.text, ...(q.unit ? { unit: q.unit } : {}), points: [], ranges: new Map() };
      builders.set(key, b);
    }
    b.points.push({
      id,
      date,
      value,
      text: q.text,
      abnormal,
      ...(ranges[0] ? { rangeText: ranges[0].text } : {}),
      ...(flag ? { flag } : {}),
    });
    b.ranges.set(id, ranges);
  };

  for (const report of view.areas.investigations.reports) {
    for (const group of [{ results: report.results, date: undefined }, ...report.testGroups]) {
      for (const r of group.results) {
        if (r.value?.kind !== 'quantity') continue;
        const date = r.date ?? group.date ?? report.effective ?? report.issued;
        add(r.name, r.value.quantity, r.id, date, r.abnormal, r.referenceRanges, r.interpretation?.text);
      }
    }
  }
  const systolic: TrendPoint[] = [];
  const diastolic: TrendPoint[] = [];
  for (const u of view.areas.uncategorised.items) {
    const date = u.date ?? u.recorded;
    if (u.bloodPressure) {
      const s = numeric(u.bloodPressure.systolic);
      const d = numeric(u.bloodPressure.diastolic);
      if (date && s !== undefined && u.bloodPressure.systolic)
        systolic.push({ id: `${u.id}#s`, date, value: s, text: u.bloodPressure.systolic.text, abnormal: false });
      if (date && d !== undefined && u.bloodPressure.diastolic)
        diastolic.push({ id: `${u.id}#d`, date, value: d, text: u.bloodPressure.diastolic.text, abnormal: false });
      continue;
    }
    if (u.value?.kind === 'quantity') {
      add(
        u.concept,
        u.value.quantity,
        u.id,
        date,
        u.interpretation?.abnormal ?? false,
        u.referenceRanges,
        u.interpretation?.text,
      );
    }
  }

  const series: TrendSeries[] = [];
  for (const [key, b] of builders) {
    if (b.points.length < 2) continue;
    const points = [...b.points].sort(byDate);
    const latest = points[points.length - 1];
    const band = latest ? bandOf(b.ranges.get(latest.id)) : undefined;
    series.push({
      key,
      name: b.name,
      ...(b.unit ? { unit: b.unit } : {}),
      lines: [{ label: b.name, points }],
      ...(band ? { band } : {}),
    });
  }
  if (systolic.length + diastolic.length >= 2 && Math.max(systolic.length, diastolic.length) >= 2) {
    series.push({
      key: 'blood-pressure',
      name: 'Blood pressure',
      unit: 'mmHg',
      lines: [
        { label: 'Systolic', points: systolic.sort(byDate) },
        { label: 'Diastolic', points: diastolic.sort(byDate) },
      ],
    });
  }
  return series.sort(
    (a, b) => favourite(a.name) - favourite(b.name) || pointCount(b) - pointCount(a) || a.name.localeCompare(b.name),
  );
}

function pointCount(s: TrendSeries): number {
  return s.lines.reduce((n, l) => n + l.points.length, 0);
}
