// The Benchmarks view acts only on allowed messages from its webview (src/extension/bench/benchmarks-messages.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { benchmarkKey } from '../../../src/core/bench/model';
import { benchKey, validateBenchMessage, type AllowedBench } from '../../../src/extension/bench/benchmarks-messages';

const allowed: AllowedBench = {
  files: new Set(['bench/a.bench.js', 'bench/b.bench.ts']),
  benchmarks: new Set([benchKey('bench/a.bench.js', 'suite > fast')]),
  baselines: new Set(['main', 'v1.2']),
  rows: new Set([benchmarkKey({ file: 'bench/a.bench.js', name: 'suite > fast' }), benchmarkKey({ file: 'bench/b.bench.ts', name: 'grows', size: 1000 })]),
};

test('argument-free actions pass with nothing but their type', () => {
  for (const type of ['ready', 'refresh', 'runAll', 'cancel'] as const) {
    assert.deepEqual(validateBenchMessage({ type, extra: 'dropped' }, allowed), { type });
  }
});

test('runFile and open only for discovered benchmark files; open at a positive integer line', () => {
  assert.deepEqual(validateBenchMessage({ type: 'runFile', file: 'bench/b.bench.ts' }, allowed), { type: 'runFile', file: 'bench/b.bench.ts' });
  assert.equal(validateBenchMessage({ type: 'runFile', file: '/etc/passwd' }, allowed), undefined);
  assert.equal(validateBenchMessage({ type: 'runFile', file: '../bench/a.bench.js' }, allowed), undefined);
  assert.deepEqual(validateBenchMessage({ type: 'open', file: 'bench/a.bench.js', line: 7 }, allowed), { type: 'open', file: 'bench/a.bench.js', line: 7 });
  for (const line of [0, -1, 1.5, '7', null, 1e9]) assert.equal(validateBenchMessage({ type: 'open', file: 'bench/a.bench.js', line }, allowed), undefined, String(line));
  assert.equal(validateBenchMessage({ type: 'open', file: 'src/other.js', line: 1 }, allowed), undefined);
});

test('runBenchmark only for a benchmark of the last run, in its own file', () => {
  assert.deepEqual(validateBenchMessage({ type: 'runBenchmark', file: 'bench/a.bench.js', name: 'suite > fast' }, allowed), { type: 'runBenchmark', file: 'bench/a.bench.js', name: 'suite > fast' });
  assert.equal(validateBenchMessage({ type: 'runBenchmark', file: 'bench/b.bench.ts', name: 'suite > fast' }, allowed), undefined);
  assert.equal(validateBenchMessage({ type: 'runBenchmark', file: 'bench/a.bench.js', name: 'suite > slow' }, allowed), undefined);
  assert.equal(validateBenchMessage({ type: 'runBenchmark', file: 'bench/a.bench.js' }, allowed), undefined);
});

test('compareWith: null, or a saved baseline with a safe name', () => {
  assert.deepEqual(validateBenchMessage({ type: 'compareWith', name: null }, allowed), { type: 'compareWith', name: null });
  assert.deepEqual(validateBenchMessage({ type: 'compareWith', name: 'v1.2' }, allowed), { type: 'compareWith', name: 'v1.2' });
  assert.equal(validateBenchMessage({ type: 'compareWith', name: 'other' }, allowed), undefined);
  assert.equal(validateBenchMessage({ type: 'compareWith', name: '../main' }, allowed), undefined);
  assert.equal(validateBenchMessage({ type: 'compareWith' }, allowed), undefined);
});

test('saveBaseline passes any string (the host answers why a name is refused), nothing else', () => {
  assert.deepEqual(validateBenchMessage({ type: 'saveBaseline', name: '../x' }, allowed), { type: 'saveBaseline', name: '../x' });
  assert.equal(validateBenchMessage({ type: 'saveBaseline', name: 3 }, allowed), undefined);
  assert.equal(validateBenchMessage({ type: 'saveBaseline', name: 'x'.repeat(5000) }, allowed), undefined);
});

test('select: only a row of the table, size included for a bench.sizes row', () => {
  assert.deepEqual(validateBenchMessage({ type: 'select', file: 'bench/a.bench.js', name: 'suite > fast', extra: 1 }, allowed), { type: 'select', file: 'bench/a.bench.js', name: 'suite > fast' });
  assert.deepEqual(validateBenchMessage({ type: 'select', file: 'bench/b.bench.ts', name: 'grows', size: 1000 }, allowed), { type: 'select', file: 'bench/b.bench.ts', name: 'grows', size: 1000 });
  assert.equal(validateBenchMessage({ type: 'select', file: 'bench/b.bench.ts', name: 'grows' }, allowed), undefined);
  assert.equal(validateBenchMessage({ type: 'select', file: 'bench/b.bench.ts', name: 'grows', size: 10 }, allowed), undefined);
  assert.equal(validateBenchMessage({ type: 'select', file: 'bench/b.bench.ts', name: 'grows', size: '1000' }, allowed), undefined);
  assert.equal(validateBenchMessage({ type: 'select', file: 'bench/a.bench.js', name: 'suite > slow' }, allowed), undefined);
  assert.equal(validateBenchMessage({ type: 'select', file: 'bench/a.bench.js' }, allowed), undefined);
});

test('anything else is ignored', () => {
  for (const m of [null, 'runAll', [], { type: 'exec', command: 'rm -rf /' }, { type: 'open' }, {}]) assert.equal(validateBenchMessage(m, allowed), undefined);
});
