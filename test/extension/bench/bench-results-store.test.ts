// The one results store of the editor (src/extension/bench/bench-results-store.ts) that lenses, budget diagnostics and the
// Benchmarks view share, and the entries a run records (bench-entries.ts), from the real statistics.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { summarize } from '../../../src/core/bench/summary';
import { compareRuns } from '../../../src/core/bench/compare';
import { checkBudgets, parseBudgets } from '../../../src/core/bench/budgets';
import type { BenchmarkResult } from '../../../src/core/bench/model';
import type { Environment } from '../../../src/core/bench/environment';
import { BenchResultsStore, type FolderRun, type LastBenchResult } from '../../../src/extension/bench/bench-results-store';
import { benchEntries } from '../../../src/extension/bench/bench-entries';

const root = path.resolve('/ws');
const env: Environment = { runtime: 'node', nodeVersion: 'v22', cpuModel: 'cpu', cpuCount: 2, os: 'linux', gitCommit: 'abc1234', gitDirty: false, date: '2026-11-30T12:00:00.000Z' };

function result(name: string, ns: number, file = 'a.bench.js'): BenchmarkResult {
  return { name, file, runs: [0.99, 1, 1.01].map((f) => ({ samples: [ns * f, ns * f * 1.01, ns * f * 0.99] })) };
}
const entry = (name: string, ns: number, file = 'a.bench.js'): LastBenchResult => {
  const r = result(name, ns, file);
  return { root, absoluteFile: path.join(root, file), result: r, summary: summarize(r), violations: [], ranAt: new Date() };
};
const run = (files: string[], extra: Partial<FolderRun> = {}): FolderRun[] => [{ root, environment: env, files, failedFiles: [], oneBenchmark: false, all: false, ...extra }];
const A = path.join(root, 'a.bench.js');
const B = path.join(root, 'b.bench.js');

test('the store: a run replaces the results of what it ran, keeps the rest, and says which files changed and who ran', () => {
  const store = new BenchResultsStore();
  const seen: [string[], string][] = [];
  const sub = store.onDidChange((e) => seen.push([e.files, e.source]));
  store.record(new Map([[A, null]]), [entry('a', 1000), entry('b', 2000)], [], run(['a.bench.js']), 'command');
  store.record(new Map([[A, ['b', 'gone']]]), [entry('b', 3000)], [], run(['a.bench.js'], { oneBenchmark: true }), 'view');
  assert.deepEqual(store.resultsOf(A).map((r) => [r.summary.name, Math.round(r.summary.mean)]), [['a', 1000], ['b', 3000]]);
  store.record(new Map([[A, ['a']]]), [], [], run(['a.bench.js'], { oneBenchmark: true }), 'command');
  assert.deepEqual(store.resultsOf(A).map((r) => r.summary.name), ['b']);
  sub.dispose();
  store.clear();
  assert.deepEqual(seen, [[[A], 'command'], [[A], 'view'], [[A], 'command']]);
  assert.deepEqual(store.all(), []);
  assert.equal(store.keptRun(root), undefined);
});

test('keptRun: the folder\'s raw results as the view keeps them, whole and failed files, the last environment', () => {
  const store = new BenchResultsStore();
  assert.equal(store.keptRun(root), undefined);
  store.record(new Map([[A, null], [B, null]]), [entry('a', 1000), entry('x', 10, 'b.bench.js')], [], run(['a.bench.js', 'b.bench.js', 'c.bench.js'], { failedFiles: ['c.bench.js'], all: true }), 'view');
  let kept = store.keptRun(root)!;
  assert.deepEqual(kept.results.map((r) => r.name), ['a', 'x']);
  assert.deepEqual([kept.wholeFiles, kept.failedFiles], [['a.bench.js', 'b.bench.js'], ['c.bench.js']]);
  assert.equal(kept.environment.gitCommit, 'abc1234');
  // A lens re-runs one benchmark of a: replaced in place of order (appended), b kept, c still failed.
  store.record(new Map([[A, ['a']]]), [entry('a', 1200)], [], run(['a.bench.js'], { oneBenchmark: true, environment: { ...env, gitDirty: true } }), 'command');
  kept = store.keptRun(root)!;
  assert.deepEqual(kept.results.map((r) => [r.name, Math.round(summarize(r).mean)]), [['x', 10], ['a', 1200]]);
  assert.deepEqual(kept.failedFiles, ['c.bench.js']);
  assert.equal(kept.environment.gitDirty, true);
  // A run of everything replaces every result of the folder, even of files it did not list.
  store.record(new Map([[A, null]]), [entry('a', 900)], [], run(['a.bench.js'], { all: true }), 'view');
  kept = store.keptRun(root)!;
  assert.deepEqual(kept.results.map((r) => r.name), ['a']);
  assert.deepEqual([kept.wholeFiles, kept.failedFiles], [['a.bench.js'], []]);
  assert.deepEqual(store.keptRun(path.resolve('/other')), undefined);
});

test('benchEntries: each result with its summary, its comparison (not added/removed) and only its own budget violations', () => {
  const results = [result('fast', 1000), result('slow', 5000), result('new', 10)];
  const summaries = results.map(summarize);
  const comparisons = compareRuns(results, [result('fast', 1000), result('slow', 1000), result('gone', 1)]);
  const { violations } = checkBudgets(summaries, parseBudgets({ slow: { mean: '2us' } }));
  const entries = benchEntries({ root, results, summaries, comparisons, baselineName: 'main', violations, ranAt: new Date(0) });
  assert.deepEqual(entries.map((e) => [e.summary.name, e.comparison?.verdict ?? null, e.baselineName ?? null, e.violations.map((v) => v.stat)]), [
    ['fast', 'same', 'main', []],
    ['slow', 'slower', 'main', ['mean']],
    ['new', null, null, []],
  ]);
  assert.equal(entries[0].absoluteFile, A);
  assert.equal(entries[1].result, results[1]);
  assert.deepEqual(benchEntries({ root, results, summaries, comparisons: [], violations: [], ranAt: new Date(0) }).map((e) => e.comparison), [undefined, undefined, undefined]);
});
