import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { allSamples, benchmarkKey, benchmarkLabel } from '../../../src/core/bench/model';
import { normalSampler, seededRandom } from '../../../src/core/bench/random';
import { mean, standardDeviation } from '../../../src/core/bench/descriptive';

test('a benchmark is identified by file, name and size, not by line', () => {
  const a = { file: 'a.bench.ts', name: 'x', size: 10 };
  assert.equal(benchmarkKey(a), benchmarkKey({ ...a }));
  assert.notEqual(benchmarkKey(a), benchmarkKey({ ...a, size: 100 }));
  assert.notEqual(benchmarkKey(a), benchmarkKey({ ...a, size: undefined }));
  assert.notEqual(benchmarkKey(a), benchmarkKey({ ...a, file: 'b.bench.ts' }));
  // No ambiguity from names that contain the separator of another field.
  assert.notEqual(benchmarkKey({ file: 'a', name: 'b c' }), benchmarkKey({ file: 'a b', name: 'c' }));
  assert.equal(benchmarkLabel(a), 'x [n=10]');
  assert.equal(benchmarkLabel({ name: 'x' }), 'x');
  assert.deepEqual(allSamples({ runs: [{ samples: [1, 2] }, { samples: [] }, { samples: [3] }] }), [1, 2, 3]);
});

test('the seeded generator repeats itself, stays in [0, 1), and its normal draws have mean 0 and sd 1', () => {
  const a = seededRandom(123);
  const b = seededRandom(123);
  const xs = Array.from({ length: 20_000 }, () => a());
  assert.deepEqual(xs.slice(0, 50), Array.from({ length: 50 }, () => b()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.ok(Math.abs(mean(xs) - 0.5) < 0.01);
  assert.notDeepEqual(xs.slice(0, 5), Array.from({ length: 5 }, seededRandom(124)));
  const z = normalSampler(seededRandom(5));
  const zs = Array.from({ length: 20_000 }, () => z());
  assert.ok(Math.abs(mean(zs)) < 0.03, String(mean(zs)));
  assert.ok(Math.abs(standardDeviation(zs) - 1) < 0.03, String(standardDeviation(zs)));
});
