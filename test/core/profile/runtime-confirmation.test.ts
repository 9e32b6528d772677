// The pure half of runtime confirmation: where a finding's counts are read (real lint findings of real
// texts), the innermost-range count, and the verdict with its sentence.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint/engine';
import { withDefaults } from '../../../src/core/lint/config';
import { planProbes } from '../../../src/core/profile/confirmation-probes';
import { confirmationSuffix, countAt, judgeProbes, verdict } from '../../../src/core/profile/runtime-confirmation';

const TEXT = `const db = require('./db');
async function a(ids) {
  for (const id of ids) {
    await db.user.findUnique({ where: { id } });
  }
}
function b(ids) {
  return ids.map((id) => db.user.findUnique({ where: { id } }));
}
async function c(users) {
  for (const u of users) await helper(u);
}
`;

const findings = () => lintText(TEXT, 'x.js', withDefaults({ only: ['n-plus-one'] })).findings;

describe('planProbes', () => {
  test('for…of: the call, the body block and the loop statement', () => {
    const [p] = planProbes(TEXT, 'x.js', findings());
    assert.equal(p.kind, 'for…of');
    assert.equal(p.loopLine, 3);
    assert.equal(TEXT.slice(p.call).startsWith('db.user.findUnique'), true);
    assert.equal(TEXT[p.body], '{');
    assert.equal(TEXT.slice(p.entry).startsWith('for (const id'), true);
  });
  test('a callback: the callback itself and the iterating call', () => {
    const p = planProbes(TEXT, 'x.js', findings())[1];
    assert.equal(p.kind, 'callback');
    assert.equal(TEXT.slice(p.body).startsWith('(id) =>'), true);
    assert.equal(TEXT.slice(p.entry).startsWith('ids.map('), true);
  });
  test('only n-plus-one findings, and only those found in the text', () => {
    assert.equal(planProbes(TEXT, 'x.js', findings()).length, 2);
    assert.deepEqual(planProbes(TEXT, 'x.js', []), []);
    assert.deepEqual(planProbes(TEXT, 'x.js', findings().map((f) => ({ ...f, start: f.start + 1 }))), []);
  });
});

describe('countAt', () => {
  const fns = [
    { functionName: 'f', ranges: [{ startOffset: 0, endOffset: 100, count: 2 }, { startOffset: 10, endOffset: 50, count: 20 }, { startOffset: 20, endOffset: 30, count: 5 }] },
    { functionName: 'g', ranges: [{ startOffset: 40, endOffset: 45, count: 7 }] },
  ];
  test('the innermost range holding the offset, across functions', () => {
    assert.equal(countAt(fns, 5), 2);
    assert.equal(countAt(fns, 15), 20);
    assert.equal(countAt(fns, 25), 5);
    assert.equal(countAt(fns, 30), 20);
    assert.equal(countAt(fns, 42), 7);
    assert.equal(countAt(fns, 100), undefined);
  });
});

describe('verdict', () => {
  const base = { runs: 1, functionName: 'packingSlip', loopKind: 'for…of' as const, loopLine: 4 };
  test('one call per iteration over loops of many elements: confirmed', () => {
    const v = verdict({ ...base, calls: 10_000, iterations: 10_000, loopStarts: 1, perCall: 10_000 });
    assert.equal(v.confirmed, true);
    assert.equal(v.confirmation, 'confirmed at runtime: 10,000 calls in 1 run of packingSlip, one per iteration of the for…of loop at line 4');
  });
  test('several runs give the figure per run', () => {
    const v = verdict({ ...base, runs: 3, calls: 60, iterations: 60, loopStarts: 3, perCall: 20 });
    assert.match(v.confirmation, /^confirmed at runtime: 60 calls in 3 runs of packingSlip \(20 per run\)/);
  });
  test('fewer calls than iterations, no call, one element per start: not confirmed', () => {
    assert.equal(verdict({ ...base, calls: 1, iterations: 50, loopStarts: 1, perCall: 1 }).confirmed, false);
    assert.match(verdict({ ...base, calls: 0, iterations: 0, loopStarts: 0, perCall: 0 }).confirmation, /did not run in 1 run of packingSlip/);
    assert.match(verdict({ ...base, calls: 3, iterations: 3, loopStarts: 3, perCall: 3 }).confirmation, /too few elements/);
    assert.equal(verdict({ ...base, runs: 0, calls: 0, iterations: 0, loopStarts: 0, perCall: 0 }).confirmed, false);
  });
  test('judgeProbes reads the three counts of each probe', () => {
    const [p] = planProbes(TEXT, 'x.js', findings());
    const fns = [
      { functionName: 'a', ranges: [{ startOffset: TEXT.indexOf('async function a'), endOffset: TEXT.indexOf('function b'), count: 2 }, { startOffset: p.body, endOffset: TEXT.indexOf('\n  }', p.body) + 4, count: 80 }] },
    ];
    const [j] = judgeProbes([p], fns, { runs: 2, functionName: 'a', file: '/x.js' });
    assert.deepEqual([j.calls, j.iterations, j.loopStarts, j.perCall, j.confirmed], [80, 80, 2, 40, true]);
    assert.equal(j.line, 4);
    assert.equal(j.file, '/x.js');
  });
  test('the diagnostic suffix', () => {
    assert.equal(confirmationSuffix({ calls: 10_000, runs: 1, functionName: 'packingSlip' }), ' — confirmed at runtime: 10,000 calls in 1 run of packingSlip');
  });
});
