import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { computeHotspots, fileOfUrl, hotspotInvariantViolations } from '../../../src/core/profile/hotspots';
import { assertHotspotInvariants } from './profile-fixtures';
import { node, profileOf, withRealProfile } from './profile-fixtures';
import type { ProfileNode } from '../../../src/core/profile/model';

const APP = 'file:///app/src/orders.js';
test('self and total per function; recursion counted once; GC and idle kept apart; percentages of all sampled time', () => {
  // main → parse (self 3 ms) ; main → walk → walk → walk (recursion, self 2 ms each level) ; (garbage collector) 1 ms ; (idle) 2 ms
  const walk3 = node('walk', APP, 20);
  const walk2 = node('walk', APP, 20, [walk3]);
  const walk1 = node('walk', APP, 20, [walk2]);
  const parse = node('parse', APP, 10);
  const main = node('main', APP, 1, [parse, walk1]);
  const gc = node('(garbage collector)', '', 0);
  const idle = node('(idle)', '', 0);
  const root = node('(root)', '', 0, [main, gc, idle]);
  const p = profileOf(root, [[parse, 3000], [walk1, 2000], [walk2, 2000], [walk3, 2000], [gc, 1000], [idle, 2000], [main, 1000]]);
  const r = computeHotspots(p);
  assert.equal(r.sampleCount, 7);
  assert.equal(r.sampledMs, 13);
  assert.equal(r.gcMs, 1);
  assert.equal(r.idleMs, 2);
  const by = (name: string) => r.hotspots.find((h) => h.functionName === name)!;
  assert.deepEqual([by('walk').selfMs, by('walk').totalMs], [6, 6], 'recursion: total is not 6 + 4 + 2');
  assert.deepEqual([by('parse').selfMs, by('parse').totalMs], [3, 3]);
  assert.deepEqual([by('main').selfMs, by('main').totalMs], [1, 10]);
  assert.equal(by('walk').selfPercent, Math.round((100 * 6) / 13 * 100) / 100);
  assert.equal(r.hotspots[0].functionName, 'walk', 'sorted by self time');
  assert.deepEqual({ file: by('parse').file, line: by('parse').line, column: by('parse').column }, { file: '/app/src/orders.js', line: 10, column: 1 });
  assert.ok(!r.hotspots.some((h) => h.functionName.startsWith('(')), 'no pseudo-frames among functions');
  assert.equal(by('walk').calls, null);
});

test('hot lines split a node\'s self time by its position ticks', () => {
  const hot = node('sum', APP, 5, [], { positionTicks: [{ line: 6, ticks: 3 }, { line: 7, ticks: 1 }] });
  const root = node('(root)', '', 0, [hot]);
  const r = computeHotspots(profileOf(root, [[hot, 1000], [hot, 1000], [hot, 1000], [hot, 1000]]));
  assert.deepEqual(r.hotLines, [
    { file: '/app/src/orders.js', line: 6, selfMs: 3, selfPercent: 75 },
    { file: '/app/src/orders.js', line: 7, selfMs: 1, selfPercent: 25 },
  ]);
});

test('inlining: ticks on lines of another function go back to that function', () => {
  // V8 inlined `distance` (lines 30–40) into `closest` (lines 10–20): the samples sit on `closest`'s node,
  // but most of its line ticks point into `distance`.
  const closest = node('closest', APP, 10, [], { positionTicks: [{ line: 12, ticks: 1 }, { line: 33, ticks: 3 }] });
  const root = node('(root)', '', 0, [closest]);
  const p = profileOf(root, [[closest, 1000], [closest, 1000], [closest, 1000], [closest, 1000]]);
  const functions = [
    { name: 'closest', line: 10, column: 1, end: 20 },
    { name: 'distance', line: 30, column: 1, end: 40 },
  ];
  const enclosingFunction = (url: string, line: number) =>
    url === APP ? functions.find((f) => f.line <= line && line <= f.end) : undefined;
  const plain = computeHotspots(p);
  assert.deepEqual(plain.hotspots.map((h) => [h.functionName, h.selfMs]), [['closest', 4]], 'without the lookup, the caller is blamed');
  const fixed = computeHotspots(p, { enclosingFunction });
  assert.deepEqual(fixed.hotspots.map((h) => [h.functionName, h.line, h.selfMs]), [['distance', 30, 3], ['closest', 10, 1]]);
  assert.ok(fixed.hotspots[0].totalMs >= fixed.hotspots[0].selfMs);
});

test('"my code only" drops node internals, node_modules and anonymous URLs', () => {
  const mine = node('mine', APP, 1);
  const lib = node('lodashThing', 'file:///app/node_modules/lodash/lodash.js', 1);
  const internal = node('readFileSync', 'node:fs', 1);
  const root = node('(root)', '', 0, [mine, lib, internal]);
  const p = profileOf(root, [[mine, 1000], [lib, 1000], [internal, 1000]]);
  assert.equal(computeHotspots(p).hotspots.length, 3);
  assert.deepEqual(computeHotspots(p, { myCodeOnly: true }).hotspots.map((h) => h.functionName), ['mine']);
  assert.equal(computeHotspots(p).hotspots.find((h) => h.functionName === 'readFileSync')!.file, 'node:fs');
});

test('hidden frames leave the lists but keep their time in the base', () => {
  const harness = node('runFunction', 'file:///opt/perf-lens/dist/profile-harness.js', 1);
  const mine = node('mine', APP, 1);
  harness.children = [mine.id];
  (harness as { kids: ProfileNode[] }).kids = [mine];
  const root = node('(root)', '', 0, [harness]);
  const p = profileOf(root, [[harness, 1000], [mine, 3000]]);
  const r = computeHotspots(p, { hidden: (url) => url.endsWith('/profile-harness.js') });
  assert.deepEqual(r.hotspots.map((h) => [h.functionName, h.selfPercent]), [['mine', 75]]);
});

test('fileOfUrl decodes file URLs, POSIX and Windows', () => {
  assert.equal(fileOfUrl('file:///home/a%20b/x.js'), '/home/a b/x.js');
  assert.equal(fileOfUrl('file:///C:/src/x.js'), 'C:/src/x.js');
  assert.equal(fileOfUrl('node:internal/main'), 'node:internal/main');
});

test('a real V8 profile (node --cpu-prof): the hot function is at the top of the hot spots', () => {
  const source = [
    'function slowSquareSum(n) {',
    '  let s = 0;',
    '  for (let i = 0; i < n; i++) s += Math.sqrt(i) * Math.sqrt(i);',
    '  return s;',
    '}',
    'const end = Date.now() + 400;',
    'let x = 0;',
    'while (Date.now() < end) x += slowSquareSum(200_000);',
    'if (x < 0) console.log(x);',
  ].join('\n');
  withRealProfile(source, ({ profile, url }) => {
    const report = computeHotspots(profile, { myCodeOnly: true });
    assert.equal(report.hotspots[0].file, fileOfUrl(url));
    // Inlined or not, the loop's samples land in the script's own code, most of them on line 3.
    assert.ok(['slowSquareSum', '(anonymous)'].includes(report.hotspots[0].functionName), report.hotspots[0].functionName);
    assert.equal(report.hotLines[0].line, 3);
    assert.ok(report.hotspots[0].selfPercent > 50, `${report.hotspots[0].selfPercent}%`);
    assert.ok(report.intervalUs > 0);
  });
});

// Issue 11, item 6: `groupBy` calling through a curried dispatcher showed a total of 102.2% of the sampled
// time. The dispatcher's node carries ticks on lines of `groupBy` (V8 inlined groupBy's callback into it),
// so the correction moves them to `groupBy`, which is on the same stack already: its total must count
// those samples once, not once for the frame and once more for the moved ticks.
test('inlining correction: a tick moved to a function already on the stack counts once in its total', () => {
  const TS = 'file:///app/src/group.ts';
  const functions = [
    { name: 'groupBy', line: 1, column: 1, end: 10 },
    { name: 'dispatch', line: 20, column: 1, end: 24 },
    { name: 'other', line: 30, column: 1, end: 32 },
  ];
  const enclosingFunction = (url: string, line: number) => (url === TS ? functions.find((f) => f.line <= line && line <= f.end) : undefined);
  // groupBy → dispatch → dispatch (the curried inner arrow, same function after the correction)
  const inner = node('dispatch', TS, 20, [], { positionTicks: [{ line: 21, ticks: 1 }, { line: 5, ticks: 3 }] });
  const dispatch = node('dispatch', TS, 20, [inner], { positionTicks: [{ line: 6, ticks: 1 }] });
  const groupBy = node('groupBy', TS, 1, [dispatch], { positionTicks: [{ line: 3, ticks: 1 }] });
  const other = node('other', TS, 30, [], { positionTicks: [{ line: 31, ticks: 1 }] });
  const root = node('(root)', '', 0, [groupBy, other]);
  const p = profileOf(root, [[groupBy, 1000], [dispatch, 1000], [inner, 1000], [inner, 1000], [inner, 1000], [inner, 1000], [other, 1000]]);
  const r = computeHotspots(p, { enclosingFunction });
  const by = (name: string) => r.hotspots.find((h) => h.functionName === name)!;
  assert.equal(r.sampledMs, 7);
  // groupBy: its own 1 ms, the tick of dispatch's node on line 6 (1 ms) and 3 of inner's 4 ticks (3 ms).
  assert.deepEqual([by('groupBy').selfMs, by('groupBy').totalMs], [5, 6], 'total: every sample under groupBy once');
  assert.deepEqual([by('dispatch').selfMs, by('dispatch').totalMs], [1, 5]);
  assert.deepEqual([by('other').selfMs, by('other').totalMs], [1, 1]);
  assert.ok(by('groupBy').totalPercent <= 100);
  assert.deepEqual(hotspotInvariantViolations(r), []);
  // As recorded (no correction): the same totals, only the self times move.
  const plain = computeHotspots(p);
  assert.deepEqual([plain.hotspots.find((h) => h.functionName === 'groupBy')!.totalMs], [6]);
});

test('inlining correction: a callee not on the stack gets the moved ticks in its total, added up over frames', () => {
  const functions = [
    { name: 'closest', line: 10, column: 1, end: 20 },
    { name: 'distance', line: 30, column: 1, end: 40 },
  ];
  const enclosingFunction = (url: string, line: number) => (url === APP ? functions.find((f) => f.line <= line && line <= f.end) : undefined);
  // distance is a real frame once (2 ms) and inlined into two calls of closest (1 ms + 2 ms of ticks).
  const distance = node('distance', APP, 30);
  const a = node('closest', APP, 10, [distance], { positionTicks: [{ line: 33, ticks: 1 }] });
  const b = node('closest', APP, 10, [], { positionTicks: [{ line: 12, ticks: 1 }, { line: 35, ticks: 2 }] });
  const main = node('main', 'file:///app/src/main.js', 1, [a, b]);
  const root = node('(root)', '', 0, [main]);
  // a and b are two nodes of one function under main (a recursion-free split of the stack).
  const p = profileOf(root, [[distance, 1000], [distance, 1000], [a, 1000], [b, 1000], [b, 1000], [b, 1000]]);
  const r = computeHotspots(p, { enclosingFunction });
  const d = r.hotspots.find((h) => h.functionName === 'distance')!;
  assert.deepEqual([d.selfMs, d.totalMs], [5, 5]);
  assertHotspotInvariants(r, 'closest/distance');
});

test('hotspotInvariantViolations names a total over the sampled time and a self over its total', () => {
  const r = computeHotspots(profileOf(node('(root)', '', 0, []), []));
  const broken = { ...r, sampledMs: 10, hotspots: [{ functionName: 'f', file: '/a.js', line: 1, column: 1, selfMs: 4, selfPercent: 40, totalMs: 10.2, totalPercent: 102, calls: null }, { functionName: 'g', file: '/a.js', line: 5, column: 1, selfMs: 3, selfPercent: 30, totalMs: 2, totalPercent: 20, calls: null }] };
  const v = hotspotInvariantViolations(broken);
  assert.equal(v.length, 2, v.join('\n'));
  assert.match(v[0], /^f \(\/a\.js:1:1\): total 10\.2 ms exceeds the sampled 10 ms \(102%\)$/);
  assert.match(v[1], /^g .*self 3 ms exceeds its total 2 ms$/);
  assert.throws(() => assertHotspotInvariants(broken, 'made up'), /made up: .*total 10\.2 ms exceeds/);
});
