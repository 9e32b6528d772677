import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fitScaling, formatScaling, scalingOf } from '../../../src/core/bench/scaling';
import type { BenchmarkResult } from '../../../src/core/bench/model';
import { normalSampler, seededRandom } from '../../../src/core/bench/random';

const SIZES = [1_000, 10_000, 100_000, 1_000_000];

test('exact power laws give their exponent, with a zero-width interval', () => {
  for (const k of [0, 0.5, 1, 2, 3]) {
    const fit = fitScaling(SIZES.map((n) => ({ size: n, time: 3.7 * n ** k })))!;
    assert.ok(Math.abs(fit.exponent - k) < 1e-12, `exponent ${fit.exponent} for n^${k}`);
    assert.ok(Math.abs(fit.ci95![0] - k) < 1e-6 && Math.abs(fit.ci95![1] - k) < 1e-6, String(fit.ci95));
    assert.ok(Math.abs(fit.rSquared - 1) < 1e-12);
    assert.deepEqual(fit.sizes, SIZES);
  }
});

test('n log n fits a little above 1 over these sizes, and its interval excludes 1 (the curve is not a power law)', () => {
  const fit = fitScaling(SIZES.map((n) => ({ size: n, time: n * Math.log(n) })))!;
  // d ln(n ln n) / d ln n = 1 + 1/ln n: between 1.07 and 1.15 over 1e3..1e6.
  assert.ok(fit.exponent > 1.07 && fit.exponent < 1.15, String(fit.exponent));
  assert.ok(fit.ci95![0] > 1, String(fit.ci95));
});

test('two points: an exponent but no interval; fewer than two sizes, or unusable points: no fit', () => {
  const two = fitScaling([{ size: 10, time: 5 }, { size: 100, time: 50 }])!;
  assert.ok(Math.abs(two.exponent - 1) < 1e-12);
  assert.equal(two.ci95, null);
  assert.equal(fitScaling([{ size: 10, time: 5 }, { size: 10, time: 6 }]), null);
  assert.equal(fitScaling([{ size: 10, time: 5 }, { size: 0, time: 6 }, { size: 100, time: -1 }]), null);
});

test('noisy linear data (fixed seed): the 95% interval of the exponent covers 1 about 95% of the time', () => {
  const rand = normalSampler(seededRandom(99));
  let covered = 0;
  const trials = 1000;
  for (let t = 0; t < trials; t++) {
    const points = SIZES.flatMap((n) => Array.from({ length: 3 }, () => ({ size: n, time: 2 * n * Math.exp(0.05 * rand()) })));
    const [lo, hi] = fitScaling(points)!.ci95!;
    if (lo <= 1 && 1 <= hi) covered++;
  }
  assert.ok(covered / trials > 0.93 && covered / trials < 0.97, `coverage ${covered / trials}`);
});

test('scalingOf groups a parametrized benchmark by file and name, one point per process and size', () => {
  const r = (name: string, size: number | undefined, runs: number[][], file = 'a.bench.ts'): BenchmarkResult => ({ name, file, line: 3, size, runs: runs.map((samples) => ({ samples })) });
  const results = [
    r('sort', 1000, [[1000, 1000], [1100, 1100]]),
    r('sort', 10000, [[10000, 10000], [11000, 11000]]),
    r('sort', 100000, [[100000, 100000], [110000, 110000]]),
    r('plain', undefined, [[5]]),
    r('single', 10, [[5]]),
    r('sort', 1000, [[1], [1]], 'b.bench.ts'),
  ];
  const series = scalingOf(results);
  assert.deepEqual(series.map((s) => [s.file, s.name, s.line, s.fit.points]), [['a.bench.ts', 'sort', 3, 6]]);
  assert.ok(Math.abs(series[0].fit.exponent - 1) < 1e-12);
});

test('formatScaling reads "≈ O(n^1.03) [0.98, 1.08]"', () => {
  assert.equal(formatScaling({ exponent: 1.0312, ci95: [0.9777, 1.0849] }), '≈ O(n^1.03) [0.98, 1.08]');
  assert.equal(formatScaling({ exponent: 2, ci95: null }), '≈ O(n^2.00)');
  assert.equal(formatScaling({ exponent: -0.001, ci95: [-0.004, 0.002] }), '≈ O(n^0.00) [0.00, 0.00]');
});
