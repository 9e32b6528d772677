import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { BASELINE_VERSION, BaselineFormatError, baselineNameProblem, createBaseline, parseBaseline } from '../../../src/core/bench/baseline';
import type { Environment } from '../../../src/core/bench/environment';
import { environmentDifferences } from '../../../src/core/bench/environment';

export const ENV: Environment = {
  runtime: 'node v20.20.0',
  nodeVersion: 'v20.20.0',
  cpuModel: 'Test CPU @ 3.00GHz',
  cpuCount: 2,
  os: 'Linux 6.1.0 x64',
  gitCommit: 'a'.repeat(40),
  gitDirty: false,
  date: '2026-11-30T10:00:00.000Z',
};

const sample = () =>
  createBaseline('main', ENV, [
    { name: 'parse', file: 'bench/p.bench.ts', line: 3, size: 1000, bytesPerOp: 48, runs: [{ samples: [101.5, 99.2], iterationsPerSample: 4096 }, { samples: [104.1] }] },
    { name: 'render', file: 'bench/r.bench.ts', runs: [{ samples: [2e6] }] },
  ], new Date('2026-11-30T10:05:00Z'));

test('a baseline survives JSON and parsing unchanged, raw samples included', () => {
  const b = sample();
  assert.equal(b.version, BASELINE_VERSION);
  assert.equal(b.savedAt, '2026-11-30T10:05:00.000Z');
  assert.deepEqual(parseBaseline(JSON.parse(JSON.stringify(b))), b);
});

test('wrong shapes are refused with a sentence that names the field', () => {
  const cases: Array<[(j: any) => unknown, RegExp]> = [
    [() => [], /it is not a Perf Lens baseline/],
    [(j) => ({ ...j, schema: 'other' }), /it is not a Perf Lens baseline/],
    [(j) => ({ ...j, version: '1' }), /its "version" is not a positive integer/],
    [(j) => ({ ...j, version: 0 }), /its "version" is not a positive integer/],
    [(j) => ({ ...j, savedAt: 'yesterday' }), /its "savedAt" is not a date/],
    [(j) => ({ ...j, unit: 'ms' }), /its "unit" is not "ns\/op"/],
    [(j) => ({ ...j, environment: null }), /its "environment" is not an object/],
    [(j) => ({ ...j, environment: { ...j.environment, gitDirty: 'yes' } }), /environment.gitDirty is neither a boolean nor null/],
    [(j) => ({ ...j, environment: { ...j.environment, cpuModel: 3 } }), /environment.cpuModel is not a string/],
    [(j) => ({ ...j, results: {} }), /its "results" is not an array/],
    [(j) => ({ ...j, results: [{ ...j.results[0], name: 1 }] }), /its results\[0\].name is not a string/],
    [(j) => ({ ...j, results: [j.results[1], { ...j.results[0], line: 0 }] }), /its results\[1\].line is not a line number/],
    [(j) => ({ ...j, results: [{ ...j.results[0], runs: [{ samples: [1, 2] }, { samples: [3, -4] }] }] }), /its results\[0\].runs\[1\].samples\[1\] is not a positive number of nanoseconds/],
    [(j) => ({ ...j, results: [{ ...j.results[0], runs: [{ samples: [1, null] }] }] }), /runs\[0\].samples\[1\] is not a positive number/],
    [(j) => ({ ...j, results: [{ ...j.results[0], runs: [{}] }] }), /its results\[0\].runs\[0\] has no "samples" array/],
    [(j) => ({ ...j, results: [{ ...j.results[0], bytesPerOp: -1 }] }), /its results\[0\].bytesPerOp is not a number of bytes/],
    [(j) => ({ ...j, results: [{ ...j.results[0], runs: [{ samples: [1], bytesPerOp: 'many' }] }] }), /its results\[0\].runs\[0\].bytesPerOp is not a number of bytes/],
  ];
  for (const [mutate, message] of cases) {
    const json = mutate(JSON.parse(JSON.stringify(sample())));
    assert.throws(() => parseBaseline(json), (e: Error) => e instanceof BaselineFormatError && e.reason === 'shape' && message.test(e.message), String(message));
  }
});

test('memory per operation: kept on results and runs when measured; a baseline without it loads without it', () => {
  const withMemory = createBaseline('mem', ENV, [
    { name: 'parse', file: 'p.bench.ts', bytesPerOp: 32, runs: [{ samples: [100], bytesPerOp: 32 }, { samples: [101], bytesPerOp: 0 }] },
  ], new Date('2026-11-30T10:05:00Z'));
  assert.deepEqual(parseBaseline(JSON.parse(JSON.stringify(withMemory))), withMemory);
  const without = parseBaseline(JSON.parse(JSON.stringify(sample())));
  assert.equal('bytesPerOp' in without.results[1], false);
  assert.ok(without.results.every((r) => r.runs.every((run) => !('bytesPerOp' in run))));
});

test('a newer version is refused as such, even when its shape changed beyond recognition', () => {
  const newer = { schema: 'perf-lens-bench-baseline', version: BASELINE_VERSION + 1, whatever: true };
  assert.throws(
    () => parseBaseline(newer),
    (e: Error) => e instanceof BaselineFormatError && e.reason === 'newer-version' && /written by a newer Perf Lens \(baseline version 2; this one reads up to 1\)/.test(e.message),
  );
});

test('baseline names: safe file names pass; separators, traversal, hidden, empty, reserved and odd characters do not', () => {
  for (const ok of ['main', 'v1.2.3', 'before_fix-2', 'A', 'console', 'nullable', 'com10']) assert.equal(baselineNameProblem(ok), null, ok);
  const bad: Array<[string, RegExp]> = [
    ['', /cannot be empty/],
    ['../x', /contains a path separator/],
    ['a/b', /contains a path separator/],
    ['a\\b', /contains a path separator/],
    ['..', /starts with '.'/],
    ['.hidden', /starts with '.'/],
    ['a b', /has characters other than letters/],
    ['a\u0000b', /has characters other than letters/],
    ['café', /has characters other than letters/],
    ['C:x', /has characters other than letters/],
    ['con', /is reserved on Windows/],
    ['NUL.json', /is reserved on Windows/],
    ['com1', /is reserved on Windows/],
    ['LPT9', /is reserved on Windows/],
    ['x'.repeat(101), /at most 100 characters/],
  ];
  for (const [name, message] of bad) assert.match(baselineNameProblem(name) ?? '', message, JSON.stringify(name));
});

test('environment differences name what changed between two runs', () => {
  assert.deepEqual(environmentDifferences(ENV, { ...ENV, gitCommit: 'b'.repeat(40), date: 'later' }), []);
  assert.deepEqual(environmentDifferences(ENV, { ...ENV, runtime: 'node v22.1.0', cpuCount: 8 }), [
    'runtime differs: node v20.20.0 vs node v22.1.0',
    'CPU differs: Test CPU @ 3.00GHz ×2 vs Test CPU @ 3.00GHz ×8',
  ]);
});

test('a wall-clock comparison notes a busier machine (half of every CPU or more), a CPU-time one does not', () => {
  const quiet = { ...ENV, loadAverage: 0.2 };
  const busy = { ...ENV, loadAverage: 2.4 };
  assert.deepEqual(environmentDifferences(busy, quiet), [
    'the machine was busier during this run: load average 2.4 vs 0.2 on 2 CPUs; wall-clock times include waiting for a CPU (--clock cpu does not)',
  ]);
  assert.match(environmentDifferences(quiet, busy)[0], /busier during the baseline/);
  assert.deepEqual(environmentDifferences({ ...ENV, loadAverage: 0.9 }, quiet), [], 'less than half a CPU apart');
  assert.deepEqual(environmentDifferences(busy, { ...ENV }), [], 'an older baseline without a load');
  const cpu = { ...ENV, runtime: `${ENV.runtime} (CPU time)` };
  assert.deepEqual(environmentDifferences({ ...cpu, loadAverage: 2.4 }, { ...cpu, loadAverage: 0.2 }), []);
});

test('the load average survives a baseline round trip; a baseline without one still loads; a bad one is refused', () => {
  const withLoad = createBaseline('main', { ...ENV, loadAverage: 1.25 }, [], new Date('2026-11-30T10:00:00Z'));
  assert.equal(parseBaseline(JSON.parse(JSON.stringify(withLoad))).environment.loadAverage, 1.25);
  assert.equal('loadAverage' in parseBaseline(JSON.parse(JSON.stringify(createBaseline('old', ENV, [], new Date())))).environment, false);
  const bad = JSON.parse(JSON.stringify(withLoad));
  bad.environment.loadAverage = 'high';
  assert.throws(() => parseBaseline(bad), /environment\.loadAverage is not a number/);
});

test('a run\'s cpuShare survives a round trip; a negative one is refused', () => {
  const b = createBaseline('main', ENV, [{ name: 'x', file: 'a.bench.js', runs: [{ samples: [10, 11], cpuShare: 0.97 }, { samples: [12] }] }], new Date('2026-11-30T10:00:00Z'));
  const back = parseBaseline(JSON.parse(JSON.stringify(b)));
  assert.deepEqual(back.results[0].runs.map((r) => r.cpuShare), [0.97, undefined]);
  const bad = JSON.parse(JSON.stringify(b));
  bad.results[0].runs[0].cpuShare = -1;
  assert.throws(() => parseBaseline(bad), /runs\[0\]\.cpuShare is not a non-negative number/);
});
