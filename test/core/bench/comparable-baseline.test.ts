// The one rule for which saved baseline results a run is compared with (comparableBaseline in
// src/core/bench/compare.ts), as the CLI, the editor's commands, the Benchmarks view's runs and its kept
// results use it, and compareWithBaseline built on it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { comparableBaseline, compareWithBaseline } from '../../../src/core/bench/compare';
import type { BenchmarkResult } from '../../../src/core/bench/model';
import type { Environment } from '../../../src/core/bench/environment';

const r = (file: string, name: string, ns = 100, size?: number): BenchmarkResult => ({
  file,
  name,
  runs: [{ samples: [ns, ns * 1.01] }, { samples: [ns * 0.99, ns] }, { samples: [ns, ns * 1.02] }],
  ...(size === undefined ? {} : { size }),
});
const ids = (rs: readonly BenchmarkResult[]) => rs.map((b) => `${b.file}:${b.name}${b.size === undefined ? '' : `@${b.size}`}`);

const baseline = [r('a', 'x'), r('a', 'gone'), r('b', 'y'), r('b', 'other'), r('c', 'w'), r('a', 's', 100, 10), r('a', 's', 100, 100)];

test('a run of files: every baseline benchmark of the files that ran, none of the files left out', () => {
  assert.deepEqual(ids(comparableBaseline(baseline, { files: ['a'] })), ['a:x', 'a:gone', 'a:s@10', 'a:s@100']);
  assert.deepEqual(ids(comparableBaseline(baseline, { files: new Set(['b', 'c']) })), ['b:y', 'b:other', 'c:w']);
  assert.deepEqual(comparableBaseline(baseline, { files: [] }), []);
});

test('names (--name, a lens): only those benchmarks of the files that ran, every size; empty names mean all', () => {
  assert.deepEqual(ids(comparableBaseline(baseline, { files: ['a', 'b'], names: ['x', 's'] })), ['a:x', 'a:s@10', 'a:s@100']);
  // A named benchmark the run lacks stays: the comparison lists it as removed.
  assert.deepEqual(ids(comparableBaseline(baseline, { files: ['a'], names: ['gone'] })), ['a:gone']);
  assert.deepEqual(comparableBaseline(baseline, { files: ['a'], names: [] }).length, 4);
});

test('measured (the view keeps results over several runs): those benchmarks too, wherever their file is', () => {
  const kept = [r('a', 'x'), r('b', 'y'), r('a', 's', 100, 10)];
  assert.deepEqual(ids(comparableBaseline(baseline, { files: [], measured: kept })), ['a:x', 'b:y', 'a:s@10']);
  assert.deepEqual(ids(comparableBaseline(baseline, { files: ['c'], measured: kept })), ['a:x', 'b:y', 'c:w', 'a:s@10']);
});

const env = (over: Partial<Environment> = {}): Environment => ({
  runtime: 'node v22.0.0',
  nodeVersion: 'v22.0.0',
  cpuModel: 'cpu',
  cpuCount: 4,
  os: 'Linux',
  gitCommit: null,
  gitDirty: null,
  date: '2025-01-01T00:00:00.000Z',
  loadAverage: null,
  ...over,
});

test('compareWithBaseline: the comparable results only, compared and noted; without a scope, all of them', () => {
  const current = { environment: env(), results: [r('a', 'x', 200), r('a', 'new')] };
  const saved = { environment: env({ cpuCount: 8 }), results: baseline };
  const c = compareWithBaseline(current, saved, { files: ['a'], names: ['x', 'new', 'gone'] });
  assert.deepEqual(ids(c.baselineResults), ['a:x', 'a:gone']);
  assert.deepEqual(c.comparison.map((x) => `${x.name}:${x.verdict}`), ['x:slower', 'new:added', 'gone:removed']);
  assert.ok(c.notes.length >= 1 && c.notes.some((n) => /CPU/i.test(n)), c.notes.join(' | '));
  const all = compareWithBaseline(current, saved);
  assert.equal(all.baselineResults.length, baseline.length);
  assert.equal(all.comparison.filter((x) => x.verdict === 'removed').length, baseline.length - 1);
});
