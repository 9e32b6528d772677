import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  TIME_UNITS, formatBytes, formatCount, formatMs, formatMsShort, formatNs, formatNsOrDash, formatOpsCompact, formatOpsPerSec,
  formatPercent, formatUs, groupDigits, percentFigure, plural, threeFigures, timeUnitOf,
} from '../../../src/core/format/numbers';

test('threeFigures: 0 decimals from 100, 1 from 10, else 2; `by` picks the decimals', () => {
  assert.deepEqual([812.4, 45.63, 1.234, 0, 99.96].map((x) => threeFigures(x)), ['812', '45.6', '1.23', '0.00', '100.0']);
  assert.equal(threeFigures(-50), '-50.00');
  assert.equal(threeFigures(-50, 50), '-50.0');
});

test('formatNs picks the largest unit keeping the figure ≥ 1 (CLI, budgets, lenses)', () => {
  assert.deepEqual([312, 1500, 2.5e6, 12.34e6, 3e9, 0.5].map(formatNs), ['312 ns', '1.50 µs', '2.50 ms', '12.3 ms', '3.00 s', '0.50 ns']);
  assert.deepEqual(timeUnitOf(2.5e6), [1e6, 'ms']);
  assert.deepEqual(timeUnitOf(0.2), [1, 'ns']);
  assert.deepEqual(TIME_UNITS.map(([, u]) => u), ['s', 'ms', 'µs', 'ns']);
});

test('formatNsOrDash (Benchmarks view) agrees with formatNs on finite positive times, and differs on missing and negative ones', () => {
  for (const ns of [0.5, 812, 1234, 45_600_000, 2.5e9, 123_456_789]) assert.equal(formatNsOrDash(ns), formatNs(ns), String(ns));
  assert.equal(formatNsOrDash(Number.NaN), '–');
  assert.equal(formatNsOrDash(Infinity), '–');
  assert.equal(formatNs(Infinity), 'Infinity s');
  assert.equal(formatNsOrDash(-1500), '-1.50 µs');
  assert.equal(formatNs(-1500), '-1500.00 ns');
});

test('formatUs (Compare view): ms from 1 ms, decimals by magnitude', () => {
  assert.deepEqual([37.5, 198, 1.234, 420, 1500, -37.5].map(formatUs), ['37.5 µs', '198 µs', '1.23 µs', '420 µs', '1.50 ms', '-37.5 µs']);
});

test('milliseconds: formatMs (three figures) and formatMsShort (the profile code lens: two figures below 10)', () => {
  assert.deepEqual([812.4, 45.63, 4.234, 0].map(formatMs), ['812', '45.6', '4.23', '0.00']);
  assert.deepEqual([1980.5, 12.4, 4.234, 0.042, 0, 9.96].map(formatMsShort), ['1981', '12', '4.2', '0.04', '0', '10.0']);
});

test('percents: formatPercent always one decimal; percentFigure whole from 10, zero whole only when asked', () => {
  assert.deepEqual([12.34, 0, 99.96].map(formatPercent), ['12.3%', '0.0%', '100.0%']);
  assert.deepEqual([17.2, 4.25, 0.25].map((p) => percentFigure(p)), ['17', '4.3', '0.3']);
  assert.equal(percentFigure(0), '0.0');
  assert.equal(percentFigure(0, true), '0');
});

test('ops/s: compact (CLI two decimals below 100, the view one) and the lens form', () => {
  assert.deepEqual([2_500_000, 12_345, 813.4, 7.25].map((x) => formatOpsCompact(x)), ['2.50M', '12.3k', '813', '7.25']);
  assert.deepEqual([2_500_000, 12_345, 813.4, 7.25].map((x) => formatOpsCompact(x, 1)), ['2.50M', '12.3k', '813', '7.3']);
  assert.deepEqual([813.4, 1234567.8, 0.4213].map(formatOpsPerSec), ['813 ops/s', '1,234,568 ops/s', '0.42 ops/s']);
});

test('bytes are printed in decimal units, as the memory/op column shows them', () => {
  const cases: Array<[number, string]> = [[0, '0 B'], [0.4, '0.4 B'], [32, '32 B'], [999.4, '999 B'], [999.6, '1.0 kB'], [8048, '8.0 kB'], [12_345, '12.3 kB'], [123_456, '123 kB'], [1_600_064, '1.6 MB'], [2.5e9, '2.5 GB']];
  for (const [bytes, text] of cases) assert.equal(formatBytes(bytes), text, String(bytes));
});

test('digit grouping: groupDigits rounds to a whole number; formatCount keeps decimals', () => {
  assert.equal(groupDigits(1234567.4), '1,234,567');
  assert.equal(groupDigits(999), '999');
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(formatCount(1234.56, 1), '1,234.6');
  assert.equal(formatCount(2.5), '2.5');
});

test('plural: the word agrees with the count ("1 processes" was printed before)', () => {
  assert.equal(plural(1, 'process', 'processes'), '1 process');
  assert.equal(plural(2, 'process', 'processes'), '2 processes');
  assert.equal(plural(0, 'file'), '0 files');
  assert.equal(plural(1, 'file'), '1 file');
});
