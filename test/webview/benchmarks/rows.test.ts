// The Benchmarks view's table rows, cell text, chart data and colours (webview/benchmarks/rows.ts,
// theme-colours.ts), from results summarised and compared by the real statistics of src/core/bench.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { baselineNameProblem, benchRows, chartModel, historyChartModel, historyText, rowCells, scalingNotes, shortDate, shortLabel } from '../../../webview/benchmarks/rows';
import { scalingOf } from '../../../src/core/bench/scaling';
import { benchmarkHistory, digestBaseline } from '../../../src/core/bench/history';
import { createBaseline } from '../../../src/core/bench/baseline';
import { benchmarkKey } from '../../../src/core/bench/model';
import { checkBudgets, parseBudgets } from '../../../src/core/bench/budgets';
import { budgetMessage } from '../../../src/extension/bench/budget-diagnostic-shape';
import { barColour, chartPalette } from '../../../webview/benchmarks/theme-colours';
import { summarize } from '../../../src/core/bench/summary';
import { compareRuns } from '../../../src/core/bench/compare';
import type { BenchmarkResult } from '../../../src/core/bench/model';

/** Three processes of samples around `ns` (a fixed ±1% pattern per process, a process offset of ±0.5%). */
function result(name: string, ns: number, extra: Partial<BenchmarkResult> = {}): BenchmarkResult {
  const runs = [-0.005, 0, 0.005].map((shift) => ({ samples: [0.99, 1, 1.01, 1, 0.995, 1.005].map((f) => ns * f * (1 + shift)) }));
  return { name, file: 'bench/a.bench.js', line: 3, runs, ...extra };
}

const baseline = [result('kept', 1000), result('slowed', 2000), result('gone', 500)];
const current = [result('kept', 1000), result('slowed', 10_000), result('new', 40, { size: 100 })];
const state = { results: current.map(summarize), comparison: compareRuns(current, baseline), baselineResults: baseline.map(summarize) };

test('benchRows joins the run with the comparison and appends benchmarks only the baseline has', () => {
  const rows = benchRows(state);
  assert.deepEqual(rows.map((r) => [r.label, r.verdict, r.summary !== null]), [
    ['kept', 'same', true],
    ['slowed', 'slower', true],
    ['new [n=100]', 'added', true],
    ['gone', 'removed', false],
  ]);
  assert.deepEqual(benchRows({ results: state.results, comparison: [] }).map((r) => r.verdict), [null, null, null]);
});

test('rowCells: mean with unit, ±CI half-width, rsd, ops/s, ratio with its CI', () => {
  const [kept, slowed, , gone] = benchRows(state);
  const c = rowCells(slowed);
  assert.equal(c.mean, '10.0 µs');
  assert.match(c.ci, /^±\d+(\.\d+)? ns$/);
  assert.equal(c.ops, '100.0k');
  assert.equal(c.ratio, '5.00×');
  assert.match(c.ratioCi, /^4\.\d\d–5\.\d\d$/);
  assert.equal(rowCells(kept).ratio, '1.00×');
  assert.deepEqual([rowCells(gone).mean, rowCells(gone).ratio, rowCells(gone).verdict], ['–', '–', 'removed']);
});

test('an inconclusive comparison (wide spread between processes): the verdict cell says how many processes would settle it; its bar keeps the current colour', () => {
  const wide = (ns: number): BenchmarkResult => ({ name: 'noisy', file: 'bench/a.bench.js', runs: [0.5, 1, 2, 0.7, 1.4].map((f) => ({ samples: [ns * f, ns * f * 1.01] })) });
  const comparison = compareRuns([wide(1500)], [wide(1000)]);
  assert.equal(comparison[0].verdict, 'inconclusive');
  const [row] = benchRows({ results: [summarize(wide(1500))], comparison });
  assert.equal(row.verdict, 'inconclusive');
  assert.match(rowCells(row).verdict, /^inconclusive · ~\d+ processes$/);
  const p = chartPalette(() => '', ['vscode-light']);
  assert.equal(barColour(p, 'inconclusive'), p.current);
});

test('rowCells: memory per operation when measured, and its change against the baseline in the title', () => {
  const withBytes = (r: BenchmarkResult, bytes: number): BenchmarkResult => ({ ...r, runs: r.runs.map((x) => ({ ...x, bytesPerOp: bytes })) });
  const before = [withBytes(result('alloc', 1000), 4000)];
  const after = [withBytes(result('alloc', 1000), 8048)];
  const [row] = benchRows({ results: after.map(summarize), comparison: compareRuns(after, before) });
  const c = rowCells(row);
  assert.equal(c.memory, '8.0 kB');
  assert.match(c.memoryTitle, /^memory\/op vs baseline: 4\.0 kB → 8\.0 kB \(2\.01×\)$/);
  const [plain] = benchRows({ results: [summarize(result('plain', 1000))], comparison: [] });
  assert.deepEqual([rowCells(plain).memory, rowCells(plain).memoryTitle], ['–', '']);
});


test('chartModel with a comparison: baseline at 100% with its own CI, current at ratio × 100% with the ratio CI', () => {
  const m = chartModel(state)!;
  assert.equal(m.mode, 'relative');
  assert.deepEqual(m.labels, ['kept', 'slowed']);
  assert.deepEqual(m.verdicts, ['same', 'slower']);
  const [base, cur] = m.series;
  assert.deepEqual([base.role, cur.role], ['baseline', 'current']);
  for (const p of base.points) assert.ok(p.y === 100 && p.yMin < 100 && p.yMax > 100, JSON.stringify(p));
  const slowed = cur.points[1];
  assert.ok(Math.abs(slowed.y - 500) < 1e-6 && slowed.yMin < 500 && slowed.yMax > 500, JSON.stringify(slowed));
});

test('chartModel without a comparison: mean µs with the 95% CI; null without results', () => {
  const m = chartModel({ results: state.results, comparison: [], baselineResults: [] })!;
  assert.equal(m.mode, 'absolute');
  assert.equal(m.series.length, 1);
  const s = state.results[1];
  assert.deepEqual(m.series[0].points[1], { y: s.mean / 1e3, yMin: s.ci95![0] / 1e3, yMax: s.ci95![1] / 1e3 });
  assert.equal(chartModel({ results: [], comparison: [], baselineResults: [] }), null);
});

test('chartModel draws a lower CI bound below zero at 0 (relative) or at 1% of the mean (log axis)', () => {
  // Two processes an order of magnitude apart: the 95% CI of the mean reaches below zero.
  const wild: BenchmarkResult = { name: 'wild', file: 'bench/a.bench.js', runs: [{ samples: [100, 101, 99] }, { samples: [1000, 1010, 990] }] };
  const s = summarize(wild);
  assert.ok(s.ci95![0] < 0, `the example's CI must reach below 0: ${s.ci95}`);
  const abs = chartModel({ results: [s], comparison: [], baselineResults: [] })!;
  assert.equal(abs.series[0].points[0].yMin, s.mean / 1e3 / 100);
  const rel = chartModel({ results: [s], comparison: compareRuns([wild], [wild]), baselineResults: [s] })!;
  assert.equal(rel.series[0].points[0].yMin, 0);
});

test('shortLabel keeps the bench part of a full name, cut with … but with its size whole', () => {
  assert.equal(shortLabel('suite > fast'), 'fast');
  assert.equal(shortLabel('revenueByCategory, 500 lines > in-place accumulator'), 'in-place accumulator');
  assert.equal(shortLabel('packingSlip quadratic [n=4000]'), 'packingSli… [n=4000]');
  assert.equal(shortLabel('a very long benchmark name indeed'), 'a very long benchma…');
  assert.ok(shortLabel('packingSlip quadratic [n=4000]').length <= 20);
});

test('the view validates baseline names with the store rule', () => {
  assert.equal(baselineNameProblem('before-1.2'), null);
  assert.match(baselineNameProblem('../x')!, /path separator/);
  assert.match(baselineNameProblem('')!, /empty/);
});

test('chartPalette reads the theme variables, falls back when missing, and knows high contrast', () => {
  const vars: Record<string, string> = { '--vscode-charts-red': ' #ff0000', '--vscode-foreground': '#111111' };
  const p = chartPalette((n) => vars[n] ?? '', ['vscode-light']);
  assert.deepEqual([p.slower, p.text, p.current, p.highContrast], ['#ff0000', '#111111', '#3794ff', false]);
  assert.equal(chartPalette(() => '', ['vscode-high-contrast', 'vscode-high-contrast-light']).highContrast, true);
  assert.deepEqual([barColour(p, 'slower'), barColour(p, 'faster'), barColour(p, 'same'), barColour(p, null)], [p.slower, p.faster, p.current, p.current]);
});

test('benchRows marks the rows over budget with their sentences; the others stay clean', () => {
  const { violations } = checkBudgets(state.results, parseBudgets({ slowed: { mean: '5us', p99: '1s' }, kept: { mean: '1s' } }));
  const rows = benchRows({ ...state, violations: violations.map((v) => ({ file: v.file, name: v.name, text: budgetMessage(v) })) });
  assert.deepEqual(rows.map((r) => [r.label, r.overBudget]), [
    ['kept', []],
    ['slowed', ['slowed: mean 10.0 µs exceeds the budget 5us']],
    ['new [n=100]', []],
    ['gone', []],
  ]);
});

test('scalingNotes: the fitted exponent (the CLI formatter) below the last row of each bench.sizes group', () => {
  const sized = [100, 200, 400].map((n) => result('grows', n * 10, { size: n }));
  const all = [result('flat', 1000), ...sized];
  const rows = benchRows({ results: all.map(summarize), comparison: [] });
  const fit = scalingOf(all)[0].fit;
  const notes = scalingNotes(rows, [{ file: 'bench/a.bench.js', name: 'grows', exponent: fit.exponent, ci95: fit.ci95 }]);
  assert.deepEqual([...notes.keys()], [rows[3].key]);
  assert.match(notes.get(rows[3].key)!, /^grows: ≈ O\(n\^1\.00\) \[\d\.\d\d, \d\.\d\d\]$/);
  assert.equal(scalingNotes(rows, [{ file: 'bench/other.bench.js', name: 'grows', exponent: 1, ci95: null }]).size, 0);
});

test('historyChartModel: saved points oldest first then "current", in one unit with the CI, commit in the tooltip', () => {
  const key = benchmarkKey({ file: 'bench/a.bench.js', name: 'slowed' });
  const env = (gitCommit: string | null, gitDirty: boolean | null) => ({ runtime: 'node', nodeVersion: 'v22', cpuModel: 'c', cpuCount: 2, os: 'linux', gitCommit, gitDirty, date: '' });
  const digests = [
    digestBaseline(createBaseline('after', env('fedcba9876543210', true), [result('slowed', 2500)], new Date('2026-11-30T14:05:09Z'))),
    digestBaseline(createBaseline('before', env(null, null), [result('slowed', 2000)], new Date('2026-11-29T09:01:00Z'))),
  ];
  const now = summarize(current[1]);
  const m = historyChartModel({ benchmark: { file: 'bench/a.bench.js', name: 'slowed' }, points: benchmarkHistory(digests, key, { mean: now.mean, ci95: now.ci95 }) })!;
  assert.deepEqual(m.labels, ['before · 11-29 09:01', 'after · 11-30 14:05', 'current']);
  assert.equal(m.unit, 'µs');
  assert.equal(m.yTitle, 'mean µs/op, 95% CI');
  assert.deepEqual([m.current, m.saved], [2, 2]);
  assert.ok(Math.abs(m.points[0].y - 2) < 1e-9 && m.points[0].yMin < 2 && m.points[0].yMax > 2, JSON.stringify(m.points[0]));
  assert.ok(Math.abs(m.points[2].y - 10) < 1e-9);
  assert.deepEqual(m.details, ['before, saved 2026-11-29 09:01 UTC (no git commit)', 'after, saved 2026-11-30 14:05 UTC (commit fedcba9, uncommitted changes)', 'the current results']);
  assert.match(historyText('slowed', m), /^slowed: before · 11-29 09:01 2\.00 µs \[1\.\d\d, 2\.\d\d\]; after · 11-30 14:05 2\.50 µs \[[\d.]+, [\d.]+\]; current 10\.0 µs \[[\d.]+, [\d.]+\]$/);
  const only = historyChartModel({ benchmark: { file: 'f', name: 'x' }, points: benchmarkHistory([], 'x', { mean: 5e6, ci95: [-1e6, 11e6] }) })!;
  assert.deepEqual([only.unit, only.saved, only.points[0].yMin], ['ms', 0, 0]);
  assert.equal(historyChartModel(null), null);
  assert.equal(shortDate('2026-01-02T03:04:05.000Z'), '01-02 03:04');
});
