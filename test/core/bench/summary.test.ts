import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { summarize, meanInterval } from '../../../src/core/bench/summary';
import type { BenchmarkResult } from '../../../src/core/bench/model';
import { normalSampler, seededRandom } from '../../../src/core/bench/random';
import { mean } from '../../../src/core/bench/descriptive';

const result = (runs: number[][], extra: Partial<BenchmarkResult> = {}): BenchmarkResult => ({ name: 'parse', file: 'bench/a.bench.ts', runs: runs.map((samples) => ({ samples })), ...extra });

test('two processes: the mean is the mean of the process means, and its interval comes from them (t with 1 df)', () => {
  // Process means 20 and 40 from 3 and 1 samples: each process counts once (the pooled mean would be 25).
  const s = summarize(result([[10, 20, 30], [40]], { line: 12, size: 1000, bytesPerOp: 64 }));
  assert.equal(s.mean, 30);
  assert.deepEqual(s.processMeans, [20, 40]);
  assert.equal(s.ciMethod, 'processes');
  const half = (12.706204736174694 * Math.sqrt(200)) / Math.sqrt(2); // t(0.975; 1) · sd(20, 40)/√2
  assert.ok(Math.abs(s.ci95![0] - (30 - half)) < 1e-9 && Math.abs(s.ci95![1] - (30 + half)) < 1e-9, String(s.ci95));
  assert.deepEqual([s.processes, s.samples, s.min, s.max, s.median], [2, 4, 10, 40, 25]);
  assert.equal(s.p75, 32.5);
  assert.ok(Math.abs(s.p99 - 39.7) < 1e-12); // 30 + 0.97·(40 − 30)
  assert.equal(s.opsPerSec, 1e9 / 30);
  assert.ok(Math.abs(s.sd - Math.sqrt(500 / 3)) < 1e-12);
  assert.ok(Math.abs(s.rsd - (100 * Math.sqrt(500 / 3)) / 25) < 1e-12); // of the pooled samples' mean
  assert.ok(Math.abs(s.processRsd! - (100 * Math.sqrt(200)) / 30) < 1e-12);
  assert.deepEqual([s.line, s.size, s.bytesPerOp], [12, 1000, 64]);
});

test('one process: the interval falls back to the samples and says so; one sample: no interval', () => {
  const s = summarize(result([[9, 10, 11, 10]]));
  assert.equal(s.ciMethod, 'samples');
  assert.equal(s.processRsd, null);
  assert.deepEqual(s.ci95, meanInterval([9, 10, 11, 10]));
  const half = (3.1824463052837078 * Math.sqrt(2 / 3)) / 2;
  assert.ok(Math.abs(s.ci95![1] - (10 + half)) < 1e-9);
  assert.equal(summarize(result([[5]])).ci95, null);
  assert.equal('line' in s, false);
  assert.throws(() => summarize(result([[], []])), /"parse" has no samples/);
});

test('outliers are counted within each process: a process whose mean shifted is not an outlier of the others', () => {
  const calm = [100, 101, 99, 100, 102, 98, 100, 101, 99, 100];
  const shifted = calm.map((x) => x * 1.1);
  const s = summarize(result([calm, shifted, [...calm.slice(0, 9), 300]]));
  assert.deepEqual(s.outliers, { low: 0, high: 1, severe: 1 });
  assert.equal(s.max, 300); // reported, not dropped
  assert.equal(s.samples, 30);
});

/** Simulated ns/op: each process's mean shifted by log-normal noise (sdBetween), samples around it (sdWithin). */
function simulate(rand: () => number, processes: number, samplesPerProcess: number, trueMean: number, sdBetween: number, sdWithin: number): BenchmarkResult {
  const runs = [];
  for (let p = 0; p < processes; p++) {
    const shift = Math.exp(sdBetween * rand() - (sdBetween * sdBetween) / 2);
    const samples = [];
    for (let i = 0; i < samplesPerProcess; i++) samples.push(trueMean * shift * Math.exp(sdWithin * rand() - (sdWithin * sdWithin) / 2));
    runs.push({ samples });
  }
  return { name: 'sim', file: 'sim', runs };
}

test('coverage by simulation: the 95% interval holds the true mean about 95% of the time under between-process noise (fixed seed)', () => {
  const rand = normalSampler(seededRandom(20260705));
  const trials = 2000;
  let covered = 0;
  let pooledCovered = 0;
  for (let t = 0; t < trials; t++) {
    const r = simulate(rand, 5, 50, 1000, 0.05, 0.01);
    const [lo, hi] = summarize(r).ci95!;
    if (lo <= 1000 && 1000 <= hi) covered++;
    // What an interval from the pooled samples would claim (what single-process tools report).
    const [plo, phi] = meanInterval(r.runs.flatMap((x) => x.samples))!;
    if (plo <= 1000 && 1000 <= phi) pooledCovered++;
  }
  const coverage = covered / trials;
  // 2000 trials: the binomial sd of a 95% rate is 0.5%, so ±1.5% is three sd.
  assert.ok(coverage > 0.935 && coverage < 0.965, `coverage ${coverage}`);
  assert.ok(pooledCovered / trials < 0.4, `a pooled interval covers only ${pooledCovered / trials}`);
});

test('coverage also holds with few processes (3) thanks to the t quantile, and the interval narrows with more processes', () => {
  const rand = normalSampler(seededRandom(7));
  const widths = new Map<number, number[]>();
  let covered = 0;
  for (let t = 0; t < 2000; t++) {
    for (const k of [3, 12]) {
      const [lo, hi] = summarize(simulate(rand, k, 20, 500, 0.06, 0.01)).ci95!;
      if (k === 3 && lo <= 500 && 500 <= hi) covered++;
      widths.set(k, [...(widths.get(k) ?? []), hi - lo]);
    }
  }
  assert.ok(covered / 2000 > 0.935 && covered / 2000 < 0.965, `coverage with 3 processes ${covered / 2000}`);
  assert.ok(mean(widths.get(12)!) < mean(widths.get(3)!) / 3, 'twelve processes give a much narrower interval than three');
});
