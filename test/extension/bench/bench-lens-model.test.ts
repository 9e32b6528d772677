import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { benchCallsInSource } from '../../../src/core/bench/bench-calls';
import { summarize } from '../../../src/core/bench/summary';
import { compareResult } from '../../../src/core/bench/compare';
import { checkBudgets, parseBudgets } from '../../../src/core/bench/budgets';
import { scalingOf } from '../../../src/core/bench/scaling';
import type { BenchmarkResult } from '../../../src/core/bench/model';
import { benchLenses, formatCiPercent, formatComparison, formatResult } from '../../../src/extension/bench/bench-lens-model';
import { formatOpsPerSec as formatOps } from '../../../src/core/format/numbers';
import type { LastBenchResult } from '../../../src/extension/bench/bench-results-store';
import { budgetDiagnosticShapes, budgetMessage } from '../../../src/extension/bench/budget-diagnostic-shape';
import { readBenchSettings } from '../../../src/extension/bench/bench-settings';

const examples = path.join(__dirname, '../../../examples/node-shop/bench');
const read = (f: string) => fs.readFileSync(path.join(examples, f), 'utf8');

/** Five processes of `perOp` ns each, with a small spread. */
function result(name: string, perOp: number, size?: number, file = 'bench/x.bench.mjs'): BenchmarkResult {
  const runs = [0.99, 1.01, 1, 0.98, 1.02].map((f) => ({ samples: [perOp * f, perOp * f * 1.01, perOp * f * 0.99] }));
  return size === undefined ? { name, file, runs } : { name, file, size, runs };
}

test('ops/s, CI percent and comparison wording', () => {
  assert.equal(formatOps(813.4), '813 ops/s');
  assert.equal(formatOps(1234567.8), '1,234,568 ops/s');
  assert.equal(formatOps(0.4213), '0.42 ops/s');
  assert.equal(formatCiPercent({ mean: 100, ci95: [97.9, 102.1] }), ' ± 2.1%');
  assert.equal(formatCiPercent({ mean: 100, ci95: null }), '');
  assert.equal(formatComparison({ ratio: 1.3149, verdict: 'slower' }, 'main'), "1.31x slower than 'main'");
  assert.equal(formatComparison({ ratio: 0.8, verdict: 'faster' }, 'main'), "1.25x faster than 'main'");
  assert.equal(formatComparison({ ratio: 1.02, verdict: 'same' }, 'main'), "same as 'main' (1.02x)");
  // Inconclusive is never shown as "same".
  assert.equal(formatComparison({ ratio: 2.09, verdict: 'inconclusive', processesToSettle: 6 }, 'main'), "2.09x vs 'main', inconclusive (~6 processes would settle it)");
  assert.equal(formatComparison({ ratio: 1.3, verdict: 'inconclusive' }, 'main'), "1.3x vs 'main', inconclusive (too few processes to tell)".replace('1.3x', '1.30x'));
  assert.equal(formatComparison({ ratio: null, verdict: 'added' }, 'main'), undefined);
});

test('the label of a real summary with a real comparison', () => {
  const cur = result('csv export', 1.31e6);
  const base = result('csv export', 1e6);
  const s = summarize(cur);
  const label = formatResult({ summary: s, comparison: compareResult(cur, base), baselineName: 'main' });
  assert.match(label, /^1\.31 ms ± \d+(\.\d)?% · 76\d ops\/s · 1\.31x slower than 'main'$/);
});

test('lenses on the vitest example: the file, the describe block (its two names), each bench; last result after a run', () => {
  const calls = benchCallsInSource(read('packing-slip.bench.mjs'), 'packing-slip.bench.mjs');
  const before = benchLenses({ calls, results: [], scalingOf: () => undefined });
  assert.deepEqual(
    before.map((l) => [l.line, l.title, l.target]),
    [
      [9, "Run file's benchmarks (2)", { command: 'perfLens.runBenchmarkFile' }],
      [9, 'Run 2 benchmarks', { command: 'perfLens.runBenchmark', names: ['packingSlip, 2,000 names > quadratic (lastIndexOf + +=)', 'packingSlip, 2,000 names > fixed (lines + join)'] }],
      [10, 'Run benchmark', { command: 'perfLens.runBenchmark', names: ['packingSlip, 2,000 names > quadratic (lastIndexOf + +=)'] }],
      [14, 'Run benchmark', { command: 'perfLens.runBenchmark', names: ['packingSlip, 2,000 names > fixed (lines + join)'] }],
    ],
  );
  const raw = result('packingSlip, 2,000 names > fixed (lines + join)', 2500);
  const after = benchLenses({ calls, results: [{ root: '/', absoluteFile: '/x', result: raw, summary: summarize(raw), violations: [], ranAt: new Date() }], scalingOf: () => undefined });
  assert.match(after[3].title, /^Run benchmark · last: 2\.50 µs ± [\d.]+% · 400,000 ops\/s$/);
  assert.equal(after[2].title, 'Run benchmark');
});

test('lenses on the bench.sizes example: the fitted exponent and the largest size', () => {
  const calls = benchCallsInSource(read('scaling.bench.js'), 'scaling.bench.js');
  const results = [500, 1000, 2000, 4000].map((n) => result('packingSlip quadratic', n * n, n));
  const fit = scalingOf(results)[0].fit;
  const last: LastBenchResult[] = results.map((r) => ({ root: '/', absoluteFile: '/s', result: r, summary: summarize(r), violations: [], ranAt: new Date() }));
  const lenses = benchLenses({ calls, results: last, scalingOf: (n) => (n === 'packingSlip quadratic' ? { absoluteFile: '/s', name: n, fit } : undefined) });
  assert.match(lenses[1].title, /^Run benchmark · last: ≈ O\(n\^2\.00\) .* · n=4,000: 16\.0 ms/);
  assert.equal(lenses[2].title, 'Run benchmark');
});

test('a file without benchmarks gets no lenses', () => {
  assert.deepEqual(benchLenses({ calls: benchCallsInSource("describe('empty', () => {});", 'e.bench.js'), results: [], scalingOf: () => undefined }), []);
});

test('budget diagnostics: a Warning on the bench( line of the named benchmark, from its first character', () => {
  const text = read('packing-slip.bench.mjs');
  const calls = benchCallsInSource(text, 'packing-slip.bench.mjs');
  const lines = text.split('\n');
  const name = 'packingSlip, 2,000 names > quadratic (lastIndexOf + +=)';
  const { violations } = checkBudgets([summarize(result(name, 2.4e6))], parseBudgets({ [name]: { mean: '2ms', p99: '1s' } }));
  const shapes = budgetDiagnosticShapes(violations, calls, (l) => lines[l - 1]);
  assert.deepEqual(shapes, [
    {
      range: { start: { line: 9, character: 2 }, end: { line: 9, character: lines[9].trimEnd().length } },
      severity: 'Warning',
      message: `${name}: mean 2.40 ms exceeds the budget 2ms`,
      source: 'Perf Lens',
      code: 'bench-budget',
    },
  ]);
  assert.equal(budgetMessage({ ...violations[0], name: 'csv export', size: 10000 }), 'csv export [n=10,000]: mean 2.40 ms exceeds the budget 2ms');
});

test('budget diagnostics: the reported line when the call is no longer in the text; nothing past the end', () => {
  const v = { name: 'gone', file: 'f', stat: 'mean' as const, limitNs: 1, limitText: '1ns', actualNs: 5 };
  const lines = ['x', "  bench('renamed', () => {})"];
  assert.equal(budgetDiagnosticShapes([{ ...v, line: 2 }], [], (l) => lines[l - 1])[0].range.start.character, 2);
  assert.deepEqual(budgetDiagnosticShapes([{ ...v, line: 9 }], [], (l) => lines[l - 1]), []);
  assert.deepEqual(budgetDiagnosticShapes([v], [], (l) => lines[l - 1]), []);
});

test('settings: defaults, good values, and one sentence per bad value', () => {
  assert.deepEqual(readBenchSettings(() => undefined), { clock: 'wall', memory: false, problems: [] });
  assert.deepEqual(readBenchSettings((k) => ({ processes: null, timeMs: null, budgets: {}, clock: 'wall', memory: null })[k]), { clock: 'wall', memory: false, problems: [] });
  assert.equal(readBenchSettings((k) => ({ clock: 'cpu' })[k]).clock, 'cpu');
  const good = readBenchSettings((k) => ({ processes: 2, timeMs: 50, budgets: { a: { mean: '2ms' } }, memory: true })[k]);
  assert.equal(good.processes, 2);
  assert.equal(good.timeMs, 50);
  assert.equal(good.memory, true);
  assert.deepEqual(good.budgets, [{ name: 'a', limits: [{ stat: 'mean', ns: 2e6, text: '2ms' }] }]);
  const bad = readBenchSettings((k) => ({ processes: 1.5, timeMs: -1, budgets: { a: { mean: '2' } }, clock: 'sundial', memory: 'yes' })[k]);
  assert.equal(bad.processes, undefined);
  assert.equal(bad.timeMs, undefined);
  assert.equal(bad.budgets, undefined);
  assert.equal(bad.clock, 'wall');
  assert.equal(bad.memory, false);
  assert.equal(bad.problems.length, 5);
  assert.ok(bad.problems.some((x) => /^perfLens\.bench\.clock must be "wall" or "cpu" \(got "sundial"\)/.test(x)), bad.problems.join('\n'));
  assert.ok(bad.problems.includes('perfLens.bench.memory must be true or false (got "yes"); memory is not measured'), bad.problems.join('\n'));
  assert.ok(bad.problems.some((x) => /^perfLens\.bench\.budgets: the mean budget of "a": "2" is not a duration/.test(x)), bad.problems.join("\n"));
});
