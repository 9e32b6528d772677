// The Compare Profiles panel acts only on allowed messages from its webview (src/extension/compare/compare-messages.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { openableFiles, validateFromWebview } from '../../../src/extension/compare/compare-messages';
import type { FunctionDiff } from '../../../src/core/profile/diff';
import type { FlameData } from '../../../src/core/profile/flame';

const row = (functionName: string, file: string): FunctionDiff => ({
  functionName,
  file,
  line: 2,
  column: 1,
  beforeSelfMs: 1,
  afterSelfMs: 2,
  deltaSelfMs: 1,
  beforeSelfPercent: 10,
  afterSelfPercent: 20,
  deltaSelfPercent: 10,
  beforeTotalMs: 1,
  afterTotalMs: 2,
  status: 'both',
});
const functions = [row('encodeWords', '/ws/scratch/words.js'), row('readFileSync', 'node:fs'), row('(garbage collector)', ''), row('old', 'D:\\ws\\old.js')];
const flame: FlameData = {
  frames: [
    { name: '(root)', file: '', line: 0, column: 0, kind: 'root' },
    { name: 'lib', file: '/ws/node_modules/lib/index.js', line: 1, column: 1, kind: 'module' },
    { name: 'fetch', file: 'https://example.com/x.js', line: 1, column: 1, kind: 'native' },
  ],
  frame: [0, 1, 2],
  parent: [-1, 0, 0],
  depth: [0, 1, 1],
  selfUs: [0, 10, 1],
  totalUs: [11, 10, 1],
};
const allowed = openableFiles(functions, flame);

test('openableFiles: the local files of both runs\' functions and of the flame frames; not node: internals, natives or URLs', () => {
  assert.deepEqual([...allowed].sort(), ['/ws/node_modules/lib/index.js', '/ws/scratch/words.js', 'D:\\ws\\old.js']);
});

test('ready and a well-formed open of a compared file pass, reduced to their known fields', () => {
  assert.deepEqual(validateFromWebview({ type: 'ready', extra: 1 }, allowed), { type: 'ready' });
  assert.deepEqual(validateFromWebview({ type: 'open', file: '/ws/scratch/words.js', line: 6, column: 1, extra: 'x' }, allowed), {
    type: 'open',
    file: '/ws/scratch/words.js',
    line: 6,
    column: 1,
    preserveFocus: false,
  });
  assert.deepEqual(validateFromWebview({ type: 'open', file: 'D:\\ws\\old.js', line: 1, column: 3, preserveFocus: true }, allowed), {
    type: 'open',
    file: 'D:\\ws\\old.js',
    line: 1,
    column: 3,
    preserveFocus: true,
  });
});

test('ignored: not an object, an unknown or missing type, a host-to-webview type sent back', () => {
  for (const m of [null, undefined, 'ready', 7, [], [{ type: 'ready' }], {}, { type: 'run' }, { type: 'Ready' }, { type: 'show', functions: [] }]) {
    assert.equal(validateFromWebview(m, allowed), undefined, JSON.stringify(m));
  }
});

test('ignored: open with a missing or wrongly typed field', () => {
  const ok = { type: 'open', file: '/ws/scratch/words.js', line: 6, column: 1 };
  for (const m of [
    { ...ok, file: undefined },
    { ...ok, line: undefined },
    { ...ok, column: undefined },
    { ...ok, file: ['/ws/scratch/words.js'] },
    { ...ok, line: '6' },
    { ...ok, line: 0 },
    { ...ok, column: -1 },
    { ...ok, line: 6.5 },
    { ...ok, line: Number.NaN },
    { ...ok, line: 1e12 },
    { ...ok, preserveFocus: 1 },
  ]) {
    assert.equal(validateFromWebview(m, allowed), undefined, JSON.stringify(m));
  }
});

test('ignored: open of a file the comparison does not name, in any other spelling', () => {
  for (const file of ['/etc/passwd', '/ws/scratch/./words.js', '/ws/scratch/WORDS.js', 'node:fs', '', 'https://example.com/x.js', 'file:///ws/scratch/words.js']) {
    assert.equal(validateFromWebview({ type: 'open', file, line: 1, column: 1 }, allowed), undefined, file);
  }
  assert.equal(validateFromWebview({ type: 'open', file: '/ws/scratch/words.js', line: 1, column: 1 }, new Set()), undefined);
});
