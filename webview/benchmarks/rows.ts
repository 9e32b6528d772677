/**
 * *Pure* shaping of the Benchmarks view: the results table's rows (the last run joined with the
 * comparison, removed benchmarks appended), their text, and the chart's data. No DOM, no Chart.js: tested
 * in test/webview/benchmarks/.
 */
import { benchmarkKey, benchmarkLabel } from '../../src/core/bench/model';
import type { BenchmarkSummary } from '../../src/core/bench/summary';
import type { BenchmarkComparison, Verdict } from '../../src/core/bench/compare';
import { formatScaling } from '../../src/core/bench/scaling';
import { formatBytes, formatNsOrDash, formatOpsCompact, formatPercent, threeFigures, timeUnitOf, type TimeUnit } from '../../src/core/format/numbers';
import type { BenchHistory, BenchViewState } from '../../src/protocol/benchmarks';

export interface BenchRow {
  key: string;
  name: string;
  label: string;
  file: string;
  line?: number;
  size?: number;
  /** Null for a benchmark only the baseline has (removed). */
  summary: BenchmarkSummary | null;
  comparison: BenchmarkComparison | null;
  verdict: Verdict | null;
  /** The budgets it broke, one sentence each (empty: within budget, or none set). */
  overBudget: string[];
}

export function benchRows(state: Pick<BenchViewState, 'results' | 'comparison'> & Partial<Pick<BenchViewState, 'violations'>>): BenchRow[] {
  const byKey = new Map(state.comparison.map((c) => [benchmarkKey(c), c]));
  const over = (key: string) => (state.violations ?? []).filter((v) => benchmarkKey(v) === key).map((v) => v.text);
  const rows: BenchRow[] = state.results.map((s) => {
    const c = byKey.get(benchmarkKey(s)) ?? null;
    const key = benchmarkKey(s);
    return { key, name: s.name, label: benchmarkLabel(s), file: s.file, line: s.line, size: s.size, summary: s, comparison: c, verdict: c?.verdict ?? null, overBudget: over(key) };
  });
  const present = new Set(rows.map((r) => r.key));
  for (const c of state.comparison) {
    if (present.has(benchmarkKey(c))) continue;
    rows.push({ key: benchmarkKey(c), name: c.name, label: benchmarkLabel(c), file: c.file, line: c.line, size: c.size, summary: null, comparison: c, verdict: c.verdict, overBudget: [] });
  }
  return rows;
}

/**
 * The scaling line of each `bench.sizes` group, keyed by the group's last row (the table shows it just
 * below): "packingSlip quadratic: ≈ O(n^2.01) [1.95, 2.07]", the CLI's own formatter.
 */
export function scalingNotes(rows: readonly BenchRow[], scaling: BenchViewState['scaling']): Map<string, string> {
  const out = new Map<string, string>();
  for (const sc of scaling) {
    const group = rows.filter((r) => r.file === sc.file && r.name === sc.name && r.size !== undefined);
    if (group.length) out.set(group[group.length - 1].key, `${sc.name}: ${formatScaling(sc)}`);
  }
  return out;
}

/** "1.52×" */
export const formatRatio = (r: number | null): string => (r === null || !Number.isFinite(r) ? '–' : `${r.toFixed(2)}×`);

/** The cells of a row, in the table's column order (name and file excepted). */
export function rowCells(r: BenchRow): { size: string; mean: string; ci: string; rsd: string; ops: string; memory: string; memoryTitle: string; ratio: string; ratioCi: string; verdict: string } {
  const s = r.summary;
  const c = r.comparison;
  return {
    size: r.size === undefined ? '' : String(r.size),
    mean: s ? formatNsOrDash(s.mean) : '–',
    ci: s?.ci95 ? `±${formatNsOrDash((s.ci95[1] - s.ci95[0]) / 2)}` : '–',
    rsd: s ? formatPercent(s.rsd) : '–',
    ops: s && Number.isFinite(s.opsPerSec) ? formatOpsCompact(s.opsPerSec, 1) : '–',
    // Bytes allocated per operation, when measured (perfLens.bench.memory or a memory budget).
    memory: s?.bytesPerOp !== undefined ? formatBytes(s.bytesPerOp) : '–',
    memoryTitle: memoryTitle(c),
    ratio: formatRatio(c?.ratio ?? null),
    ratioCi: c?.ci95 ? `${c.ci95[0].toFixed(2)}–${c.ci95[1].toFixed(2)}` : '–',
    verdict: r.verdict === 'inconclusive' && c?.processesToSettle !== undefined && Number.isFinite(c.processesToSettle) ? `inconclusive · ~${c.processesToSettle} processes` : (r.verdict ?? ''),
  };
}

function memoryTitle(c: BenchRow['comparison']): string {
  if (c?.currentBytesPerOp === undefined || c.baselineBytesPerOp === undefined) return '';
  const ratio = c.bytesPerOpRatio;
  return `memory/op vs baseline: ${formatBytes(c.baselineBytesPerOp)} → ${formatBytes(c.currentBytesPerOp)}${ratio === null || ratio === undefined ? '' : ` (${formatRatio(ratio)})`}`;
}

export interface ErrorBarPoint {
  y: number;
  yMin: number;
  yMax: number;
}

export interface ChartSeries {
  label: string;
  /** Which palette colour draws it. */
  role: 'current' | 'baseline';
  points: ErrorBarPoint[];
}

export interface ChartModel {
  labels: string[];
  /** 'relative': % of the baseline's time (100 = same; error bars: the ratio's 95% CI, and the baseline's own CI); 'absolute': mean µs per operation with its 95% CI (log axis). The chart draws the values along x (horizontal bars). */
  mode: 'relative' | 'absolute';
  yTitle: string;
  series: ChartSeries[];
  /** Per label: the verdict (colours the current bar), when comparing. */
  verdicts: (Verdict | null)[];
}

/**
 * What the chart draws. With a comparison: each benchmark measured on both sides, the baseline at 100%
 * (its whiskers: its own 95% CI relative to its mean) and the current run at ratio × 100% (whiskers: the
 * ratio's 95% CI, which carries both sides' uncertainty). Benchmarks of very different speeds share one
 * axis that way. Without one: the mean per operation in µs with its 95% CI. A time cannot be negative: a
 * lower bound below 0 (a very noisy, few-process estimate) is drawn at 0, on the log axis at 1% of the
 * mean. Null when nothing to draw.
 */
export function chartModel(state: Pick<BenchViewState, 'results' | 'comparison' | 'baselineResults'>): ChartModel | null {
  const compared = state.comparison.filter((c) => c.ratio !== null && c.baselineMean !== null);
  if (compared.length > 0) {
    const baselineByKey = new Map(state.baselineResults.map((b) => [benchmarkKey(b), b]));
    const baselinePoints: ErrorBarPoint[] = compared.map((c) => {
      const b = baselineByKey.get(benchmarkKey(c));
      const ci = b?.ci95;
      return ci && b.mean > 0 ? { y: 100, yMin: Math.max(0, (100 * ci[0]) / b.mean), yMax: (100 * ci[1]) / b.mean } : { y: 100, yMin: 100, yMax: 100 };
    });
    const currentPoints: ErrorBarPoint[] = compared.map((c) => {
      const y = 100 * c.ratio!;
      return c.ci95 ? { y, yMin: 100 * c.ci95[0], yMax: 100 * c.ci95[1] } : { y, yMin: y, yMax: y };
    });
    return {
      labels: compared.map(benchmarkLabel),
      mode: 'relative',
      yTitle: '% of baseline time per operation (95% CI)',
      series: [
        { label: 'baseline', role: 'baseline', points: baselinePoints },
        { label: 'current', role: 'current', points: currentPoints },
      ],
      verdicts: compared.map((c) => c.verdict),
    };
  }
  if (state.results.length === 0) return null;
  return {
    labels: state.results.map(benchmarkLabel),
    mode: 'absolute',
    yTitle: 'mean µs per operation (95% CI)',
    series: [
      {
        label: 'current',
        role: 'current',
        points: state.results.map((s) => {
          const y = s.mean / 1e3;
          return s.ci95 ? { y, yMin: Math.max(s.ci95[0] / 1e3, y / 100), yMax: s.ci95[1] / 1e3 } : { y, yMin: y, yMax: y };
        }),
      },
    ],
    verdicts: state.results.map(() => null),
  };
}

/**
 * A chart tick label for a narrow view (the tooltip gives the full name): the last part of "suite > bench",
 * cut to `max` characters with "…", keeping a size suffix " [n=1000]" whole.
 */
export function shortLabel(label: string, max = 20): string {
  const tail = label.includes(' > ') ? label.slice(label.lastIndexOf(' > ') + 3) : label;
  if (tail.length <= max) return tail;
  const size = / \[n=\d+\]$/.exec(tail)?.[0] ?? '';
  const name = tail.slice(0, tail.length - size.length);
  const room = Math.max(4, max - size.length - 1);
  return name.length > room ? `${name.slice(0, room)}…${size}` : tail;
}

/** Why a typed baseline name cannot be saved, or null: the store's own rule, so the view and the host agree. */
export { baselineNameProblem } from '../../src/core/bench/baseline';

export interface HistoryChartModel {
  /** x ticks: "<baseline> · 11-30 14:05", the current run last as "current". */
  labels: string[];
  /** Tooltip titles: the baseline, its full date and commit ("abc1234, uncommitted changes"). */
  details: string[];
  /** Means and 95% CIs in `unit`, one per label. */
  points: ErrorBarPoint[];
  unit: TimeUnit;
  yTitle: string;
  /** Index of the current run's point, or null when the history has none. */
  current: number | null;
  /** How many saved baselines have this benchmark. */
  saved: number;
}

/** "2026-11-30T14:05:09.000Z" → "11-30 14:05" (UTC, as saved; short enough for a narrow view). */
export function shortDate(iso: string): string {
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/**
 * What the history chart draws: the benchmark's mean with its 95% CI in each saved baseline (oldest first),
 * then the current run, in one unit picked from the largest mean. A lower bound below 0 is drawn at 0.
 * Null when there is nothing to draw.
 */
export function historyChartModel(history: BenchHistory | null): HistoryChartModel | null {
  if (!history || history.points.length === 0) return null;
  const largest = Math.max(...history.points.map((p) => p.mean));
  const [scale, unit] = timeUnitOf(largest);
  const current = history.points.findIndex((p) => p.baseline === null);
  return {
    labels: history.points.map((p) => (p.baseline === null ? 'current' : `${p.baseline} · ${shortDate(p.savedAt ?? '')}`)),
    details: history.points.map((p) => {
      if (p.baseline === null) return 'the current results';
      const commit = p.commit === null ? 'no git commit' : `commit ${p.commit.slice(0, 7)}${p.dirty ? ', uncommitted changes' : ''}`;
      return `${p.baseline}, saved ${(p.savedAt ?? '').slice(0, 16).replace('T', ' ')} UTC (${commit})`;
    }),
    points: history.points.map((p) => {
      const y = p.mean / scale;
      return p.ci95 ? { y, yMin: Math.max(0, p.ci95[0] / scale), yMax: p.ci95[1] / scale } : { y, yMin: y, yMax: y };
    }),
    unit,
    yTitle: `mean ${unit}/op, 95% CI`,
    current: current >= 0 ? current : null,
    saved: history.points.filter((p) => p.baseline !== null).length,
  };
}

/** The history chart in words, for screen readers (the canvas's label): "in-place accumulator: before · 11-29 09:01 2.00 µs [1.95, 2.05]; current 10.0 µs [9.80, 10.2]". */
export function historyText(name: string, m: HistoryChartModel): string {
  const n = threeFigures;
  return `${name}: ` + m.labels.map((label, i) => {
    const p = m.points[i];
    return `${label} ${n(p.y)} ${m.unit}` + (p.yMin !== p.yMax ? ` [${n(p.yMin)}, ${n(p.yMax)}]` : '');
  }).join('; ');
}
