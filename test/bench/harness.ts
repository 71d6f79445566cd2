import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The benchmark harness: every figure is a ratio to a baseline measured in the same run (these machines are noisy;
 * absolute times do not compare between runs), with a budget. A missed budget is a warning, not a failure: CI runs
 * a quick mode so the harness cannot rot, and the full run is read by people.
 */
export interface Figure {
  readonly name: string;
  readonly ratio: number;
  readonly budget: number;
  readonly pass: boolean;
  /** What was measured, for the table. */
  readonly detail: string;
}

export const QUICK = process.env['BENCH_QUICK'] === '1';

const figures: Figure[] = [];

export function record(name: string, ratio: number, budget: number, detail: string): Figure {
  const figure = { name, ratio: Math.round(ratio * 1000) / 1000, budget, pass: ratio <= budget, detail };
  figures.push(figure);
  return figure;
}

/** Median of `runs` timings (ms) of `f`, after `warmup` untimed calls. */
export async function medianMs(f: () => Promise<unknown>, runs: number, warmup = QUICK ? 1 : 3): Promise<number> {
  for (let i = 0; i < warmup; i += 1) await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await f();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/** Alternates subject and baseline over several rounds so drift on a noisy machine hits both alike. */
export async function ratioOf(
  subject: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  rounds: number,
  runs: number,
): Promise<{ ratio: number; subjectMs: number; baselineMs: number }> {
  const s: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    b.push(await medianMs(baseline, runs));
    s.push(await medianMs(subject, runs));
  }
  const mid = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;
  return { ratio: mid(s) / mid(b), subjectMs: mid(s), baselineMs: mid(b) };
}

/**
 * Figures written earlier in the same `vitest run` by other bench files (each file runs in its own worker, all
 * forked by one Vitest process): kept, so results.json holds the whole run. A new run starts the file afresh.
 */
function earlierFiguresOfThisRun(file: string): { name: string; ratio: number; budget: number; pass: boolean }[] {
  const marker = `${file}.run`;
  const run = String(process.ppid);
  const sameRun = existsSync(marker) && readFileSync(marker, 'utf8') === run && existsSync(file);
  writeFileSync(marker, run);
  if (!sameRun) return [];
  try {
    const earlier = JSON.parse(readFileSync(file, 'utf8')) as {
      name: string;
      ratio: number;
      budget: number;
      pass: boolean;
    }[];
    return Array.isArray(earlier) ? earlier.filter((e) => !figures.some((f) => f.name === e.name)) : [];
  } catch {
    return [];
  }
}

export function writeResults(file = 'bench/results.json'): void {
  mkdirSync('bench', { recursive: true });
  const earlier = earlierFiguresOfThisRun(file);
  writeFileSync(
    file,
    `${JSON.stringify(
      [...earlier, ...figures.map(({ name, ratio, budget, pass }) => ({ name, ratio, budget, pass }))],
      null,
      2,
    )}\n`,
  );
  const width = Math.max(...figures.map((f) => f.name.length), 6);
  const rows = figures.map(
    (f) =>
      `${f.name.padEnd(width)}  ${f.ratio.toFixed(3).padStart(7)}  ${`≤${f.budget}`.padStart(6)}  ${f.pass ? 'ok  ' : 'MISS'}  ${f.detail}`,
  );
  const missed = figures.filter((f) => !f.pass);
  console.log(
    [
      `${'figure'.padEnd(width)}    ratio  budget  verdict`,
      ...rows,
      '',
      `bench: ${figures.length} figures, written to ${file}${QUICK ? ' (quick mode)' : ''}`,
    ]
      .concat(
        missed.length > 0
          ? [`bench: WARNING ${missed.length} budget(s) missed: ${missed.map((f) => f.name).join(', ')}`]
          : [],
      )
      .join('\n'),
  );
}
