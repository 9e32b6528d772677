import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { diffHotspots } from '../../../src/core/profile/diff';
import type { Hotspot, HotspotReport } from '../../../src/core/profile/hotspots';

const h = (functionName: string, line: number, selfMs: number, sampledMs: number): Hotspot => ({
  functionName, file: '/app/x.js', line, column: 1, selfMs, selfPercent: (100 * selfMs) / sampledMs, totalMs: selfMs, totalPercent: (100 * selfMs) / sampledMs, calls: null,
});
const report = (sampledMs: number, hotspots: Hotspot[]): HotspotReport => ({
  durationMs: sampledMs, sampleCount: 1, sampledMs, intervalUs: 1000, gcMs: 0, idleMs: 0, programMs: 0, hotspots, hotLines: [],
});

test('matched by file and name (a function that moved stays matched); added and removed ones marked; biggest share change first', () => {
  const before = report(1000, [h('parse', 10, 500, 1000), h('render', 40, 300, 1000), h('legacy', 80, 100, 1000)]);
  // Twice as long a run: parse's share fell from 50% to 20% although its ms barely changed.
  const after = report(2000, [h('parse', 12, 400, 2000), h('render', 42, 1200, 2000), h('cache', 90, 200, 2000)]);
  const d = diffHotspots(before, after);
  assert.deepEqual(
    d.functions.map((f) => [f.functionName, f.status, f.line, f.deltaSelfMs, f.deltaSelfPercent]),
    [
      ['render', 'both', 42, 900, 30],
      ['parse', 'both', 12, -100, -30],
      // Equal share changes: the larger change in ms first.
      ['cache', 'added', 90, 200, 10],
      ['legacy', 'removed', 80, -100, -10],
    ],
  );
  assert.deepEqual([d.beforeMs, d.afterMs], [1000, 2000]);
});
