// The contention note of a comparison (src/core/bench/contention.ts): the same benchmarks' CPU share
// (CPU time over elapsed time while sampling) in a run and its baseline.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { comparisonNotes, contentionNote, cpuShareOf } from '../../../src/core/bench/contention';
import type { BenchmarkResult } from '../../../src/core/bench/model';
import type { Environment } from '../../../src/core/bench/environment';

const ENV: Environment = { runtime: 'node v20.20.0', nodeVersion: 'v20.20.0', cpuModel: 'Test CPU', cpuCount: 2, os: 'Linux 6.1.0 x64', gitCommit: null, gitDirty: null, date: '2026-11-30T10:00:00.000Z' };

const result = (name: string, shares: (number | undefined)[]): BenchmarkResult => ({
  name,
  file: 'a.bench.js',
  runs: shares.map((cpuShare) => (cpuShare === undefined ? { samples: [100, 101] } : { samples: [100, 101], cpuShare })),
});

test('cpuShareOf: the median of the processes that recorded one; null for an older baseline', () => {
  assert.equal(cpuShareOf(result('a', [0.9, 1.0, 0.4])), 0.9);
  assert.equal(cpuShareOf(result('a', [0.9, undefined, 0.5, 1.1])), 0.9);
  assert.equal(cpuShareOf(result('a', [undefined, undefined])), null);
});

test('a note when the same benchmarks got markedly less (or more) CPU per elapsed second than in the baseline', () => {
  const quiet = [result('a', [0.99, 1.0, 0.98]), result('b', [0.2, 0.2, 0.21]), result('c', [1.0, 1.0, 1.0])];
  const busy = [result('a', [0.6, 0.55, 0.62]), result('b', [0.12, 0.11, 0.12]), result('c', [0.5, 0.52, 0.55])];
  assert.equal(
    contentionNote(busy, quiet, true),
    'the benchmark processes waited for a CPU more during this run: they ran 52% of the elapsed time vs 99% in the baseline (the median of 3 benchmarks); wall-clock times include the wait (--clock cpu does not)',
  );
  assert.match(contentionNote(quiet, busy, true) ?? '', /waited for a CPU more during the baseline: they ran 99% of the elapsed time vs 52%/);
  // A benchmark that awaits timers has a low share on both sides: only a change counts.
  assert.equal(contentionNote([result('b', [0.2])], [result('b', [0.21])], true), null);
  assert.equal(contentionNote([result('a', [0.9])], [result('a', [1.0])], true), null, 'a 10% change is within the threshold');
  assert.equal(contentionNote(busy, quiet, false), null, 'CPU-time samples leave the wait out');
  assert.equal(contentionNote(busy, [result('a', [undefined])], true), null, 'an older baseline without shares');
  assert.equal(contentionNote([result('x', [0.1])], quiet, true), null, 'no benchmark in common');
});

test('comparisonNotes: the environment differences, then the contention note; none with the CPU clock', () => {
  const now = { environment: { ...ENV, loadAverage: 2.6 }, results: [result('a', [0.5])] };
  const then = { environment: { ...ENV, loadAverage: 0.1 }, results: [result('a', [1.0])] };
  const notes = comparisonNotes(now, then);
  assert.equal(notes.length, 2);
  assert.match(notes[0], /^the machine was busier during this run: load average 2\.6 vs 0\.1/);
  assert.match(notes[1], /^the benchmark processes waited for a CPU more during this run: they ran 50% of the elapsed time vs 100%/);
  const cpu = (side: typeof now) => ({ ...side, environment: { ...side.environment, runtime: `${ENV.runtime} (CPU time)` } });
  assert.deepEqual(comparisonNotes(cpu(now), cpu(then)), []);
});
