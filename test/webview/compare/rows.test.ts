// The compare table and tooltips without the DOM (webview/compare/rows.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { FunctionDiff } from '../../../src/core/profile/diff';
import { chooseNormalisation } from '../../../src/core/profile/diff-flame';
import {
  changeColour,
  compareRows,
  deltaCell,
  deltaHeading,
  frameLines,
  nextCompareSort,
  normalisationLine,
  relativeCell,
  runsLine,
  sideCell,
  verdictCell,
  visibleCompareRows,
} from '../../../webview/compare/rows';

const fn = (functionName: string, file: string, beforeSelfMs: number, afterSelfMs: number, status: FunctionDiff['status'] = 'both'): FunctionDiff => ({
  functionName,
  file,
  line: 3,
  column: 1,
  beforeSelfMs,
  afterSelfMs,
  deltaSelfMs: afterSelfMs - beforeSelfMs,
  beforeSelfPercent: 0,
  afterSelfPercent: 0,
  deltaSelfPercent: 0,
  beforeTotalMs: beforeSelfMs,
  afterTotalMs: afterSelfMs,
  status,
});

// 1000 ms and 1000 samples before; the newer run is twice as long (2000 ms, 2000 samples).
const RUN = chooseNormalisation({ sampledUs: 1_000_000, sampleCount: 1000 }, { sampledUs: 2_000_000, sampleCount: 2000 });
const FUNCTIONS = [
  fn('encodeWords', '/ws/words.js', 300, 1200), // 30% → 60%
  fn('joinWords', '/ws/words.js', 400, 400), // 40% → 20%
  fn('parse', '/ws/parse.js', 100, 200), // 10% → 10%
  fn('cache', '/ws/cache.js', 0, 100, 'added'), // 0 → 5%
  fn('legacy', '/ws/old.js', 50, 0, 'removed'), // 5% → 0
  fn('readFileSync', 'node:fs', 100, 100), // 10% → 5%
];

test('run mode: shares of each run, Δ ms at the newer run\'s length, Δ % of the older share, a verdict', () => {
  const rows = compareRows(FUNCTIONS, RUN);
  const byName = Object.fromEntries(rows.map((r) => [r.fn.functionName, r]));
  const e = byName.encodeWords;
  assert.deepEqual([e.before, e.after, e.deltaMs, e.relative, e.verdict], [30, 60, 600, 1, 'slower']);
  assert.deepEqual([sideCell(RUN, e, 'before'), sideCell(RUN, e, 'after'), deltaCell(RUN, e), relativeCell(e), verdictCell(e)], ['30.0% · 300 ms', '60.0% · 1200 ms', '+600', '+100%', 'slower']);
  const j = byName.joinWords;
  assert.deepEqual([j.deltaMs, relativeCell(j), j.verdict], [-400, '−50%', 'faster']);
  assert.equal(deltaCell(RUN, j), '−400');
  // Twice the ms in a twice-as-long run: the same share.
  assert.deepEqual([byName.parse.deltaMs, relativeCell(byName.parse), byName.parse.verdict], [0, '0%', 'same']);
  assert.deepEqual([relativeCell(byName.cache), byName.cache.verdict], ['new', 'slower']);
  assert.deepEqual([relativeCell(byName.legacy), byName.legacy.verdict], ['−100%', 'faster']);
  assert.equal(deltaHeading(RUN), 'Δ ms');
  assert.match(normalisationLine(RUN), /^Compared as a share of each run's sampled time \(before 1000 ms, 1000 samples; after 2000 ms, 2000 samples\).*Grey: within sampling noise/);
});

test('call mode: self times per call of the profiled function', () => {
  // 100 calls before, 400 after, in the same sampled time: encodeWords 3 ms → 3 ms per call, joinWords 4 → 1.
  const norm = chooseNormalisation({ sampledUs: 1_000_000, sampleCount: 1000, calls: 100 }, { sampledUs: 1_000_000, sampleCount: 1000, calls: 400 });
  const rows = compareRows([fn('encodeWords', '/ws/words.js', 300, 1200), fn('joinWords', '/ws/words.js', 400, 400)], norm);
  assert.deepEqual(rows.map((r) => [r.before, r.after, r.deltaMs, r.verdict]), [[3000, 3000, 0, 'same'], [4000, 1000, -3, 'faster']]);
  assert.deepEqual([sideCell(norm, rows[1], 'before'), sideCell(norm, rows[1], 'after'), deltaCell(norm, rows[1]), relativeCell(rows[1])], ['4.00 ms/call', '1.00 ms/call', '−3.00 ms/call', '−75%']);
  assert.equal(deltaCell(norm, compareRows([fn('tiny', '/ws/t.js', 0.2, 0.05)], norm)[0]), '−1.88 µs/call');
  assert.equal(deltaHeading(norm), 'Δ per call');
  assert.match(normalisationLine(norm), /^Compared per call of the profiled function \(both runs have call counts\): before 100 calls in 1000 ms sampled, after 400 calls in 1000 ms/);
});

test('sorting and "my code only": slowest first by default, names from A, node internals hidden', () => {
  const rows = compareRows(FUNCTIONS, RUN);
  const names = (key: Parameters<typeof visibleCompareRows>[2], dir: 'asc' | 'desc', mine = true) => visibleCompareRows(rows, mine, key, dir).map((r) => r.fn.functionName);
  assert.deepEqual(names('delta', 'desc'), ['encodeWords', 'cache', 'parse', 'legacy', 'joinWords']);
  // legacy and readFileSync both lost 100 ms at the newer run's length: the diff's order stands.
  assert.deepEqual(names('delta', 'desc', false), ['encodeWords', 'cache', 'parse', 'legacy', 'readFileSync', 'joinWords']);
  assert.deepEqual(names('functionName', 'asc'), ['cache', 'encodeWords', 'joinWords', 'legacy', 'parse']);
  assert.deepEqual(names('relative', 'desc'), ['cache', 'encodeWords', 'parse', 'joinWords', 'legacy']);
  assert.deepEqual(names('verdict', 'desc'), ['encodeWords', 'cache', 'parse', 'legacy', 'joinWords']);
  assert.deepEqual(names('after', 'desc'), ['encodeWords', 'joinWords', 'parse', 'cache', 'legacy']);
  assert.deepEqual(nextCompareSort({ key: 'delta', dir: 'desc' }, 'delta'), { key: 'delta', dir: 'asc' });
  assert.deepEqual(nextCompareSort({ key: 'delta', dir: 'desc' }, 'file'), { key: 'file', dir: 'asc' });
  assert.deepEqual(nextCompareSort({ key: 'file', dir: 'asc' }, 'verdict'), { key: 'verdict', dir: 'desc' });
});

test('header and tooltip texts; colours: red slower, blue faster, deeper for a bigger change, grey for the same', () => {
  assert.equal(runsLine({ label: 'a.cpuprofile', path: '/p/a.cpuprofile', durationMs: 601.2, calls: 1653 }, { label: 'b.cpuprofile', path: '/p/b.cpuprofile', durationMs: 1234 }), 'before: a.cpuprofile (601 ms, 1653 calls) → after: b.cpuprofile (1234 ms)');
  assert.deepEqual(frameLines(RUN, { beforeSelfUs: 300_000, afterSelfUs: 1_200_000, beforeTotalUs: 500_000, afterTotalUs: 1_000_000 }), [
    'self 30.0% → 60.0% of the run (+30.0%): slower',
    'total 50.0% → 50.0% of the run',
    'before: self 300 ms, total 500 ms · after: self 1200 ms, total 1000 ms',
  ]);
  const hue = (c: string) => Number(/^hsl\((\d+),/.exec(c)?.[1]);
  const light = (c: string) => Number(/(\d+)%\)$/.exec(c)?.[1]);
  assert.equal(hue(changeColour(0.5, 'user')), 0);
  assert.equal(hue(changeColour(-0.5, 'user')), 212);
  assert.ok(light(changeColour(1, 'user')) < light(changeColour(0.2, 'user')), 'a bigger change is a deeper colour');
  assert.match(changeColour(0, 'user'), /^hsl\(0, 0%/);
  assert.match(changeColour(0, 'gc'), /^hsl\(0, 0%/);
});
