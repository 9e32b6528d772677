// The Benchmarks view's pure inputs (src/core/bench/panel-inputs.ts): names seen in a file's source, and
// the part of a baseline the kept results are compared with (comparableBaseline with `measured`).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { benchNamesInSource, mergeRun } from '../../../src/core/bench/panel-inputs';
import { comparableBaseline } from '../../../src/core/bench/compare';
import type { BenchmarkResult } from '../../../src/core/bench/model';

test('benchNamesInSource finds bench( and bench.sizes( string names, quotes of every kind, in order', () => {
  const src = [
    "import { bench, describe } from 'vitest';",
    "describe('suite', () => {",
    "  bench('plain', () => {});",
    '  bench("double \\"quoted\\"", () => {});',
    '  bench(`template`, () => {});',
    '  bench(`dynamic ${n}`, () => {});',
    "  bench.sizes('grows', [10, 100], (n) => () => n);",
    '  mybench("not this", () => {});',
    '});',
  ].join('\n');
  assert.deepEqual(benchNamesInSource(src), ['plain', 'double \\"quoted\\"', 'template', 'grows']);
  assert.deepEqual(benchNamesInSource('const x = 1;'), []);
});

const r = (file: string, name: string, ns = 1): BenchmarkResult => ({ file, name, runs: [{ samples: [ns, ns] }] });
const names = (rs: readonly BenchmarkResult[]) => rs.map((b) => `${b.file}:${b.name}`);

test('mergeRun: a run of everything replaces all; files that failed are neither whole nor kept', () => {
  const first = mergeRun(undefined, { results: [r('a', 'x'), r('b', 'y')], files: ['a', 'b', 'c'], failedFiles: ['c'], oneBenchmark: false, all: true });
  assert.deepEqual(first, { results: [r('a', 'x'), r('b', 'y')], wholeFiles: ['a', 'b'], failedFiles: ['c'] });
  const again = mergeRun(first, { results: [r('a', 'x', 2)], files: ['a'], failedFiles: [], oneBenchmark: false, all: true });
  assert.deepEqual(again, { results: [r('a', 'x', 2)], wholeFiles: ['a'], failedFiles: [] });
});

test('mergeRun: a file or one benchmark replaces what it measured and keeps the rest; a failure drops the stale numbers', () => {
  const base = mergeRun(undefined, { results: [r('a', 'x'), r('a', 'z'), r('b', 'y')], files: ['a', 'b', 'c'], failedFiles: ['c'], oneBenchmark: false, all: true });
  const one = mergeRun(base, { results: [r('a', 'x', 5)], files: ['a'], failedFiles: [], oneBenchmark: true, all: false });
  assert.deepEqual(names(one.results), ['a:z', 'b:y', 'a:x']);
  assert.equal(one.results[2].runs[0].samples[0], 5);
  assert.deepEqual([one.wholeFiles, one.failedFiles], [['a', 'b'], ['c']]);
  const fixed = mergeRun(one, { results: [r('c', 'w')], files: ['c'], failedFiles: [], oneBenchmark: false, all: false });
  assert.deepEqual([names(fixed.results), fixed.wholeFiles, fixed.failedFiles], [['a:z', 'b:y', 'a:x', 'c:w'], ['a', 'b', 'c'], []]);
  const broken = mergeRun(fixed, { results: [], files: ['b'], failedFiles: ['b'], oneBenchmark: false, all: false });
  assert.deepEqual([names(broken.results), broken.wholeFiles, broken.failedFiles], [['a:z', 'a:x', 'c:w'], ['a', 'c'], ['b']]);
});

test('comparableBaseline for the kept results: every benchmark of files run whole, else only those measured', () => {
  const baseline = [r('a', 'x'), r('a', 'gone'), r('b', 'y'), r('b', 'other'), r('c', 'w')];
  const kept = { results: [r('a', 'x'), r('b', 'y')], wholeFiles: ['a'], failedFiles: [] };
  assert.deepEqual(names(comparableBaseline(baseline, { files: kept.wholeFiles, measured: kept.results })), ['a:x', 'a:gone', 'b:y']);
  assert.deepEqual(comparableBaseline(baseline, { files: [], measured: [] }), []);
});
