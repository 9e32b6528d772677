// The Benchmarks view's pure inputs (src/core/bench/panel-inputs.ts): names seen in a file's source, and
// the part of a baseline a run can be compared with.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { benchNamesInSource, comparableBaseline } from '../../../src/core/bench/panel-inputs';
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

const r = (file: string, name: string): BenchmarkResult => ({ file, name, runs: [{ samples: [1, 2] }] });

test('comparableBaseline keeps the files that ran and did not fail, and with names only those benchmarks', () => {
  const baseline = [r('a.bench.js', 'x'), r('a.bench.js', 'y'), r('b.bench.js', 'z'), r('c.bench.js', 'w')];
  assert.deepEqual(comparableBaseline(baseline, ['a.bench.js', 'b.bench.js'], ['b.bench.js'], []).map((b) => b.name), ['x', 'y']);
  assert.deepEqual(comparableBaseline(baseline, ['a.bench.js'], [], ['y']).map((b) => b.name), ['y']);
  assert.deepEqual(comparableBaseline(baseline, [], [], []), []);
});
