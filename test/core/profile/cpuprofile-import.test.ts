import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ProfileFormatError, importFromCpuProfile, isCpuProfile } from '../../../src/core/profile/import/cpuprofile';

const frame = (functionName: string) => ({ functionName, scriptId: '1', url: 'file:///app/x.js', lineNumber: 0, columnNumber: 0 });
const valid = () => ({
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2] },
    { id: 2, callFrame: frame('main'), hitCount: 2, positionTicks: [{ line: 3, ticks: 2 }] },
  ],
  startTime: 0,
  endTime: 2000,
  samples: [2, 2],
  timeDeltas: [1000, 1000],
});

test('a well-formed profile is accepted as it is', () => {
  const p = valid();
  assert.ok(isCpuProfile(p));
  assert.deepEqual(importFromCpuProfile(p), p);
});

test('each kind of damage is one sentence naming it', () => {
  const cases: [string, (p: ReturnType<typeof valid>) => unknown, RegExp][] = [
    ['not a profile', () => ({ hello: 1 }), /^not a V8 CPU profile/],
    ['an array', () => [], /^not a V8 CPU profile/],
    ['no nodes', (p) => ({ ...p, nodes: [] }), /no nodes/],
    ['a duplicate id', (p) => ({ ...p, nodes: [...p.nodes, p.nodes[1]] }), /node id 2 appears twice/],
    ['a dangling child', (p) => ({ ...p, nodes: [{ ...p.nodes[0], children: [2, 9] }, p.nodes[1]] }), /lists child 9, which does not exist/],
    ['a truncated file', (p) => ({ ...p, timeDeltas: [1000] }), /2 samples but 1 time deltas: the file may be truncated/],
    ['a sample of no node', (p) => ({ ...p, samples: [2, 7] }), /sample points at node 7/],
    ['a call frame without url', (p) => ({ ...p, nodes: [p.nodes[0], { id: 2, callFrame: { functionName: 'x' } }] }), /incomplete callFrame/],
    ['bad position ticks', (p) => ({ ...p, nodes: [p.nodes[0], { ...p.nodes[1], positionTicks: [{ line: 'a' }] }] }), /malformed "positionTicks"/],
    ['no end time', (p) => ({ ...p, endTime: undefined }), /no numeric "endTime"/],
  ];
  for (const [name, damage, message] of cases) {
    assert.throws(() => importFromCpuProfile(damage(valid())), (e: unknown) => e instanceof ProfileFormatError && message.test(e.message) && !e.message.includes('\n'), name);
  }
});
