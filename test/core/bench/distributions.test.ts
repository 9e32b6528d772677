import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { incompleteBeta, incompleteGamma, incompleteGammaUpper, logGamma, normalCdf, normalQuantile, tCdf, tQuantile, tTwoSidedP } from '../../../src/core/bench/distributions';

/** |actual − expected| within `rel` of expected (absolute near zero). */
function close(actual: number, expected: number, rel = 1e-10, what = '') {
  const tol = rel * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${what} ${actual} differs from ${expected} by more than ${tol}`);
}

// Reference values: scipy 1.17.1 (stats.t.ppf / stats.norm.ppf / stats.t.cdf / special.betainc); they
// agree with the printed tables (e.g. t(0.975; 10) = 2.228, t(0.995; 5) = 4.032) to the digits tables give.
const T_TABLE: Array<[df: number, q975: number, q995: number, q90: number]> = [
  [1, 12.706204736174694, 63.656741162871526, 3.0776835371752544],
  [2, 4.302652729749462, 9.924843200918287, 1.8856180831641272],
  [3, 3.1824463052837078, 5.840909309733355, 1.637744353696209],
  [5, 2.5705818356363146, 4.032142983555228, 1.4758840488244815],
  [10, 2.228138851986274, 3.16927267261695, 1.372183641110336],
  [30, 2.0422724563012378, 2.7499956535672254, 1.3104150253913955],
  [100, 1.9839715185235518, 2.6258905214380173, 1.290074761346516],
  [1000, 1.9623390808264083, 2.580754698065951, 1.2823987214609247],
];

test('t quantiles match the table for 1 to 1000 degrees of freedom, and are antisymmetric', () => {
  for (const [df, q975, q995, q90] of T_TABLE) {
    close(tQuantile(0.975, df), q975, 1e-11, `t(0.975; ${df})`);
    close(tQuantile(0.995, df), q995, 1e-11, `t(0.995; ${df})`);
    close(tQuantile(0.9, df), q90, 1e-11, `t(0.9; ${df})`);
    close(tQuantile(0.025, df), -q975, 1e-11, `t(0.025; ${df})`);
  }
  assert.equal(tQuantile(0.5, 7), 0);
  assert.equal(tQuantile(1, 7), Infinity);
  assert.equal(tQuantile(0, 7), -Infinity);
  assert.ok(Number.isNaN(tQuantile(0.5, 0)));
  assert.ok(Number.isNaN(tQuantile(1.5, 3)));
});

test('t quantiles approach the normal ones as the degrees of freedom grow, and invert the CDF for fractional df', () => {
  close(tQuantile(0.975, 1e7), 1.959963984540054, 1e-6);
  for (const df of [1.5, 2.7, 9.9, 24.99, 57.3]) {
    for (const p of [0.6, 0.9, 0.975, 0.9995]) close(tCdf(tQuantile(p, df), df), p, 1e-12, `df ${df} p ${p}`);
  }
});

test('t CDF matches reference values, including fractional (Welch) degrees of freedom', () => {
  const cases: Array<[t: number, df: number, cdf: number, twoSided: number]> = [
    [2.0, 5, 0.9490302605850708, 0.10193947882985835],
    [-1.5, 3, 0.11529193262241147, 0.23058386524482294],
    [0.7, 12.5, 0.7516254196373267, 0.4967491607253467],
    [3.3, 24.9, 0.9985422939091697, 0.002915412181660625],
    [10, 7, 0.9999893028985546, 2.1394202890772802e-5],
    [-4, 2.5, 0.019506487920659125, 0.03901297584131825],
  ];
  for (const [t, df, cdf, p] of cases) {
    close(tCdf(t, df), cdf, 1e-12, `tCdf(${t}, ${df})`);
    // The two-sided p keeps its relative precision in the tail (not 1 − cdf).
    assert.ok(Math.abs(tTwoSidedP(t, df) - p) <= 1e-11 * p, `p(${t}, ${df}) = ${tTwoSidedP(t, df)} vs ${p}`);
  }
});

test('t CDF equals the closed forms for 1 (Cauchy) and 2 degrees of freedom', () => {
  for (const t of [-30, -2.5, -0.3, 0, 0.8, 4, 100]) {
    close(tCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-13, `cauchy ${t}`);
    close(tCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-13, `df2 ${t}`);
  }
  assert.equal(tCdf(Infinity, 3), 1);
  assert.equal(tCdf(-Infinity, 3), 0);
  assert.equal(tTwoSidedP(0, 3), 1);
});

test('normal quantiles match reference values from 1e-10 to 1 − 1e-6, and invert the normal CDF', () => {
  const cases: Array<[number, number]> = [
    [1e-10, -6.361340902404056],
    [0.001, -3.090232306167813],
    [0.025, -1.9599639845400545],
    [0.1, -1.2815515655446004],
    [0.5, 0],
    [0.9, 1.2815515655446004],
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.999999, 4.753424308817087],
  ];
  for (const [p, z] of cases) {
    close(normalQuantile(p), z, 1e-14, `z(${p})`);
    assert.ok(Math.abs(normalCdf(z) - p) <= 1e-13 * p, `Φ(${z}) = ${normalCdf(z)} vs ${p}`);
  }
  close(normalCdf(1), 0.8413447460685429, 1e-14);
  close(normalCdf(-1), 0.15865525393145707, 1e-13);
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
});

test('regularized incomplete beta: reference values and the identities I_x(a,1) = x^a, I_x(1,b) = 1 − (1−x)^b, I_½(a,a) = ½', () => {
  close(incompleteBeta(0.3, 2, 3), 0.3483, 1e-13);
  close(incompleteBeta(0.9, 0.5, 10), 0.9999999999815198, 1e-14);
  assert.ok(Math.abs(incompleteBeta(0.01, 5, 0.5) - 2.4712578086395438e-11) <= 1e-9 * 2.4712578086395438e-11); // tiny, yet relative precision
  close(incompleteBeta(0.6, 50, 40), 0.8011534179744884, 1e-11);
  for (const x of [0.05, 0.4, 0.77, 0.999]) {
    for (const a of [0.5, 2, 7.5]) {
      close(incompleteBeta(x, a, 1), x ** a, 1e-13, `I_${x}(${a},1)`);
      close(incompleteBeta(x, 1, a), 1 - (1 - x) ** a, 1e-13, `I_${x}(1,${a})`);
    }
  }
  for (const a of [0.3, 1, 4, 60]) close(incompleteBeta(0.5, a, a), 0.5, 1e-13);
  assert.equal(incompleteBeta(0, 2, 3), 0);
  assert.equal(incompleteBeta(1, 2, 3), 1);
  assert.ok(Number.isNaN(incompleteBeta(0.5, -1, 3)));
});

test('log-gamma and incomplete gamma: factorials, Γ(½) = √π, P(1, x) = 1 − e^−x, P + Q = 1', () => {
  let f = 1;
  for (let n = 1; n <= 20; n++) {
    close(logGamma(n + 1), Math.log((f *= n)), 1e-13, `ln ${n}!`);
  }
  close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
  for (const x of [0.01, 0.5, 2, 9, 40]) {
    close(incompleteGamma(1, x), 1 - Math.exp(-x), 1e-13, `P(1, ${x})`);
    close(incompleteGamma(3.7, x) + incompleteGammaUpper(3.7, x), 1, 1e-14);
  }
  close(incompleteGammaUpper(1, 40), Math.exp(-40), 1e-12); // far tail, no cancellation
});
