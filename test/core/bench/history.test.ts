// The history chart's data (src/core/bench/history.ts): baselines reduced to per-benchmark means with their
// 95% CI (the real summary statistics), ordered by savedAt, capped, the current run last; the default pick.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createBaseline } from '../../../src/core/bench/baseline';
import { benchmarkHistory, digestBaseline, historyBenchmark, HISTORY_CAP, newestSaved } from '../../../src/core/bench/history';
import { benchmarkKey, type BenchmarkResult } from '../../../src/core/bench/model';
import { summarize } from '../../../src/core/bench/summary';
import type { Environment } from '../../../src/core/bench/environment';

const env = (commit: string | null, dirty: boolean | null): Environment => ({ runtime: 'node', nodeVersion: 'v22', cpuModel: 'cpu', cpuCount: 2, os: 'linux', gitCommit: commit, gitDirty: dirty, date: '2026-01-01T00:00:00.000Z' });
function result(name: string, ns: number, size?: number): BenchmarkResult {
  const r: BenchmarkResult = { name, file: 'b/x.bench.js', runs: [0.98, 1, 1.02].map((f) => ({ samples: [ns * f, ns * f * 1.01, ns * f * 0.99] })) };
  if (size !== undefined) r.size = size;
  return r;
}
const KEY = benchmarkKey({ file: 'b/x.bench.js', name: 'fast' });

test('digestBaseline keeps, per benchmark, the summary mean and 95% CI, and the commit; not the samples', () => {
  const b = createBaseline('main', env('0123456789abcdef', true), [result('fast', 1000), result('grows', 50, 100), { name: 'empty', file: 'b/x.bench.js', runs: [] }], new Date('2026-02-03T04:05:06Z'));
  const d = digestBaseline(b);
  assert.deepEqual([d.name, d.savedAt, d.commit, d.dirty], ['main', '2026-02-03T04:05:06.000Z', '0123456789abcdef', true]);
  const s = summarize(result('fast', 1000));
  assert.deepEqual(d.means[KEY], { mean: s.mean, ci95: s.ci95 });
  assert.ok(d.means[benchmarkKey({ file: 'b/x.bench.js', name: 'grows', size: 100 })]);
  assert.deepEqual(Object.keys(d.means).length, 2, 'a benchmark without samples is left out');
  assert.doesNotMatch(JSON.stringify(d), /samples/);
});

test('benchmarkHistory: the baselines that have it, by savedAt (not by name or list order), then the current run', () => {
  const digests = [
    digestBaseline(createBaseline('b-later', env('bbb', false), [result('fast', 1100)], new Date('2026-03-01T00:00:00Z'))),
    digestBaseline(createBaseline('a-earlier', env('aaa', false), [result('fast', 1000)], new Date('2026-02-01T00:00:00Z'))),
    digestBaseline(createBaseline('other', env(null, null), [result('slow', 9)], new Date('2026-01-01T00:00:00Z'))),
  ];
  const points = benchmarkHistory(digests, KEY, { mean: 1200, ci95: [1150, 1250] });
  assert.deepEqual(points.map((p) => [p.baseline, p.commit, Math.round(p.mean)]), [['a-earlier', 'aaa', 1000], ['b-later', 'bbb', 1100], [null, null, 1200]]);
  assert.ok(points[0].ci95![0] < points[0].mean && points[0].ci95![1] > points[0].mean);
  assert.deepEqual(benchmarkHistory(digests, KEY, null).map((p) => p.baseline), ['a-earlier', 'b-later']);
  assert.deepEqual(benchmarkHistory(digests, 'nothing', null), []);
});

test('benchmarkHistory keeps the newest `cap` saved points; newestSaved picks the most recently modified files', () => {
  const digests = Array.from({ length: HISTORY_CAP + 5 }, (_, i) => digestBaseline(createBaseline(`r${i}`, env(null, null), [result('fast', 1000 + i)], new Date(Date.UTC(2026, 0, 1 + i)))));
  const points = benchmarkHistory(digests, KEY, null);
  assert.equal(points.length, HISTORY_CAP);
  assert.deepEqual([points[0].baseline, points[HISTORY_CAP - 1].baseline], ['r5', `r${HISTORY_CAP + 4}`]);
  const files = [{ name: 'old', modified: new Date(1) }, { name: 'new', modified: new Date(3) }, { name: 'mid', modified: new Date(2) }];
  assert.deepEqual(newestSaved(files, 2).map((f) => f.name), ['new', 'mid']);
  assert.equal(newestSaved(files).length, 3);
});

test('historyBenchmark: the picked row while it is listed, else the first slower, else the first row', () => {
  const results = [{ file: 'f', name: 'a' }, { file: 'f', name: 'b', size: 10 }];
  const comparison = [
    { file: 'f', name: 'a', verdict: 'same' },
    { file: 'f', name: 'b', size: 10, verdict: 'slower' },
    { file: 'f', name: 'gone', verdict: 'removed' },
  ];
  const key = (name: string, size?: number) => benchmarkKey({ file: 'f', name, size });
  assert.equal(historyBenchmark(null, results, []), key('a'));
  assert.equal(historyBenchmark(null, results, comparison), key('b', 10));
  assert.equal(historyBenchmark(key('gone'), results, comparison), key('gone'));
  assert.equal(historyBenchmark(key('renamed'), results, comparison), key('b', 10));
  assert.equal(historyBenchmark(null, [], []), null);
});
