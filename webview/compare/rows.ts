/**
 * What the compare table and the flame graph's tooltips say, without the DOM (tested in plain Node):
 * each function's two self times in the comparison's unit (core/profile/diff-flame.ts `compareTimes`),
 * the change, a verdict, sorting, "my code only", and the header line that says how runs were made
 * comparable.
 */
import type { FunctionDiff } from '../../src/core/profile/diff';
import { beforeToAfterScale, compareTimes, type DiffNormalisation, type Verdict } from '../../src/core/profile/diff-flame';
import { kindOfFile } from '../../src/core/profile/flame';
import type { CompareRun } from '../../src/protocol/compare';
import { formatMs as ms, formatPercent as pct, formatUs } from '../../src/core/format/numbers';

export interface CompareRow {
  fn: FunctionDiff;
  /** Self time in the comparison's unit: % of the run, or µs per call. */
  before: number;
  after: number;
  /** Run mode: ms at the newer run's length (after − before scaled); call mode: ms per call. */
  deltaMs: number;
  /** (after − before) / before; null for a function the older run never sampled. */
  relative: number | null;
  verdict: Verdict;
}

export type CompareSortKey = 'functionName' | 'file' | 'before' | 'after' | 'delta' | 'relative' | 'verdict';
export type SortDir = 'asc' | 'desc';

export function compareRows(functions: readonly FunctionDiff[], norm: DiffNormalisation): CompareRow[] {
  const scale = beforeToAfterScale(norm);
  return functions.map((fn) => {
    const c = compareTimes(norm, fn.beforeSelfMs * 1000, fn.afterSelfMs * 1000);
    const deltaMs = norm.mode === 'call' ? c.delta / 1000 : fn.afterSelfMs - fn.beforeSelfMs * scale;
    return { fn, before: c.before, after: c.after, deltaMs, relative: c.before > 0 ? c.delta / c.before : null, verdict: c.verdict };
  });
}

const VERDICT_ORDER: Record<Verdict, number> = { faster: 0, same: 1, slower: 2 };

/** The rows shown: all, or the user's own files; sorted by a column (ties keep the diff's order: largest change first). */
export function visibleCompareRows(rows: readonly CompareRow[], myCodeOnly: boolean, key: CompareSortKey, dir: SortDir): CompareRow[] {
  const shown = myCodeOnly ? rows.filter((r) => kindOfFile(r.fn.file) === 'user') : rows.slice();
  const sign = dir === 'asc' ? 1 : -1;
  const cmp = (a: CompareRow, b: CompareRow): number => {
    switch (key) {
      case 'functionName':
        return a.fn.functionName.localeCompare(b.fn.functionName);
      case 'file':
        return a.fn.file.localeCompare(b.fn.file) || a.fn.line - b.fn.line;
      case 'delta':
        return a.deltaMs - b.deltaMs;
      case 'relative':
        // New functions (no "before") count as the largest growth.
        return (a.relative ?? Infinity) - (b.relative ?? Infinity) || 0;
      case 'verdict':
        return VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || a.deltaMs - b.deltaMs;
      default:
        return a[key] - b[key];
    }
  };
  return shown.sort((a, b) => sign * cmp(a, b));
}

/** Names start at A; numbers and verdicts start with the largest (slowest). */
export function nextCompareSort(current: { key: CompareSortKey; dir: SortDir }, clicked: CompareSortKey): { key: CompareSortKey; dir: SortDir } {
  if (current.key === clicked) return { key: clicked, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key: clicked, dir: clicked === 'functionName' || clicked === 'file' ? 'asc' : 'desc' };
}

const signed = (text: string, x: number) => (x > 0 ? `+${text}` : x < 0 ? `−${text.replace(/^-/, '')}` : text);

/** A value in the comparison's unit: `12.3%` of the run, or `198 µs` per call. */
export function unitValue(norm: DiffNormalisation, value: number): string {
  return norm.mode === 'call' ? formatUs(value) : pct(value);
}

/** A self-time cell: the normalised value, with the run's own ms in run mode (`12.3% · 74.0 ms`). */
export function sideCell(norm: DiffNormalisation, row: CompareRow, side: 'before' | 'after'): string {
  const value = unitValue(norm, row[side]);
  if (norm.mode === 'call') return `${value}/call`;
  const own = side === 'before' ? row.fn.beforeSelfMs : row.fn.afterSelfMs;
  return `${value} · ${ms(own)} ms`;
}

/** Run mode: ms at the newer run's length (`+600`); call mode: µs or ms per call (`−2.00 µs/call`). */
export function deltaCell(norm: DiffNormalisation, row: CompareRow): string {
  if (norm.mode === 'call') return `${signed(formatUs(Math.abs(row.deltaMs * 1000)), row.deltaMs)}/call`;
  return signed(ms(Math.abs(row.deltaMs)), row.deltaMs);
}

export function relativeCell(row: CompareRow): string {
  if (row.relative === null) return row.after > 0 ? 'new' : '—';
  return signed(`${Math.abs(100 * row.relative).toFixed(0)}%`, row.relative);
}

export function verdictCell(row: CompareRow): string {
  return row.verdict === 'same' ? 'same' : row.verdict;
}

/** The Δ ms column's heading: what a millisecond of change means in this comparison. */
export function deltaHeading(norm: DiffNormalisation): string {
  return norm.mode === 'call' ? 'Δ per call' : 'Δ ms';
}

/** "before: a.cpuprofile (601 ms, 1653 calls) → after: b.cpuprofile (602 ms, 731 calls)". */
export function runsLine(before: CompareRun, after: CompareRun): string {
  const one = (r: CompareRun) => `${r.label} (${ms(r.durationMs)} ms${r.calls === undefined ? '' : `, ${r.calls} calls`})`;
  return `before: ${one(before)} → after: ${one(after)}`;
}

/** The header line that documents how the two runs were made comparable. */
export function normalisationLine(norm: DiffNormalisation): string {
  const noise = 'Grey: within sampling noise (2 standard errors) or under 5% of the larger side.';
  const b = norm.before;
  const a = norm.after;
  if (norm.mode === 'call') {
    return `Compared per call of the profiled function (both runs have call counts): before ${b.calls} calls in ${ms(b.sampledUs / 1000)} ms sampled, after ${a.calls} calls in ${ms(a.sampledUs / 1000)} ms; self times are per call. ${noise}`;
  }
  return `Compared as a share of each run's sampled time (before ${ms(b.sampledUs / 1000)} ms, ${b.sampleCount} samples; after ${ms(a.sampledUs / 1000)} ms, ${a.sampleCount} samples), so runs of different lengths compare fairly; Δ ms is the change at the newer run's length. ${noise}`;
}

/** Tooltip lines of a differential flame frame: self and total before → after, in the comparison's unit and in each run's ms. */
export function frameLines(
  norm: DiffNormalisation,
  t: { beforeSelfUs: number; afterSelfUs: number; beforeTotalUs: number; afterTotalUs: number },
): string[] {
  const self = compareTimes(norm, t.beforeSelfUs, t.afterSelfUs);
  const total = compareTimes(norm, t.beforeTotalUs, t.afterTotalUs);
  const unit = norm.mode === 'call' ? ' per call' : ' of the run';
  const change = (c: typeof self) => (c.delta === 0 ? '' : ` (${signed(unitValue(norm, Math.abs(c.delta)), c.delta)})`);
  return [
    `self ${unitValue(norm, self.before)} → ${unitValue(norm, self.after)}${unit}${change(self)}: ${self.verdict}`,
    `total ${unitValue(norm, total.before)} → ${unitValue(norm, total.after)}${unit}${change(total)}`,
    `before: self ${ms(t.beforeSelfUs / 1000)} ms, total ${ms(t.beforeTotalUs / 1000)} ms · after: self ${ms(t.afterSelfUs / 1000)} ms, total ${ms(t.afterTotalUs / 1000)} ms`,
  ];
}

/** Fill of a differential frame: red for slower, blue for faster, deeper with the size of the change; grey for the same. */
export function changeColour(change: number, kind: string): string {
  if (change === 0 || !Number.isFinite(change)) return kind === 'user' ? 'hsl(0, 0%, 74%)' : 'hsl(0, 0%, 64%)';
  const depth = Math.min(1, Math.abs(change));
  const lightness = Math.round(84 - 30 * depth);
  return change > 0 ? `hsl(0, 78%, ${lightness}%)` : `hsl(212, 78%, ${lightness}%)`;
}
