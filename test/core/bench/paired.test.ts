// The paired t-test (src/core/bench/paired.ts) against values computed by hand / scipy.stats.ttest_rel,
// and the 'paired' comparison it gives --against.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { pairedTTest } from '../../../src/core/bench/paired';
import { compareResult } from '../../../src/core/bench/compare';
import type { BenchmarkResult } from '../../../src/core/bench/model';

test('pairedTTest: the t statistic, df and p of scipy.stats.ttest_rel', () => {
  // scipy.stats.ttest_rel([5.1, 4.9, 5.6, 5.8, 6.0], [4.8, 4.7, 5.1, 5.9, 5.5]) → t = 2.514474228374846, p = 0.06574284815086927
  const r = pairedTTest([5.1, 4.9, 5.6, 5.8, 6.0], [4.8, 4.7, 5.1, 5.9, 5.5]);
  assert.ok(Math.abs(r.difference - 0.28) < 1e-12);
  assert.equal(r.df, 4);
  assert.ok(Math.abs(r.t - 2.514474228374846) < 1e-9, `t ${r.t}`);
  assert.ok(Math.abs(r.pValue - 0.06574284815086927) < 1e-6, `p ${r.pValue}`);
  assert.ok(r.ci[0] < 0 && r.ci[1] > 0.28);
  assert.throws(() => pairedTTest([1, 2], [1]), /equally long/);
});

/** Processes whose means move together (a load that comes and goes hits both sides of a pair alike). */
function side(factor: number): BenchmarkResult {
  const moments = [1, 1.4, 0.9, 1.8, 1.1, 1.3];
  return { name: 'x', file: 'a.bench.js', runs: moments.map((m) => ({ samples: [1000 * m * factor, 1001 * m * factor] })) };
}

test('paired: a 10% change under a load that moves both sides together is seen; unpaired it is lost in the spread', () => {
  const paired = compareResult(side(1.1), side(1), { paired: true });
  assert.equal(paired.method, 'paired');
  assert.equal(paired.verdict, 'slower');
  assert.ok(Math.abs(paired.ratio! - 1.1) < 1e-9);
  const unpaired = compareResult(side(1.1), side(1));
  assert.equal(unpaired.method, 'processes');
  assert.equal(unpaired.verdict, 'inconclusive');
  // Unequal process counts cannot be paired: the unpaired test is used.
  const short = side(1);
  short.runs = short.runs.slice(0, 4);
  assert.equal(compareResult(side(1.1), short, { paired: true }).method, 'processes');
});
