import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { bytesPerOpOf, bytesPerOpRatio, parseBytes } from '../../../src/core/bench/memory';
import { medianBytesPerOp } from '../../../src/core/bench/model';
import { summarize } from '../../../src/core/bench/summary';
import { compareResult, compareRuns } from '../../../src/core/bench/compare';

test('sizes need a unit; kB is 1000 B and KiB 1024 B', () => {
  assert.equal(parseBytes('10kB'), 10_000);
  assert.equal(parseBytes(' 1.5 MB '), 1_500_000);
  assert.equal(parseBytes('64KiB'), 65_536);
  assert.equal(parseBytes('512 b'), 512);
  for (const bad of ['10', '10 parsecs', 'kB', '-1kB', '']) assert.equal(parseBytes(bad), null, bad);
});

test('the median over processes; none when no process measured memory', () => {
  assert.equal(medianBytesPerOp([{ samples: [1] }, { samples: [1] }]), undefined);
  assert.equal(medianBytesPerOp([{ samples: [1], bytesPerOp: 40 }, { samples: [1], bytesPerOp: 32 }, { samples: [1], bytesPerOp: 9000 }]), 40);
  assert.equal(medianBytesPerOp([{ samples: [1], bytesPerOp: 32 }, { samples: [1], bytesPerOp: 48 }]), 40);
  assert.equal(bytesPerOpOf({ bytesPerOp: 7, runs: [{ samples: [1], bytesPerOp: 32 }] }), 7);
  assert.equal(bytesPerOpOf({ runs: [{ samples: [1], bytesPerOp: 32 }] }), 32);
});

test('ratio: current/baseline; 1 when neither allocates; none (null) when only the baseline allocated nothing', () => {
  assert.equal(bytesPerOpRatio(16_096, 8048), 2);
  assert.equal(bytesPerOpRatio(0, 0.3), 1);
  assert.equal(bytesPerOpRatio(32, 0), null);
  assert.equal(bytesPerOpRatio(0, 32), 0);
});

const runs = (ns: number, bytes?: number) => [0.99, 1, 1.01].map((f) => (bytes === undefined ? { samples: [ns * f, ns * f] } : { samples: [ns * f, ns * f], bytesPerOp: bytes }));

test('summaries carry bytesPerOp only when measured; comparisons carry the ratio only when both sides have it', () => {
  const cur = { name: 'x', file: 'a.bench.js', runs: runs(100, 64) };
  const base = { name: 'x', file: 'a.bench.js', runs: runs(100, 32) };
  const old = { name: 'x', file: 'a.bench.js', runs: runs(100) };
  assert.equal(summarize(cur).bytesPerOp, 64);
  assert.equal('bytesPerOp' in summarize(old), false);
  const c = compareResult(cur, base);
  assert.equal(c.bytesPerOpRatio, 2);
  assert.equal(c.currentBytesPerOp, 64);
  assert.equal(c.baselineBytesPerOp, 32);
  // A baseline saved without memory still compares: the time verdict as ever, no memory fields.
  const againstOld = compareResult(cur, old);
  assert.equal(againstOld.verdict, 'same');
  assert.ok(againstOld.ratio !== null && Math.abs(againstOld.ratio - 1) < 1e-9);
  for (const key of ['bytesPerOpRatio', 'currentBytesPerOp', 'baselineBytesPerOp']) assert.equal(key in againstOld, false, key);
  assert.deepEqual(compareRuns([cur], [old]).map((x) => 'bytesPerOpRatio' in x), [false]);
});
