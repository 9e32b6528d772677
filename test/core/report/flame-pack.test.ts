// The report's packed flame graph (src/core/report/flame-pack.ts): exact round trips, smaller, and malformed input refused.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildFlame, type FlameData } from '../../../src/core/profile/flame';
import { PackedFlameError, packFlame, unpackFlame } from '../../../src/core/report/flame-pack';
import { packShow, unpackEmbedded } from '../../../src/core/report/report-message';
import { computeHotspots } from '../../../src/core/profile/hotspots';
import { node, profileOf, withRealProfile, type Tree } from '../profile/profile-fixtures';
import { hostileProfile } from '../../runner/report/report-fixtures';

/** The same graph: each node's frame compared by content, since packing renumbers frames. */
function assertSameFlame(actual: FlameData, expected: FlameData): void {
  assert.deepEqual(actual.parent, expected.parent);
  assert.deepEqual(actual.depth, expected.depth);
  assert.deepEqual(actual.selfUs, expected.selfUs);
  assert.deepEqual(actual.totalUs, expected.totalUs);
  assert.deepEqual(
    actual.frame.map((f) => actual.frames[f]),
    expected.frame.map((f) => expected.frames[f]),
  );
}

test('a real profile round-trips exactly, and packs smaller', () => {
  withRealProfile(
    'function leaf(n){let s=0;for(let i=0;i<n;i++)s+=i%7;return s}\nfunction mid(){return leaf(3e5)+leaf(1e5)}\nconst end=Date.now()+300;let x=0;while(Date.now()<end)x+=mid();\n',
    ({ profile }) => {
      const flame = buildFlame(profile);
      assert.ok(flame.frame.length > 5);
      const packed = packFlame(flame);
      assertSameFlame(unpackFlame(JSON.parse(JSON.stringify(packed))), flame);
      assert.ok(JSON.stringify(packed).length < JSON.stringify(flame).length, 'smaller');
    },
  );
});

test('a deep, wide generated tree round-trips; totals are recomputed, so they are not sent', () => {
  // 3000 levels deep with a side branch every 10 levels.
  let leaf: Tree = node('bottom', 'file:///a.js', 1);
  const sampled: Tree[] = [leaf];
  for (let d = 0; d < 3000; d++) {
    const kids = [leaf];
    if (d % 10 === 0) {
      const side = node(`side${d % 7}`, 'file:///b.js', 1 + (d % 7));
      kids.push(side);
      sampled.push(side);
    }
    leaf = node(`f${d % 50}`, 'file:///a.js', 2 + (d % 50), kids);
  }
  const profile = profileOf(node('(root)', '', 0, [leaf]), sampled.map((n, i) => [n, 100 + i]));
  const flame = buildFlame(profile);
  const packed = packFlame(flame);
  assert.equal(packed.totalUs, undefined);
  assert.ok(packed.name.length < flame.frame.length, 'frames shared by nodes are sent once');
  assertSameFlame(unpackFlame(packed), flame);
});

test('self times whose sums depend on the order keep their totals as they were', () => {
  const flame: FlameData = {
    frames: [
      { name: '(root)', file: '', line: 0, column: 0, kind: 'root' },
      { name: 'a', file: '/x.js', line: 1, column: 1, kind: 'user' },
      { name: 'unused', file: '/y.js', line: 1, column: 1, kind: 'user' },
    ],
    frame: [0, 1, 1, 1],
    parent: [-1, 0, 0, 0],
    depth: [0, 1, 1, 1],
    selfUs: [0, 0.1, 0.2, 0.3],
    // Summed first to last; the page sums last to first, (0.3 + 0.2) + 0.1.
    totalUs: [0.1 + 0.2 + 0.3, 0.1, 0.2, 0.3],
  };
  assert.notEqual(0.3 + 0.2 + 0.1, flame.totalUs[0], 'the premise: float sums depend on the order');
  const packed = packFlame(flame);
  assert.deepEqual(packed.totalUs, flame.totalUs);
  assert.deepEqual(packed.name, ['(root)', 'a'], 'a frame no node uses is left out');
  assertSameFlame(unpackFlame(packed), flame);
});

test('the show message: only the flame graph is packed; other messages pass unchanged', () => {
  const profile = hostileProfile();
  const message = { type: 'show' as const, report: computeHotspots(profile), flame: buildFlame(profile), title: 't', partial: false };
  const embedded = packShow(message);
  assert.equal(embedded.flameEncoding, 'packed-1');
  assert.equal(embedded.report, message.report);
  const back = unpackEmbedded(JSON.parse(JSON.stringify(embedded))) as typeof message;
  assert.deepEqual(Object.keys(back).sort(), Object.keys(message).sort());
  assert.deepEqual(back.report, message.report);
  assertSameFlame(back.flame, message.flame);
  const other = { type: 'show', flame: { frames: [] } };
  assert.equal(unpackEmbedded(other), other);
  assert.equal(unpackEmbedded(null), null);
});

test('malformed packed data is refused with a reason', () => {
  const profile = hostileProfile();
  const good = packFlame(buildFlame(profile));
  const broken = (change: (p: typeof good) => void) => {
    const p = structuredClone(good);
    change(p);
    return () => unpackFlame(p);
  };
  assert.throws(broken((p) => ((p as { version: number }).version = 2)), PackedFlameError);
  assert.throws(broken((p) => p.selfUs.pop()), /differ in length/);
  assert.throws(broken((p) => (p.depthStep[0] = 2)), /impossible depth/);
  assert.throws(broken((p) => (p.depthStep[0] = -1)), /impossible depth/);
  assert.throws(broken((p) => p.name.push('extra')), /disagree/);
});
