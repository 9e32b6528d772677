import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildFlame, kindOfFile, layoutFlame, matchingFrames, nodeAt, subtreeEnd, type FlameData } from '../../../src/core/profile/flame';
import { computeHotspots } from '../../../src/core/profile/hotspots';
import { node, profileOf, withRealProfile } from './profile-fixtures';
import type { CpuProfile, ProfileNode } from '../../../src/core/profile/model';

const APP = 'file:///app/src/orders.js';
const HARNESS = 'file:///ext/dist/profile-harness.js';

/** `name self/total` per node in pre-order, indented by depth: the whole tree in one comparable value. */
function render(data: FlameData): string[] {
  return data.frame.map((f, i) => `${'  '.repeat(data.depth[i])}${data.frames[f].name} ${data.selfUs[i]}/${data.totalUs[i]}`);
}

test('identical stacks merge by function identity; self and total µs per frame; hottest child first', () => {
  // main → a → leaf (twice, from two different profile nodes), main → b
  const leaf1 = node('leaf', APP, 10);
  const leaf2 = node('leaf', APP, 10);
  const a1 = node('a', APP, 5, [leaf1]);
  const a2 = node('a', APP, 5, [leaf2]);
  const b = node('b', APP, 20);
  const main = node('main', APP, 1, [a1, a2, b]);
  const gc = node('(garbage collector)', '', 0);
  const root = node('(root)', '', 0, [main, gc]);
  const data = buildFlame(profileOf(root, [[leaf1, 300], [leaf2, 200], [a1, 100], [b, 250], [gc, 50], [main, 10]]));
  assert.deepEqual(render(data), [
    '(root) 0/910',
    '  main 10/860',
    '    a 100/600',
    '      leaf 500/500',
    '    b 250/250',
    '  (garbage collector) 50/50',
  ]);
  const leaf = data.frames[data.frame[3]];
  assert.deepEqual(leaf, { name: 'leaf', file: '/app/src/orders.js', line: 10, column: 1, kind: 'user' });
  assert.equal(data.frames[data.frame[5]].kind, 'gc');
  assert.deepEqual(data.parent, [-1, 0, 1, 2, 1, 0]);
});

test('same name at another place is another function; recursion stays a stack (frames repeat by depth)', () => {
  const map1 = node('map', APP, 3);
  const map2 = node('map', 'file:///app/src/other.js', 3);
  const inner = node('walk', APP, 7);
  const outer = node('walk', APP, 7, [inner]);
  const root = node('(root)', '', 0, [map1, map2, outer]);
  const data = buildFlame(profileOf(root, [[map1, 100], [map2, 100], [inner, 40], [outer, 10]]));
  assert.deepEqual(render(data), ['(root) 0/250', '  map 100/100', '  map 100/100', '  walk 10/50', '    walk 40/40']);
  assert.notEqual(data.frame[1], data.frame[2]);
  assert.equal(data.frame[3], data.frame[4], 'the same function is one frame');
});

test('hidden frames (the harness) are spliced out: their children move up and merge, their self time goes to the parent', () => {
  // (root) → harness loop → harness call → report → sum ; (root) → harness loop → report (another path)
  const sum = node('sumOfSquares', APP, 2);
  const report1 = node('report', APP, 7, [sum]);
  const call = node('callTarget', HARNESS, 40, [report1]);
  const report2 = node('report', APP, 7);
  const loop = node('loop', HARNESS, 30, [call, report2]);
  const root = node('(root)', '', 0, [loop]);
  const profile = profileOf(root, [[sum, 700], [report1, 100], [report2, 50], [call, 20], [loop, 5]]);
  const data = buildFlame(profile, { hidden: (url) => url.endsWith('profile-harness.js') });
  assert.deepEqual(render(data), ['(root) 25/875', '  report 150/850', '    sumOfSquares 700/700']);
  // Without the predicate, the harness shows.
  assert.deepEqual(render(buildFlame(profile)).slice(0, 3), ['(root) 0/875', '  loop 5/875', '    callTarget 20/820']);
});

test('subtrees without samples are left out; a profile without (root) gets one; empty profile → just the root', () => {
  const cold = node('cold', APP, 50);
  const hot = node('hot', APP, 60);
  const top = node('top', APP, 1, [cold, hot]);
  const data = buildFlame(profileOf(top, [[hot, 30]]));
  assert.deepEqual(render(data), ['(root) 0/30', '  top 0/30', '    hot 30/30']);
  const empty = buildFlame({ nodes: [], startTime: 0, endTime: 0, samples: [], timeDeltas: [] });
  assert.deepEqual(render(empty), ['(root) 0/0']);
  assert.equal(layoutFlame(empty).width[0], 1);
});

test('layout: widths are shares of the focus, children side by side from the parent\'s left edge; zoom and minWidth', () => {
  const c = node('c', APP, 3);
  const a = node('a', APP, 1, [c]);
  const b = node('b', APP, 2);
  const root = node('(root)', '', 0, [a, b]);
  const data = buildFlame(profileOf(root, [[a, 200], [c, 400], [b, 200], [root, 200]]));
  assert.deepEqual(render(data), ['(root) 200/1000', '  a 200/600', '    c 400/400', '  b 200/200']);
  const all = layoutFlame(data);
  assert.deepEqual([...all.x], [0, 0, 0, 0.6]);
  assert.deepEqual([...all.width], [1, 0.6, 0.4, 0.2]);
  assert.deepEqual([...all.depth], [0, 1, 2, 1]);
  assert.equal(all.maxDepth, 2);

  // Zoom into a: a and its ancestors span the width, c is 400/600 of it, b is out of view.
  const zoomed = layoutFlame(data, 1);
  assert.deepEqual([...zoomed.width].map((w) => Math.round(w * 1000) / 1000), [1, 1, 0.667, 0]);
  assert.equal(subtreeEnd(data, 1), 3);
  assert.equal(nodeAt(data, zoomed, 0.5, 2), 2);
  assert.equal(nodeAt(data, zoomed, 0.9, 2), undefined);
  assert.equal(nodeAt(data, all, 0.7, 1), 3);

  // Too narrow to draw: b (0.2) and c (0.4) go, with their subtrees.
  assert.deepEqual([...layoutFlame(data, 0, 0.5).width], [1, 0.6, 0, 0]);
  // An out-of-range focus falls back to the whole graph.
  assert.deepEqual([...layoutFlame(data, 99).width], [...all.width]);
});

test('search: frames whose name or file contains the query, case-insensitive', () => {
  const a = node('parseOrder', APP, 1);
  const b = node('render', 'file:///app/node_modules/lib/index.js', 1);
  const root = node('(root)', '', 0, [a, b]);
  const data = buildFlame(profileOf(root, [[a, 1], [b, 1]]));
  const names = (q: string) => [...matchingFrames(data, q)].map((f) => data.frames[f].name).sort();
  assert.deepEqual(names('ORDER'), ['parseOrder']);
  assert.deepEqual(names('node_modules'), ['render']);
  assert.deepEqual(names('  '), []);
  assert.equal(data.frames[data.frame[2]].kind, 'module');
});

test('kindOfFile: user files, node internals, node_modules, natives', () => {
  assert.equal(kindOfFile('/app/x.js'), 'user');
  assert.equal(kindOfFile('C:\\app\\x.js'), 'user');
  assert.equal(kindOfFile('node:internal/fs'), 'node');
  assert.equal(kindOfFile('/app/node_modules/x/index.js'), 'module');
  assert.equal(kindOfFile(''), 'native');
});

test('a 100k-node profile (deep and wide) is built and laid out without recursion', () => {
  // A chain 20k deep (recursion would overflow the stack) plus 80k distinct leaves under one parent.
  const nodes: ProfileNode[] = [{ id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, children: [2, 20_002] }];
  const samples: number[] = [];
  for (let i = 2; i <= 20_001; i++) {
    nodes.push({ id: i, callFrame: { functionName: `deep${i}`, scriptId: '1', url: APP, lineNumber: i, columnNumber: 0 }, children: i < 20_001 ? [i + 1] : [] });
  }
  samples.push(20_001);
  const wideKids: number[] = [];
  for (let i = 20_003; i < 100_003; i++) {
    wideKids.push(i);
    nodes.push({ id: i, callFrame: { functionName: `leaf${i}`, scriptId: '1', url: APP, lineNumber: i, columnNumber: 0 } });
    samples.push(i);
  }
  nodes.push({ id: 20_002, callFrame: { functionName: 'wide', scriptId: '1', url: APP, lineNumber: 1, columnNumber: 0 }, children: wideKids });
  const profile: CpuProfile = { nodes, startTime: 0, endTime: samples.length * 100, samples, timeDeltas: samples.map((_, i) => (i === 0 ? 0 : 100)) };
  const data = buildFlame(profile);
  assert.equal(data.frame.length, 100_002);
  const layout = layoutFlame(data);
  assert.equal(layout.maxDepth, 20_000);
  // Every leaf gets its share, side by side.
  const leaves = data.frame.map((_, i) => i).filter((i) => data.depth[i] === 2 && data.frames[data.frame[data.parent[i]]].name === 'wide');
  assert.equal(leaves.length, 80_000);
  const widthSum = leaves.reduce((s, i) => s + layout.width[i], 0);
  assert.ok(Math.abs(widthSum - 80_000 / 80_001) < 1e-9, String(widthSum));
});

test('a real V8 profile (node --cpu-prof): the totals add up, and the hot function\'s total matches computeHotspots', () => {
  const source = [
    'function slowSquareSum(n) {',
    '  let s = 0;',
    '  for (let i = 0; i < n; i++) s += Math.sqrt(i) * Math.sqrt(i);',
    '  return s;',
    '}',
    'function outer() { return slowSquareSum(200000); }',
    'const end = Date.now() + 300;',
    'let x = 0;',
    'while (Date.now() < end) x += outer();',
    'console.log(x > 0);',
  ].join('\n');
  withRealProfile(source, ({ profile, script }) => {
  const data = buildFlame(profile);
  const report = computeHotspots(profile);
  // The root's total is all sampled time; every node's total is its self plus its children's totals.
  assert.ok(Math.abs(data.totalUs[0] / 1000 - report.sampledMs) < 0.01, `${data.totalUs[0]} vs ${report.sampledMs} ms`);
  const childSum = new Array<number>(data.frame.length).fill(0);
  for (let i = 1; i < data.frame.length; i++) childSum[data.parent[i]] += data.totalUs[i];
  for (let i = 0; i < data.frame.length; i++) assert.ok(Math.abs(data.selfUs[i] + childSum[i] - data.totalUs[i]) < 1e-6);
  // Parents precede children and depth follows the parent.
  for (let i = 1; i < data.frame.length; i++) {
    assert.ok(data.parent[i] < i);
    assert.equal(data.depth[i], data.depth[data.parent[i]] + 1);
  }
  // The script's frames are user code, at their place in the file.
  const userFrames = data.frames.filter((f) => f.kind === 'user');
  assert.ok(userFrames.every((f) => f.file === script), JSON.stringify(userFrames));
  assert.ok(data.frames.some((f) => f.kind === 'program' || f.kind === 'gc' || f.kind === 'idle' || f.kind === 'node'));
  // A frame whose function is not recursive: its flame totals add up to its hot-spot total.
  const hot = report.hotspots.find((h) => h.file === script && h.functionName === 'outer');
  if (hot) {
    const fi = data.frames.findIndex((f) => f.name === 'outer' && f.file === script);
    const flameTotal = data.frame.reduce((s, f, i) => (f === fi ? s + data.totalUs[i] : s), 0);
    assert.ok(Math.abs(flameTotal / 1000 - hot.totalMs) < 0.01, `${flameTotal / 1000} vs ${hot.totalMs}`);
  }
  const layout = layoutFlame(data);
  for (let i = 0; i < data.frame.length; i++) assert.ok(layout.x[i] >= 0 && layout.x[i] + layout.width[i] <= 1 + 1e-9);
  });
});

test('nodes listed children first give the same tree; a cycle or a node listed twice does not hang', () => {
  const leaf = node('leaf', APP, 10);
  const mid = node('mid', APP, 5, [leaf]);
  const root = node('(root)', '', 0, [mid]);
  const profile = profileOf(root, [[leaf, 300], [mid, 100]]);
  const expected = render(buildFlame(profile));
  assert.deepEqual(render(buildFlame({ ...profile, nodes: profile.nodes.slice().reverse() })), expected);
  // mid ⇄ other form a cycle that no root reaches; leaf is also listed under root.
  const other: ProfileNode = { id: 999, callFrame: { functionName: 'other', scriptId: '1', url: APP, lineNumber: 1, columnNumber: 0 }, children: [mid.id] };
  const cyclic: CpuProfile = {
    ...profile,
    nodes: profile.nodes.map((n) => (n.id === mid.id ? { ...n, children: [leaf.id, other.id] } : n.id === root.id ? { ...n, children: [leaf.id] } : n)).concat(other),
  };
  const data = buildFlame(cyclic);
  assert.equal(data.frame[0], 0);
  assert.ok(data.frame.length <= 4);
});

test('with the source at hand, ticks V8 charged to a caller for an inlined callee go to a child frame of the callee, merged with its own frames', () => {
  // hot.js: sumOfSquares on lines 2–6, report on lines 7–11. V8 inlined sumOfSquares into report for most
  // samples (ticks on line 4 inside report's frame) and ran it on its own for one.
  const sumReal = node('sumOfSquares', APP, 2);
  const report = node('report', APP, 7, [sumReal]);
  report.positionTicks = [
    { line: 4, ticks: 3 },
    { line: 9, ticks: 1 },
  ];
  const root = node('(root)', '', 0, [report]);
  const profile = profileOf(root, [[report, 400], [sumReal, 200]]);
  const enclosingFunction = (url: string, line: number) =>
    url !== APP ? undefined : line >= 2 && line <= 6 ? { name: 'sumOfSquares', line: 2, column: 1 } : line >= 7 && line <= 11 ? { name: 'report', line: 7, column: 1 } : undefined;
  const data = buildFlame(profile, { enclosingFunction });
  assert.deepEqual(render(data), ['(root) 0/600', '  report 100/600', '    sumOfSquares 500/500']);
  assert.deepEqual(data.frames[data.frame[2]], { name: 'sumOfSquares', file: '/app/src/orders.js', line: 2, column: 1, kind: 'user' });
  // As recorded, without the lookup.
  assert.deepEqual(render(buildFlame(profile)), ['(root) 0/600', '  report 400/600', '    sumOfSquares 200/200']);
});
