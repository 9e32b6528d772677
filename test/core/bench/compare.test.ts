import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compareResult, compareRuns, verdictOf } from '../../../src/core/bench/compare';
import type { BenchmarkResult } from '../../../src/core/bench/model';
import { normalSampler, seededRandom } from '../../../src/core/bench/random';
import { welchTTest } from '../../../src/core/bench/welch';

const result = (name: string, runs: number[][], extra: Partial<BenchmarkResult> = {}): BenchmarkResult => ({ name, file: 'a.bench.ts', runs: runs.map((samples) => ({ samples })), ...extra });

test('ratio, interval and p come from Welch on the logarithms of the per-process means', () => {
  const cur = result('x', [[110, 112], [120, 118], [115, 117], [108, 110]]);
  const base = result('x', [[100, 100], [104, 102], [98, 96], [101, 103]]);
  const c = compareResult(cur, base);
  const logs = (r: BenchmarkResult) => r.runs.map((run) => Math.log((run.samples[0] + run.samples[1]) / 2));
  const w = welchTTest(logs(cur), logs(base));
  assert.equal(c.method, 'processes');
  assert.ok(Math.abs(c.ratio! - Math.exp(w.difference)) < 1e-12);
  assert.ok(Math.abs(c.ci95![0] - Math.exp(w.ci[0])) < 1e-12 && Math.abs(c.ci95![1] - Math.exp(w.ci[1])) < 1e-12);
  assert.equal(c.pValue, w.pValue);
  assert.ok(c.ratio! > 1.1 && c.ratio! < 1.15);
  assert.ok(c.pValue! < 0.01, String(c.pValue));
  assert.equal(c.verdict, 'slower');
  assert.equal(c.currentMean, (111 + 119 + 116 + 109) / 4);
  assert.equal(c.baselineMean, 100.5);
  // Swapped sides: the reciprocal ratio, the same p, the opposite verdict.
  const back = compareResult(base, cur);
  assert.ok(Math.abs(back.ratio! * c.ratio! - 1) < 1e-12);
  assert.ok(Math.abs(back.pValue! - c.pValue!) < 1e-15);
  assert.equal(back.verdict, 'faster');
});

test('verdict: slower/faster need significance at alpha and the minimum effect; same needs the interval within the minimum effect; else inconclusive', () => {
  const ci = (lo: number, hi: number): [number, number] => [Math.log(lo), Math.log(hi)];
  assert.equal(verdictOf(Math.log(1.2), 0.001, 0.01, 0.05, ci(1.1, 1.3)), 'slower');
  assert.equal(verdictOf(Math.log(1 / 1.2), 0.001, 0.01, 0.05, ci(1 / 1.3, 1 / 1.1)), 'faster');
  assert.equal(verdictOf(Math.log(1.2), 0.02, 0.01, 0.05, ci(0.98, 1.45)), 'inconclusive'); // not significant, not shown small
  assert.equal(verdictOf(Math.log(1.03), 1e-9, 0.01, 0.05, ci(1.02, 1.04)), 'same'); // real, but shown under 5%
  assert.equal(verdictOf(Math.log(1.03), 1e-9, 0.01, 0.05, ci(1.01, 1.06)), 'inconclusive'); // real, may be over 5%
  assert.equal(verdictOf(Math.log(1.03), 1e-9, 0.01, 0.02, ci(1.02, 1.04)), 'slower'); // configurable
  assert.equal(verdictOf(Math.log(1 / 1.049), 1e-9, 0.01, 0.05, ci(1 / 1.0499, 1 / 1.048)), 'same');
  assert.equal(verdictOf(Math.log(1 / 1.051), 1e-9, 0.01, 0.05, ci(1 / 1.06, 1 / 1.04)), 'faster');
  assert.equal(verdictOf(Math.log(1.3), NaN, 0.01, 0.05, null), 'inconclusive');
  assert.equal(verdictOf(0.001, 0.9, 0.01, 0.05, ci(0.97, 1.03)), 'same'); // no change, and the interval shows it
  // The case: 2.09x, CI [1.30, 3.37], p = 0.011 was "same"; it is inconclusive.
  assert.equal(verdictOf(Math.log(2.09), 0.011, 0.01, 0.05, ci(1.3, 3.37)), 'inconclusive');
  // Options reach the verdict.
  const cur = result('x', [[103], [103.2], [102.9], [103.1]]);
  const base = result('x', [[100], [100.1], [99.9], [100]]);
  assert.equal(compareResult(cur, base).verdict, 'same');
  assert.equal(compareResult(cur, base, { minEffect: 0.02 }).verdict, 'slower');
  assert.equal(compareResult(cur, base, { minEffect: 0.02, alpha: 1e-12 }).verdict, 'inconclusive');
});

test('inconclusive: how many processes per side would settle it, from the measured spread', () => {
  // Five processes a side, a 2x slowdown with a wide spread of process means: not significant at 0.01.
  const slow = [[2.9], [1.4], [2.6], [1.2], [2.8]];
  const fast = [[1.3], [0.8], [1.4], [0.7], [1.2]];
  const c = compareResult(result('x', slow), result('x', fast));
  assert.equal(c.method, 'processes');
  assert.ok(c.pValue! > 0.01 && c.ratio! > 1.5, JSON.stringify(c));
  assert.equal(c.verdict, 'inconclusive');
  assert.ok(Number.isInteger(c.processesToSettle) && c.processesToSettle! > 5 && c.processesToSettle! < 40, String(c.processesToSettle));
  // With that many processes (the same spread, repeated), the slowdown is called.
  const times = Math.ceil(c.processesToSettle! / 5) + 1;
  const more = (runs: number[][]) => Array.from({ length: times }, () => runs).flat();
  assert.equal(compareResult(result('x', more(slow)), result('x', more(fast))).verdict, 'slower');
  // Decided verdicts carry no estimate.
  assert.equal(compareResult(result('x', more(slow)), result('x', more(fast))).processesToSettle, undefined);
});

test('one process on a side: samples are the observations (method "samples"); one sample: a ratio but no test', () => {
  const c = compareResult(result('x', [[200, 202, 198, 201]]), result('x', [[100, 101], [99, 100]]));
  assert.equal(c.method, 'samples');
  assert.ok(c.ratio! > 1.95 && c.ratio! < 2.05);
  assert.equal(c.verdict, 'slower');
  const one = compareResult(result('x', [[200]]), result('x', [[100]]));
  assert.ok(Math.abs(one.ratio! - 2) < 1e-12);
  assert.deepEqual([one.ci95, one.pValue, one.verdict, one.processesToSettle], [null, null, 'inconclusive', undefined]);
  const empty = compareResult(result('x', [[]]), result('x', [[100], [101]]));
  assert.deepEqual([empty.ratio, empty.currentMean, empty.baselineMean, empty.verdict], [null, null, 100.5, 'inconclusive']);
});

test('runs are matched by file, name and size; added and removed ones listed with null statistics', () => {
  const cur = [
    result('parse', [[10], [11]], { size: 100 }),
    result('parse', [[100], [101]], { size: 1000, line: 7 }),
    result('render', [[5], [5.1]]),
    result('parse', [[10], [11]], { size: 100, file: 'b.bench.ts' }),
  ];
  const base = [result('old', [[3], [3.1]]), result('parse', [[10], [11]], { size: 100 }), result('parse', [[100], [102]], { size: 1000 }), result('render', [[5], [5.2]])];
  const c = compareRuns(cur, base);
  assert.deepEqual(
    c.map((x) => [x.file, x.name, x.size, x.verdict, x.line]),
    [
      // Two processes a side: intervals far wider than the minimum effect, so not shown to be the same.
      ['a.bench.ts', 'parse', 100, 'inconclusive', undefined],
      ['a.bench.ts', 'parse', 1000, 'inconclusive', 7],
      ['a.bench.ts', 'render', undefined, 'inconclusive', undefined],
      ['b.bench.ts', 'parse', 100, 'added', undefined],
      ['a.bench.ts', 'old', undefined, 'removed', undefined],
    ],
  );
  assert.equal(c[0].ratio, 1);
  assert.deepEqual([c[3].ratio, c[3].ci95, c[3].pValue, c[3].method, c[3].currentMean, c[3].baselineMean], [null, null, null, null, 10.5, null]);
  assert.deepEqual([c[4].currentMean, c[4].baselineMean], [null, 3.05]);
});

/** n processes of `samples` samples: log-normal within-process noise around a log-normally shifted process mean. */
function simulate(rand: () => number, processes: number, samples: number, trueMean: number, sdBetween = 0.05, sdWithin = 0.01): BenchmarkResult {
  const runs = [];
  for (let p = 0; p < processes; p++) {
    const m = trueMean * Math.exp(sdBetween * rand());
    runs.push({ samples: Array.from({ length: samples }, () => m * Math.exp(sdWithin * rand())) });
  }
  return { name: 'sim', file: 'sim', runs };
}

test('by simulation (fixed seed): identical code is rarely called different, a 20% slowdown almost always, and the ratio interval covers the truth', () => {
  const rand = normalSampler(seededRandom(42));
  const trials = 400;
  let falseCalls = 0;
  let caught = 0;
  let covered = 0;
  for (let t = 0; t < trials; t++) {
    const aa = compareResult(simulate(rand, 10, 30, 1000), simulate(rand, 10, 30, 1000)).verdict;
    if (aa === 'slower' || aa === 'faster') falseCalls++;
    const ab = compareResult(simulate(rand, 10, 30, 1200), simulate(rand, 10, 30, 1000));
    if (ab.verdict === 'slower') caught++;
    if (ab.ci95![0] <= 1.2 && 1.2 <= ab.ci95![1]) covered++;
  }
  assert.ok(falseCalls / trials <= 0.02, `A/A called different in ${falseCalls} of ${trials}`);
  assert.ok(caught / trials >= 0.95, `a 20% slowdown caught in ${caught} of ${trials}`);
  assert.ok(covered / trials > 0.92 && covered / trials < 0.98, `ratio interval coverage ${covered / trials}`);
});
