// Bytes allocated per operation (src/runner/bench/memory.ts), in real benchmark processes, on functions
// whose allocation is known from V8's object layout (64-bit, no pointer compression, as Node ships):
//   { a: 1 }                      32 B  (map, properties, elements, one in-object field)
//   new Array(1000).fill(0)    8,048 B  (32 B array + 16 B header and 1,000 × 8 B of elements)
//   new Array(200000).fill(0) 1,600,064 B (a large object)
//   a 20-character concatenation 32 B  (a cons string: map, hash and length, two pointers)
//   async () => {}                48 B  (its promise), and an async function returning { a: 1 }: 32 B more
// The tolerance is 10% (5% for the arrays): measured here the figures are exact to the byte.
import { test, describe, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runBenchFile } from '../../../src/runner/bench/run-file';
import { runBenchmarks } from '../../../src/runner/bench/run-benchmarks';
import type { MeasuredBenchmark } from '../../../src/runner/bench/protocol';
import { QUICK, buildBenchBundles, makeTree } from './helpers';

const KNOWN = `
import { bench } from 'vitest';
bench('array', () => new Array(1000).fill(0));
bench('object', () => ({ a: 1 }));
bench('numbers', () => { let s = 0; for (let i = 0; i < 100; i++) s += i * 0.5; return s; });
const parts = ['abcdefghij', 'ABCDEFGHIJ'];
let k = 0;
bench('concat', () => parts[k++ & 1] + 'klmnopqrst');
bench('large', () => new Array(200000).fill(0));
bench('async empty', async () => {});
bench('async object', async () => ({ a: 1 }));
`;

// 160,000 arrays of 128 B (32 B array + 16 B header + 10 × 8 B) per call: 20.48 MB, more than the young
// generation holds, so collections run during every batch and the accounting across them is checked.
const THROUGH_GC = `
const { bench } = require('vitest');
bench('many arrays', () => { let last; for (let i = 0; i < 160000; i++) last = new Array(10).fill(i); return last; });
`;

const within = (actual: number | undefined, expected: number, tolerance: number, what: string) => {
  assert.ok(actual !== undefined, `${what}: no bytesPerOp`);
  assert.ok(Math.abs(actual - expected) <= tolerance * expected, `${what}: ${actual} B/op, expected ${expected} ± ${tolerance * 100}%`);
};

describe('memory per operation', () => {
  let harness: string;
  let dir: string;
  before(() => {
    harness = path.join(buildBenchBundles(), 'bench-harness.js');
    dir = makeTree({ 'known.bench.mjs': KNOWN, 'gc.bench.cjs': THROUGH_GC, 'plain.bench.cjs': "const { bench } = require('vitest');\nbench('one', () => ({ a: 1 }));\n" });
  });

  const run = (file: string, memory: boolean, rotate = 0) =>
    runBenchFile({ harness, file: path.join(dir, file), display: file, cwd: dir, rotate, phaseTimeoutMs: 120_000, timeMs: 100, warmupMs: 50, sampleNs: 1_000_000, memory });

  test('the known allocations, in two processes that run the benchmarks in different orders', async () => {
    for (const rotate of [0, 3]) {
      const byName = new Map((await run('known.bench.mjs', true, rotate)).map((m: MeasuredBenchmark) => [m.name, m.bytesPerOp]));
      within(byName.get('array'), 8048, 0.05, `array (order ${rotate})`);
      within(byName.get('object'), 32, 0.1, `object (order ${rotate})`);
      within(byName.get('concat'), 32, 0.1, `concat (order ${rotate})`);
      within(byName.get('large'), 1_600_064, 0.05, `large (order ${rotate})`);
      within(byName.get('async empty'), 48, 0.1, `async empty (order ${rotate})`);
      within(byName.get('async object')! - byName.get('async empty')!, 32, 0.1, `async object minus async empty (order ${rotate})`);
      const numbers = byName.get('numbers');
      assert.ok(numbers !== undefined && numbers < 1, `numbers: ${numbers} B/op, expected 0`);
    }
  });

  test('an operation larger than the young generation: collections during the batch are accounted for', async () => {
    const [m] = await run('gc.bench.cjs', true);
    within(m.bytesPerOp, 160_000 * 128, 0.02, 'many arrays');
  });

  test('only when asked: no figure without memory; runs carry theirs and the result the median over processes', async () => {
    const [m] = await run('plain.bench.cjs', false);
    assert.equal('bytesPerOp' in m, false);
    const files = [{ absolute: path.join(dir, 'plain.bench.cjs'), file: 'plain.bench.cjs' }];
    const without = await runBenchmarks({ files, cwd: dir, harnessPath: harness, processes: 2, ...QUICK });
    assert.equal('bytesPerOp' in without.results[0], false);
    assert.ok(without.results[0].runs.every((r) => !('bytesPerOp' in r)));
    const withMemory = await runBenchmarks({ files, cwd: dir, harnessPath: harness, processes: 3, ...QUICK, memory: true });
    const r = withMemory.results[0];
    assert.equal(r.runs.length, 3);
    const perProcess = r.runs.map((x) => x.bytesPerOp!).sort((a, b) => a - b);
    assert.equal(r.bytesPerOp, perProcess[1]);
    // Even with the brief QUICK warm-up (the loop may not be optimized yet) the object is 32 B.
    within(r.bytesPerOp, 32, 0.1, 'one');
  });
});
