// The differential flame graph of two profiles (src/core/profile/diff-flame.ts), on hand-built profiles with exact sample times.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildDiffFlame, chooseNormalisation, compareTimes, diffFlames, MIN_RELATIVE_CHANGE, type DiffFlameData } from '../../../src/core/profile/diff-flame';
import { buildFlame, layoutFlame, matchingFrames } from '../../../src/core/profile/flame';
import type { CpuProfile, ProfileNode } from '../../../src/core/profile/model';
import { node, profileOf, type Tree } from './profile-fixtures';

const APP = 'file:///app/src/orders.js';
const HARNESS = 'file:///ext/dist/profile-harness.js';

/** `count` samples of `us` µs each on `n`. */
const many = (n: ProfileNode, count: number, us = 100): [ProfileNode, number][] => Array.from({ length: count }, () => [n, us] as [ProfileNode, number]);
const profile = (root: Tree, ...runs: [ProfileNode, number][][]): CpuProfile => profileOf(root, runs.flat());
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** `name width before→after change` per node in pre-order, indented by depth (self times, µs). */
function render(d: DiffFlameData): string[] {
  return d.frame.map((f, i) => `${'  '.repeat(d.depth[i])}${d.frames[f].name} ${d.totalUs[i]} ${d.beforeSelfUs[i]}→${d.afterSelfUs[i]} ${r3(d.change[i])}`);
}

test('two runs of equal length merge by stack path: widths are the larger self time, colours the change of share; frames of one run only stay', () => {
  // before: main 100 samples of self, a 300, b 100 (500 samples, 50 ms); after: main 200, a 100, c 200.
  const aB = node('a', APP, 10);
  const bB = node('b', APP, 20);
  const mainB = node('main', APP, 1, [aB, bB]);
  const before = profile(node('(root)', '', 0, [mainB]), many(mainB, 100), many(aB, 300), many(bB, 100));
  const aA = node('a', APP, 10);
  const cA = node('c', APP, 30);
  const mainA = node('main', APP, 1, [aA, cA]);
  const after = profile(node('(root)', '', 0, [mainA]), many(mainA, 200), many(aA, 100), many(cA, 200));

  const d = buildDiffFlame(before, after);
  assert.equal(d.norm.mode, 'run');
  assert.deepEqual([d.norm.before.sampledUs, d.norm.before.sampleCount, d.norm.after.sampledUs], [50_000, 500, 50_000]);
  assert.deepEqual(render(d), [
    '(root) 80000 0→0 0',
    // main: 20% → 40% of the run, +20 points = half of its newer share.
    '  main 80000 10000→20000 0.5',
    '    a 30000 30000→10000 -0.667',
    '    c 20000 0→20000 1',
    '    b 10000 10000→0 -1',
  ]);
  assert.deepEqual(d.beforeTotalUs, [50_000, 50_000, 30_000, 0, 10_000]);
  assert.deepEqual(d.afterTotalUs, [50_000, 50_000, 10_000, 20_000, 0]);
  assert.deepEqual(d.parent, [-1, 0, 1, 1, 1]);
  // It is a FlameData: the flame graph's layout and search work on it, children inside their parent.
  const layout = layoutFlame(d);
  assert.deepEqual([...layout.width].map(r3), [1, 1, 0.375, 0.25, 0.125]);
  assert.deepEqual([...layout.x].map(r3), [0, 0, 0, 0.375, 0.625]);
  assert.deepEqual([...matchingFrames(d, 'main')].map((f) => d.frames[f].name), ['main']);
});

test('runs of different lengths compare as shares: the same split in a twice-as-long run is unchanged, drawn at the newer run\'s time', () => {
  const aB = node('a', APP, 10);
  const bB = node('b', APP, 20);
  const before = profile(node('(root)', '', 0, [aB, bB]), many(aB, 300), many(bB, 100));
  const aA = node('a', APP, 10);
  const bA = node('b', APP, 20);
  const after = profile(node('(root)', '', 0, [aA, bA]), many(aA, 600), many(bA, 200));
  const d = buildDiffFlame(before, after);
  assert.deepEqual(render(d), ['(root) 80000 0→0 0', '  a 60000 30000→60000 0', '  b 20000 10000→20000 0']);
  const c = compareTimes(d.norm, 30_000, 60_000);
  assert.deepEqual([c.before, c.after, c.delta, c.verdict], [75, 75, 0, 'same']);
});

test('with call counts on both sides the comparison is per call: twice the calls in the same time is twice as fast', () => {
  const aB = node('a', APP, 10);
  const before = profile(node('(root)', '', 0, [aB]), many(aB, 400));
  const aA = node('a', APP, 10);
  const after = profile(node('(root)', '', 0, [aA]), many(aA, 400));
  const d = buildDiffFlame(before, after, { beforeCalls: 100, afterCalls: 200 });
  assert.equal(d.norm.mode, 'call');
  // 40 ms / 100 calls = 400 µs per call before, 200 µs after; the older run scaled to 200 calls is 80 ms wide.
  const c = compareTimes(d.norm, 40_000, 40_000);
  assert.deepEqual([c.before, c.after, c.delta, c.verdict], [400, 200, -200, 'faster']);
  assert.deepEqual(render(d), ['(root) 80000 0→0 0', '  a 80000 40000→40000 -0.5']);
  // One side without a count: back to shares, where nothing changed.
  assert.equal(buildDiffFlame(before, after, { beforeCalls: 100 }).norm.mode, 'run');
  assert.equal(chooseNormalisation({ sampledUs: 1, sampleCount: 1, calls: 0 }, { sampledUs: 1, sampleCount: 1, calls: 5 }).mode, 'run');
});

test('noise: a change within two standard errors of the sample shares, or under 5% of the larger side, is "same"', () => {
  const norm = chooseNormalisation({ sampledUs: 100_000, sampleCount: 100 }, { sampledUs: 100_000, sampleCount: 100 });
  // 10 → 14 samples of 100: 2 SE of the difference is about 9 points.
  assert.equal(compareTimes(norm, 10_000, 14_000).verdict, 'same');
  assert.equal(compareTimes(norm, 10_000, 40_000).verdict, 'slower');
  assert.equal(compareTimes(norm, 40_000, 10_000).verdict, 'faster');
  // A new function with a handful of samples is noise; with many it is a change.
  assert.equal(compareTimes(norm, 0, 2_000).verdict, 'same');
  assert.equal(compareTimes(norm, 0, 20_000).verdict, 'slower');
  // With a million samples, 3% more of a 50% share is significant but too small to call.
  const big = chooseNormalisation({ sampledUs: 1e9, sampleCount: 1e6 }, { sampledUs: 1e9, sampleCount: 1e6 });
  assert.ok(0.03 < MIN_RELATIVE_CHANGE);
  assert.equal(compareTimes(big, 5e8, 5e8 * 1.03).verdict, 'same');
  assert.equal(compareTimes(big, 5e8, 5e8 * 1.1).verdict, 'slower');
  assert.equal(compareTimes(norm, 0, 0).verdict, 'same');
});

test('frames match by name, file, line and column; a moved function still matches by name and file, unless that is ambiguous', () => {
  // parse moved from line 10 to 12 (an edit above it): still one frame, named at its new line.
  // Two anonymous functions of the same file both moved: no guess, four frames.
  const parseB = node('parse', APP, 10);
  const anon1B = node('(anonymous)', APP, 40);
  const anon2B = node('(anonymous)', APP, 50);
  const before = profile(node('(root)', '', 0, [parseB, anon1B, anon2B]), many(parseB, 300), many(anon1B, 100), many(anon2B, 100));
  const parseA = node('parse', APP, 12);
  const anon1A = node('(anonymous)', APP, 42);
  const anon2A = node('(anonymous)', APP, 52);
  const after = profile(node('(root)', '', 0, [parseA, anon1A, anon2A]), many(parseA, 300), many(anon1A, 100), many(anon2A, 100));
  const d = buildDiffFlame(before, after);
  const rows = d.frame.map((f, i) => `${d.frames[f].name}:${d.frames[f].line} ${d.beforeSelfUs[i]}→${d.afterSelfUs[i]}`);
  assert.deepEqual(rows.slice(0, 2), ['(root):0 0→0', 'parse:12 30000→30000']);
  assert.deepEqual(rows.slice(2).sort(), ['(anonymous):40 10000→0', '(anonymous):42 0→10000', '(anonymous):50 10000→0', '(anonymous):52 0→10000']);
});

test('a wide caller (hundreds of children, matched through keyed maps) pairs its children as a narrow one does', () => {
  const kidsB: Tree[] = [];
  const kidsA: Tree[] = [];
  for (let k = 0; k < 30; k++) {
    kidsB.push(node(`f${k}`, APP, 100 + k));
    // Every third function moved down a line; f29 is gone and g0 is new; two anonymous ones moved: not paired.
    if (k < 29) kidsA.push(node(`f${k}`, APP, 100 + k + (k % 3 === 0 ? 1000 : 0)));
  }
  kidsA.push(node('g0', APP, 5));
  kidsB.push(node('(anonymous)', APP, 60), node('(anonymous)', APP, 61));
  kidsA.push(node('(anonymous)', APP, 70), node('(anonymous)', APP, 71));
  const before = profile(node('(root)', '', 0, kidsB), ...kidsB.map((n) => many(n, 2)));
  const after = profile(node('(root)', '', 0, kidsA), ...kidsA.map((n) => many(n, 2)));
  const d = buildDiffFlame(before, after);
  const rows = d.frame.slice(1).map((f, k) => `${d.frames[f].name}:${d.frames[f].line} ${d.beforeSelfUs[k + 1]}→${d.afterSelfUs[k + 1]}`).sort();
  assert.equal(rows.length, 29 + 1 + 1 + 4);
  assert.ok(rows.includes('f0:1100 200→200'), 'a moved function is paired, named at its new line');
  assert.ok(rows.includes('f1:101 200→200'));
  assert.ok(rows.includes('f29:129 200→0') && rows.includes('g0:5 0→200'));
  assert.deepEqual(rows.filter((r) => r.startsWith('(anonymous)')), ['(anonymous):60 200→0', '(anonymous):61 200→0', '(anonymous):70 0→200', '(anonymous):71 0→200']);
});

test('the same stack under different callers stays apart; recursion keeps its depth', () => {
  const leafUnderX = node('leaf', APP, 5);
  const leafUnderY = node('leaf', APP, 5);
  const x = node('x', APP, 1, [leafUnderX]);
  const y = node('y', APP, 2, [leafUnderY]);
  const before = profile(node('(root)', '', 0, [x, y]), many(leafUnderX, 100), many(leafUnderY, 100));
  const leafUnderX2 = node('leaf', APP, 5);
  const walk2 = node('walk', APP, 7);
  const walk1 = node('walk', APP, 7, [walk2]);
  const x2 = node('x', APP, 1, [leafUnderX2]);
  const y2 = node('y', APP, 2, [walk1]);
  const after = profile(node('(root)', '', 0, [x2, y2]), many(leafUnderX2, 100), many(walk2, 100));
  const d = buildDiffFlame(before, after);
  assert.deepEqual(
    d.frame.map((f, i) => `${'  '.repeat(d.depth[i])}${d.frames[f].name} ${d.beforeSelfUs[i]}→${d.afterSelfUs[i]}`),
    ['(root) 0→0', '  y 0→0', '    leaf 10000→0', '    walk 0→0', '      walk 0→10000', '  x 0→0', '    leaf 10000→10000'],
  );
});

test('both sides get the same correction: harness frames hidden, an inlined callee given back its ticks', () => {
  // report (lines 7–11) with sumOfSquares (lines 2–6) inlined into it: ticks on line 4 belong to sumOfSquares.
  const enclosingFunction = (url: string, line: number) =>
    url !== APP ? undefined : line >= 2 && line <= 6 ? { name: 'sumOfSquares', line: 2, column: 1 } : line >= 7 && line <= 11 ? { name: 'report', line: 7, column: 1 } : undefined;
  const run = (inlinedTicks: number, ownTicks: number) => {
    const report = node('report', APP, 7, [], { positionTicks: [{ line: 4, ticks: inlinedTicks }, { line: 9, ticks: ownTicks }] });
    const loop = node('loop', HARNESS, 30, [report]);
    return profile(node('(root)', '', 0, [loop]), many(report, inlinedTicks + ownTicks));
  };
  const d = buildDiffFlame(run(100, 100), run(300, 100), { enclosingFunction, hidden: (url) => url === HARNESS });
  assert.deepEqual(render(d), [
    // report: 50% → 25% of its run (drawn at its old share of the twice-as-long newer run); sumOfSquares
    // (inlined) 50% → 75%.
    '(root) 50000 0→0 0',
    '  report 50000 10000→10000 -0.5',
    '    sumOfSquares 30000 10000→30000 0.333',
  ]);
});

test('widths always hold their children (random pairs of trees), every node of either run is drawn, raw totals add up', () => {
  let seed = 42;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const randomProfile = (): CpuProfile => {
    const root = node('(root)', '', 0);
    const all: Tree[] = [root];
    for (let i = 0; i < 60; i++) {
      const parent = all[Math.floor(rand() * all.length)];
      const name = `f${Math.floor(rand() * 6)}`;
      const child = node(name, APP, 1 + Number(name.slice(1)) * 10);
      parent.kids.push(child);
      parent.children = parent.kids.map((k) => k.id);
      all.push(child);
    }
    return profile(root, all.slice(1).flatMap((n) => many(n, Math.floor(rand() * 5), 10 + Math.floor(rand() * 90))));
  };
  for (let round = 0; round < 20; round++) {
    const before = randomProfile();
    const after = randomProfile();
    const d = buildDiffFlame(before, after, round % 2 ? { beforeCalls: 3, afterCalls: 7 } : {});
    const fa = buildFlame(before);
    const fb = buildFlame(after);
    assert.equal(d.beforeTotalUs[0], fa.totalUs[0]);
    assert.equal(d.afterTotalUs[0], fb.totalUs[0]);
    // Every sampled µs of each run is somewhere in the merged tree.
    assert.ok(Math.abs(d.beforeSelfUs.reduce((s, x) => s + x, 0) - fa.totalUs[0]) < 1e-6);
    assert.ok(Math.abs(d.afterSelfUs.reduce((s, x) => s + x, 0) - fb.totalUs[0]) < 1e-6);
    const kids = new Map<number, number>();
    for (let i = 1; i < d.frame.length; i++) {
      assert.ok(d.parent[i] < i, 'pre-order');
      assert.ok(d.totalUs[i] > 0, 'no empty subtree');
      kids.set(d.parent[i], (kids.get(d.parent[i]) ?? 0) + d.totalUs[i]);
    }
    for (const [p, sum] of kids) assert.ok(Math.abs(d.totalUs[p] - d.selfUs[p] - sum) < 1e-6, `node ${p}: total = self + children`);
    for (const c of d.change) assert.ok(c >= -1 && c <= 1);
    const layout = layoutFlame(d);
    for (let i = 1; i < d.frame.length; i++) {
      const p = d.parent[i];
      assert.ok(layout.x[i] >= layout.x[p] - 1e-9 && layout.x[i] + layout.width[i] <= layout.x[p] + layout.width[p] + 1e-9);
    }
  }
});

test('two empty profiles give a lone root; an empty flame on one side leaves the other whole', () => {
  const empty: CpuProfile = { nodes: [], startTime: 0, endTime: 0, samples: [], timeDeltas: [] };
  assert.deepEqual(render(buildDiffFlame(empty, empty)), ['(root) 0 0→0 0']);
  const a = node('a', APP, 10);
  const one = profile(node('(root)', '', 0, [a]), many(a, 50));
  const d = diffFlames({ frames: [], frame: [], parent: [], depth: [], selfUs: [], totalUs: [] }, buildFlame(one), chooseNormalisation({ sampledUs: 0, sampleCount: 0 }, { sampledUs: 5000, sampleCount: 50 }));
  assert.deepEqual(render(d), ['(root) 5000 0→0 0', '  a 5000 0→5000 1']);
});
