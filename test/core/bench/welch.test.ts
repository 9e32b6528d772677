import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { welchTTest } from '../../../src/core/bench/welch';

// The two examples of the Wikipedia article "Welch's t-test"; t, df and p from scipy 1.17.1
// (stats.ttest_ind(..., equal_var=False)), which round to the article's t = −2.46, ν = 25.0, p = 0.021
// and t = −1.57, ν = 9.9, p = 0.149.
const A1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
const A2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
const B1 = [17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8];
const B2 = [21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5, 23.6, 21.5, 22.5, 23.5, 21.5, 21.8];

const near = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.abs(b);

test('Welch on textbook data: t, Welch–Satterthwaite df and p as scipy computes them', () => {
  const r = welchTTest(A1, A2);
  assert.ok(near(r.t, -2.455356398286006, 1e-12), String(r.t));
  assert.ok(near(r.df, 24.988529290231416, 1e-12), String(r.df));
  assert.ok(near(r.pValue, 0.021378001462866992, 1e-10), String(r.pValue));
  const s = welchTTest(B1, B2);
  assert.ok(near(s.t, -1.5654335235985037, 1e-12), String(s.t));
  assert.ok(near(s.df, 9.904741248650831, 1e-12), String(s.df));
  assert.ok(near(s.pValue, 0.14884169660532817, 1e-10), String(s.pValue));
});

test('the confidence interval of the difference is difference ± t(df) · se, and excludes 0 exactly when p < 1 − confidence', () => {
  const r = welchTTest(A1, A2, 0.95);
  assert.ok(r.ci[1] < 0, 'p = 0.021 < 0.05: the 95% interval excludes 0');
  const r99 = welchTTest(A1, A2, 0.99);
  assert.ok(r99.ci[0] < 0 && r99.ci[1] > 0, 'p = 0.021 > 0.01: the 99% interval holds 0');
  assert.ok(near((r.ci[1] - r.ci[0]) / 2 / r.standardError, 2.0597, 1e-3), 't(0.975; 24.99) ≈ 2.0597');
  assert.ok(near(r.difference, (r.ci[0] + r.ci[1]) / 2, 1e-12));
});

test('degenerate inputs: constant samples, and fewer than two values', () => {
  assert.equal(welchTTest([5, 5, 5], [5, 5]).pValue, 1);
  const d = welchTTest([5, 5, 5], [6, 6]);
  assert.deepEqual([d.pValue, d.t, d.ci], [0, -Infinity, [-1, -1]]);
  assert.throws(() => welchTTest([1], [1, 2]), /at least two values on each side/);
});
