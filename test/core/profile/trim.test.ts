import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { trimBefore } from '../../../src/core/profile/trim';
import { importFromCpuProfile } from '../../../src/core/profile/import/cpuprofile';
import { computeHotspots } from '../../../src/core/profile/hotspots';

const frame = (functionName: string, lineNumber = 0) => ({ functionName, scriptId: '1', url: 'file:///app/x.js', lineNumber, columnNumber: 0 });

test('samples before the cut are dropped; hit counts, deltas and position ticks follow', () => {
  // warm (node 2) for 4 samples, then hot (node 3) for 4 samples, 1 ms apart, starting at t = 1000.
  const p = importFromCpuProfile({
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 3] },
      { id: 2, callFrame: frame('warm', 1), hitCount: 4, positionTicks: [{ line: 2, ticks: 4 }] },
      { id: 3, callFrame: frame('hot', 10), hitCount: 6, positionTicks: [{ line: 11, ticks: 3 }, { line: 12, ticks: 3 }] },
    ],
    startTime: 1000,
    endTime: 11_000,
    samples: [2, 2, 2, 2, 3, 3, 3, 3, 3, 3],
    timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
  });
  // Sample times: 1000, 2000, ..., 10000. Cut at 4500: the first 4 go (1000..4000), 5000.. stay.
  const t = trimBefore(p, 4500);
  assert.equal(t.startTime, 4500);
  assert.deepEqual(t.samples, [3, 3, 3, 3, 3, 3]);
  assert.deepEqual(t.timeDeltas, [500, 1000, 1000, 1000, 1000, 1000]);
  assert.deepEqual(t.nodes.map((n) => n.hitCount ?? 0), [0, 0, 6]);
  assert.equal(t.nodes[1].positionTicks, undefined, 'a node without samples left has no line ticks');
  assert.deepEqual(t.nodes[2].positionTicks, [{ line: 11, ticks: 3 }, { line: 12, ticks: 3 }]);
  assert.deepEqual(importFromCpuProfile(JSON.parse(JSON.stringify(t))), t, 'still a valid profile');
  const r = computeHotspots(t);
  assert.deepEqual(r.hotspots.map((h) => h.functionName), ['hot']);
  assert.equal(r.sampleCount, 6);
  assert.equal(trimBefore(p, 0), p, 'a cut before the start changes nothing');
});
