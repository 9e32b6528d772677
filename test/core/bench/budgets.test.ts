import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { BudgetError, budgetsNeedMemory, checkBudgets, describeViolation, parseBudgets, parseDuration } from '../../../src/core/bench/budgets';
import { formatNs } from '../../../src/core/format/numbers';
import { summarize } from '../../../src/core/bench/summary';

test('durations: every unit, decimals, spaces; in nanoseconds', () => {
  const cases: Array<[string, number]> = [
    ['2ms', 2e6],
    ['500us', 5e5],
    ['500µs', 5e5],
    ['500μs', 5e5], // Greek mu as well as the micro sign
    ['1.5 s', 1.5e9],
    ['300ns', 300],
    [' 0.25ms ', 2.5e5],
    ['.5s', 5e8],
  ];
  for (const [text, ns] of cases) assert.equal(parseDuration(text), ns, text);
});

test('durations: a missing or unknown unit, a negative or zero value, junk: one sentence each', () => {
  for (const text of ['2', 'ms', '2 sec', '-1ms', '2ms5', '', '1,5ms', '2 m s']) {
    assert.throws(() => parseDuration(text), (e: Error) => e instanceof BudgetError && /is not a duration: write a number and a unit/.test(e.message), text);
  }
  assert.throws(() => parseDuration('0ms'), /"0ms" is not a positive duration/);
});

test('parseBudgets accepts the documented shape and refuses mistakes with the budget named', () => {
  assert.deepEqual(parseBudgets({ 'csv export': { mean: '2ms', p99: '5ms' } }), [
    { name: 'csv export', limits: [{ stat: 'mean', ns: 2e6, text: '2ms' }, { stat: 'p99', ns: 5e6, text: '5ms' }] },
  ]);
  assert.throws(() => parseBudgets([]), /budgets must be an object mapping benchmark names to limits/);
  assert.throws(() => parseBudgets({ a: '2ms' }), /the budget of "a" must be an object such as/);
  assert.throws(() => parseBudgets({ a: { p95: '2ms' } }), /the budget of "a" limits "p95", which is not one of mean, median, p75, p99, memory/);
  assert.throws(() => parseBudgets({ a: { mean: 2 } }), /the mean budget of "a" must be a string such as "2ms"/);
  assert.throws(() => parseBudgets({ a: { mean: '2 parsecs' } }), /the mean budget of "a": "2 parsecs" is not a duration/);
});

test('checkBudgets reports each statistic over its limit, with file, line and size; unmatched budgets listed', () => {
  const result = (name: string, samples: number[], size?: number) => summarize({ name, file: 'x.bench.ts', line: 4, size, runs: [{ samples }] });
  // csv export: mean 2.2 ms, median 1.5 ms, p99 ≈ 5.9 ms.
  const csv = result('csv export', [1.2e6, 1.5e6, 1.5e6, 1.4e6, 6e6, 1.6e6]);
  const fast = result('fast', [100, 110], 1000);
  const budgets = parseBudgets({ 'csv export': { mean: '2ms', median: '1.5ms', p99: '5ms' }, fast: { p75: '1us' }, typo: { mean: '1s' } });
  const { violations, unmatched } = checkBudgets([csv, fast], budgets);
  assert.deepEqual(
    violations.map((v) => [v.name, v.stat, 'limitNs' in v ? v.limitNs : undefined, v.line, v.file, v.size]),
    [
      ['csv export', 'mean', 2e6, 4, 'x.bench.ts', undefined],
      ['csv export', 'p99', 5e6, 4, 'x.bench.ts', undefined],
    ],
  );
  assert.equal('actualNs' in violations[0] && violations[0].actualNs, csv.mean);
  assert.deepEqual(unmatched, ['typo']);
  assert.equal(describeViolation(violations[1]), `csv export: p99 ${formatNs(csv.p99)} over its budget of 5ms`);
  const slow = checkBudgets([fast], parseBudgets({ fast: { p75: '100ns' } })).violations[0];
  assert.equal(describeViolation(slow), 'fast [n=1000]: p75 108 ns over its budget of 100ns');
});

test('memory budgets: a size with a unit; checked against bytesPerOp when measured, skipped when not', () => {
  assert.deepEqual(parseBudgets({ parse: { mean: '2ms', memory: '10kB' } }), [
    { name: 'parse', limits: [{ stat: 'mean', ns: 2e6, text: '2ms' }, { stat: 'memory', bytes: 10_000, text: '10kB' }] },
  ]);
  assert.equal(budgetsNeedMemory(parseBudgets({ parse: { memory: '1 MiB' } })), true);
  assert.equal(budgetsNeedMemory(parseBudgets({ parse: { mean: '2ms' } })), false);
  for (const bad of ['10', 10, '10 parsecs', '0kB']) {
    assert.throws(() => parseBudgets({ parse: { memory: bad } }), /^Error: the memory budget of "parse" must be a positive size with a unit \(B, kB, MB, KiB, MiB\), like "10kB"$/, String(bad));
  }
  const runs = [{ samples: [100, 110], bytesPerOp: 12_345 }];
  const measured = summarize({ name: 'parse', file: 'p.bench.ts', line: 2, runs });
  const budgets = parseBudgets({ parse: { memory: '10kB' } });
  const [v] = checkBudgets([measured], budgets).violations;
  assert.deepEqual(v, { name: 'parse', file: 'p.bench.ts', line: 2, stat: 'memory', limitBytes: 10_000, limitText: '10kB', actualBytes: 12_345 });
  assert.equal(describeViolation(v), 'parse: memory 12.3 kB over its budget of 10kB');
  assert.deepEqual(checkBudgets([measured], parseBudgets({ parse: { memory: '20kB' } })).violations, []);
  const unmeasured = summarize({ name: 'parse', file: 'p.bench.ts', runs: [{ samples: [100, 110] }] });
  assert.deepEqual(checkBudgets([unmeasured], budgets), { violations: [], unmatched: [] });
});
