// The names and lines the editor's "Run benchmark" lenses take from the syntax tree (core's
// benchCallsInSource) are the harness's: a run filtered by a lens's names returns exactly those
// benchmarks, at the lines the lenses (and budget diagnostics) sit on. Real processes on the examples.
import { test, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { benchCallsInSource } from '../../../src/core/bench/bench-calls';
import { discoverBenchFiles, runBenchmarks } from '../../../src/runner/bench/run-benchmarks';
import { QUICK, buildBenchBundles } from './helpers';

const SHOP = path.join(__dirname, '../../../examples/node-shop');
let harness: string;
before(() => {
  harness = path.join(buildBenchBundles(), 'bench-harness.js');
});

async function runByLens(file: string, pick: (calls: ReturnType<typeof benchCallsInSource>) => string[]) {
  const abs = path.join(SHOP, 'bench', file);
  const calls = benchCallsInSource(fs.readFileSync(abs, 'utf8'), abs);
  const names = pick(calls);
  const files = await discoverBenchFiles([abs], SHOP);
  const out = await runBenchmarks({ files, cwd: SHOP, harnessPath: harness, processes: 1, names, ...QUICK });
  assert.deepEqual(out.errors, []);
  return { calls, names, out };
}

test('one bench( lens of the vitest example: only that benchmark runs, reported at the lens line', async () => {
  const { calls, names, out } = await runByLens('packing-slip.bench.mjs', (calls) => [calls.filter((c) => c.kind === 'bench')[1].name]);
  assert.deepEqual(out.results.map((r) => r.name), names);
  assert.equal(out.results[0].line, calls.find((c) => c.name === names[0])!.line);
});

test('the describe lens of the TypeScript example: its two benchmarks, at their (source-mapped) lines', async () => {
  const { calls, out } = await runByLens('revenue.bench.ts', (calls) => calls.filter((c) => c.kind === 'bench').map((c) => c.name));
  assert.deepEqual(
    out.results.map((r) => [r.name, r.line]),
    calls.filter((c) => c.kind === 'bench').map((c) => [c.name, c.line]),
  );
});

test('a bench.sizes lens: every size of that benchmark and nothing of the other', async () => {
  const { out } = await runByLens('scaling.bench.js', (calls) => [calls[1].name]);
  assert.deepEqual(out.results.map((r) => `${r.name}@${r.size}`), ['packingSlip fixed@500', 'packingSlip fixed@1000', 'packingSlip fixed@2000', 'packingSlip fixed@4000']);
});
