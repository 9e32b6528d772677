import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { processesNeeded } from '../../../src/core/bench/power';
import { compareResult } from '../../../src/core/bench/compare';
import { normalSampler, seededRandom } from '../../../src/core/bench/random';
import type { BenchmarkResult } from '../../../src/core/bench/model';

test('processes needed grow with the square of the noise and shrink with the square of the effect', () => {
  // Hand-computed: σ = 5%, δ = ln 1.1: (t.995 + t.95)² ≈ 20.7 at df ≈ 22 → n = 2·20.7·0.0025/0.00908 ≈ 11.4 → 12.
  assert.equal(processesNeeded(5), 12);
  // (The same counts come out of this formula with scipy's t quantiles.)
  // Twice the noise: about four times the processes (a little less: more df, smaller t quantiles).
  assert.equal(processesNeeded(10), 41);
  assert.equal(processesNeeded(8), 27);
  // Twice the effect (in log terms 1.9×): under half the processes.
  assert.equal(processesNeeded(5, { effect: 0.2 }), 5);
  assert.equal(processesNeeded(5, { alpha: 0.05 }), 9);
  assert.equal(processesNeeded(5, { power: 0.8 }), 9);
  // Small noise: few processes, and never fewer than two (a fixed-point iteration oscillates here between 2 and 15).
  assert.deepEqual([0.5, 1, 2, 3].map((s) => processesNeeded(s)), [2, 3, 4, 6]);
  assert.equal(processesNeeded(0), 2);
  assert.equal(processesNeeded(0.1), 2);
  assert.ok(Number.isNaN(processesNeeded(-1)));
  assert.ok(Number.isNaN(processesNeeded(5, { power: 1 })));
});

test('by simulation (fixed seed): at the count it gives, a 10% slowdown is caught in about 95% of comparisons', () => {
  const rand = normalSampler(seededRandom(11));
  const n = processesNeeded(6);
  const side = (mean: number): BenchmarkResult => ({ name: 's', file: 'f', runs: Array.from({ length: n }, () => ({ samples: [mean * Math.exp(0.06 * rand())] })) });
  let caught = 0;
  const trials = 600;
  for (let t = 0; t < trials; t++) if (compareResult(side(1100), side(1000)).verdict === 'slower') caught++;
  // 600 trials: sd of a 95% rate ≈ 0.9%.
  assert.ok(caught / trials > 0.92 && caught / trials < 0.985, `caught ${caught / trials} with ${n} processes`);
});
