// The Hot Spots table's logic without the DOM (webview/hotspots/rows.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { nextSort, summaryLine, visibleRows } from '../../../webview/hotspots/rows';
import { shortLocation } from '../../../webview/shared/profile-format';
import type { Hotspot, HotspotReport } from '../../../src/core/profile/hotspots';

const h = (functionName: string, file: string, selfMs: number, totalMs: number, calls: number | null = null): Hotspot => ({
  functionName,
  file,
  line: 3,
  column: 1,
  selfMs,
  selfPercent: selfMs,
  totalMs,
  totalPercent: totalMs,
  calls,
});
const list = [
  h('sumOfSquares', '/ws/hot.js', 50, 50, 3000),
  h('readFileSync', 'node:fs', 20, 25),
  h('report', '/ws/hot.js', 10, 60, 1),
  h('lodashMap', '/ws/node_modules/lodash/map.js', 5, 8, 40),
  h('Math.sqrt', '', 2, 2),
];
const names = (rows: Hotspot[]) => rows.map((r) => r.functionName);

test('"my code only" keeps the user\'s files: no node: internals, node_modules or natives', () => {
  assert.deepEqual(names(visibleRows(list, true, 'selfMs', 'desc')), ['sumOfSquares', 'report']);
  assert.equal(visibleRows(list, false, 'selfMs', 'desc').length, 5);
});

test('sorting by each column, both ways; unknown call counts last either way; the input is not changed', () => {
  assert.deepEqual(names(visibleRows(list, false, 'totalMs', 'desc')), ['report', 'sumOfSquares', 'readFileSync', 'lodashMap', 'Math.sqrt']);
  assert.deepEqual(names(visibleRows(list, false, 'selfMs', 'asc')), ['Math.sqrt', 'lodashMap', 'report', 'readFileSync', 'sumOfSquares']);
  assert.deepEqual(names(visibleRows(list, false, 'functionName', 'asc')), ['lodashMap', 'Math.sqrt', 'readFileSync', 'report', 'sumOfSquares']);
  assert.deepEqual(names(visibleRows(list, false, 'calls', 'desc')), ['sumOfSquares', 'lodashMap', 'report', 'readFileSync', 'Math.sqrt']);
  assert.deepEqual(names(visibleRows(list, false, 'calls', 'asc')), ['report', 'lodashMap', 'sumOfSquares', 'readFileSync', 'Math.sqrt']);
  assert.deepEqual(names(visibleRows(list, false, 'file', 'asc')).slice(0, 2), ['Math.sqrt', 'sumOfSquares']);
  assert.equal(list[0].functionName, 'sumOfSquares');
});

test('header clicks: a new numeric column starts high, a name column at A; the same column flips', () => {
  assert.deepEqual(nextSort({ key: 'selfMs', dir: 'desc' }, 'totalMs'), { key: 'totalMs', dir: 'desc' });
  assert.deepEqual(nextSort({ key: 'selfMs', dir: 'desc' }, 'functionName'), { key: 'functionName', dir: 'asc' });
  assert.deepEqual(nextSort({ key: 'selfMs', dir: 'desc' }, 'selfMs'), { key: 'selfMs', dir: 'asc' });
  assert.deepEqual(nextSort({ key: 'selfMs', dir: 'asc' }, 'selfMs'), { key: 'selfMs', dir: 'desc' });
});

test('locations and the header line', () => {
  assert.equal(shortLocation('/home/me/ws/scratch/hot.js', 2), 'scratch/hot.js:2');
  assert.equal(shortLocation('node:internal/fs/utils', 12), 'node:internal/fs/utils:12');
  assert.equal(shortLocation('', 0), '(native)');
  const report: HotspotReport = { durationMs: 2000, sampleCount: 1800, sampledMs: 2000, intervalUs: 1100, gcMs: 20, idleMs: 0, programMs: 4.5, hotspots: [], hotLines: [] };
  assert.equal(summaryLine(report), '2000 ms sampled · 1800 samples, one every 1.10 ms · GC 20.0 ms (1.0%) · idle 0.00 ms (0.0%) · program 4.50 ms (0.2%)');
});
