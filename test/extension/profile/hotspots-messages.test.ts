// The Hot Spots panel acts only on allowed messages from its webview (src/extension/profile/hotspots-messages.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { openableFiles, validateFromWebview } from '../../../src/extension/profile/hotspots-messages';
import type { FlameData } from '../../../src/core/profile/flame';
import type { HotspotReport } from '../../../src/core/profile/hotspots';

const report: HotspotReport = {
  durationMs: 10,
  sampleCount: 10,
  sampledMs: 10,
  intervalUs: 1000,
  gcMs: 0,
  idleMs: 0,
  programMs: 0,
  hotspots: [
    { functionName: 'sumOfSquares', file: '/ws/scratch/hot.js', line: 2, column: 1, selfMs: 8, selfPercent: 80, totalMs: 8, totalPercent: 80, calls: null },
    { functionName: 'readFileSync', file: 'node:fs', line: 400, column: 3, selfMs: 1, selfPercent: 10, totalMs: 1, totalPercent: 10, calls: null },
    { functionName: 'Math.sqrt', file: '', line: 0, column: 0, selfMs: 1, selfPercent: 10, totalMs: 1, totalPercent: 10, calls: null },
  ],
  hotLines: [{ file: 'C:\\ws\\lines.js', line: 4, selfMs: 8, selfPercent: 80 }],
};
const flame: FlameData = {
  frames: [
    { name: '(root)', file: '', line: 0, column: 0, kind: 'root' },
    { name: 'lib', file: '/ws/node_modules/lib/index.js', line: 1, column: 1, kind: 'module' },
  ],
  frame: [0, 1],
  parent: [-1, 0],
  depth: [0, 1],
  selfUs: [0, 10],
  totalUs: [10, 10],
};
const allowed = openableFiles(report, flame);

test('openableFiles: the local files of the hot spots, hot lines and flame frames; not node: internals or natives', () => {
  assert.deepEqual([...allowed].sort(), ['/ws/node_modules/lib/index.js', '/ws/scratch/hot.js', 'C:\\ws\\lines.js']);
});

test('ready and a well-formed open of a report file pass, reduced to their known fields', () => {
  assert.deepEqual(validateFromWebview({ type: 'ready' }, allowed), { type: 'ready' });
  assert.deepEqual(validateFromWebview({ type: 'open', file: '/ws/scratch/hot.js', line: 2, column: 1, extra: 'x' }, allowed), {
    type: 'open',
    file: '/ws/scratch/hot.js',
    line: 2,
    column: 1,
    preserveFocus: false,
  });
  assert.deepEqual(validateFromWebview({ type: 'open', file: '/ws/node_modules/lib/index.js', line: 1, column: 1, preserveFocus: true }, allowed)?.type, 'open');
});

test('ignored: not an object, an unknown or missing type', () => {
  for (const m of [null, undefined, 'open', 42, [], ['open'], {}, { type: 'run' }, { type: 'OPEN', file: '/ws/scratch/hot.js', line: 2, column: 1 }, { type: 'show' }]) {
    assert.equal(validateFromWebview(m, allowed), undefined, JSON.stringify(m));
  }
});

test('ignored: open with a missing or wrongly typed field', () => {
  const ok = { type: 'open', file: '/ws/scratch/hot.js', line: 2, column: 1 };
  const bad = [
    { ...ok, file: undefined },
    { ...ok, line: undefined },
    { ...ok, column: undefined },
    { ...ok, file: 7 },
    { ...ok, line: '2' },
    { ...ok, line: 0 },
    { ...ok, line: -3 },
    { ...ok, line: 2.5 },
    { ...ok, line: Number.NaN },
    { ...ok, column: Infinity },
    { ...ok, preserveFocus: 'yes' },
  ];
  for (const m of bad) assert.equal(validateFromWebview(m, allowed), undefined, JSON.stringify(m));
});

test('ignored: open of a file the report does not name, even one that exists or is named in another form', () => {
  for (const file of ['/etc/passwd', '/ws/scratch/../scratch/hot.js', '/ws/scratch/HOT.js', 'node:fs', '', 'file:///ws/scratch/hot.js']) {
    assert.equal(validateFromWebview({ type: 'open', file, line: 1, column: 1 }, allowed), undefined, file);
  }
  assert.equal(validateFromWebview({ type: 'open', file: '/ws/scratch/hot.js', line: 1, column: 1 }, new Set()), undefined);
});
