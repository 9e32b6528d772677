import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mean, median, quantileSorted, sortedCopy, standardDeviation, variance } from '../../../src/core/bench/descriptive';
import { countOutliers, tukeyFences } from '../../../src/core/bench/outliers';

test('mean, sample variance and sd on textbook data; large offsets keep their digits', () => {
  const xs = [2, 4, 4, 4, 5, 5, 7, 9];
  assert.equal(mean(xs), 5);
  assert.equal(variance(xs), 32 / 7);
  assert.equal(standardDeviation(xs), Math.sqrt(32 / 7));
  // 1e9 + the same data: a one-pass sum of squares would lose the variance here.
  assert.ok(Math.abs(variance(xs.map((x) => x + 1e9)) - 32 / 7) < 1e-6);
  assert.ok(Number.isNaN(mean([])));
  assert.ok(Number.isNaN(variance([3])));
});

test('quantiles interpolate like R, NumPy and PERCENTILE.INC (type 7)', () => {
  const oneToTen = sortedCopy([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  assert.equal(quantileSorted(oneToTen, 0.75), 7.75); // R: quantile(1:10, .75)
  assert.equal(quantileSorted(oneToTen, 0.5), 5.5);
  assert.equal(quantileSorted(oneToTen, 0), 1);
  assert.equal(quantileSorted(oneToTen, 1), 10);
  const oneToHundred = sortedCopy(Array.from({ length: 100 }, (_, i) => i + 1));
  assert.ok(Math.abs(quantileSorted(oneToHundred, 0.99) - 99.01) < 1e-12); // R: quantile(1:100, .99)
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(quantileSorted(sortedCopy([42]), 0.99), 42);
  // Sorted numerically, not as strings (a plain Array sort would put 10 before 9).
  assert.deepEqual([...sortedCopy([10, 9, 100])], [9, 10, 100]);
});

test('Tukey fences at 1.5 and 3 IQR; outliers on both sides counted, severe ones apart', () => {
  const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const f = tukeyFences(sortedCopy(xs));
  assert.deepEqual([f.q1, f.q3], [3.25, 7.75]);
  assert.deepEqual([f.low, f.high], [3.25 - 6.75, 7.75 + 6.75]);
  assert.deepEqual([f.severeLow, f.severeHigh], [3.25 - 13.5, 7.75 + 13.5]);
  assert.deepEqual(countOutliers(xs, f), { low: 0, high: 0, severe: 0 });
  assert.deepEqual(countOutliers([-4, 14, 14.6, 21, 22, 5], f), { low: 1, high: 3, severe: 1 });
});
