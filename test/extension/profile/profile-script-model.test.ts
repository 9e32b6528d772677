// The pure parts of Profile Script / npm Script / Test File: quick-pick items, summary sentences (file names: test/core/profile/profile-store-names.test.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { npmScriptPicks, processNote, scriptSummary } from '../../../src/extension/profile/profile-script-model';
import type { Hotspot } from '../../../src/core/profile/hotspots';

const top = { functionName: 'crunch', selfPercent: 45.04 } as Hotspot;

test('npmScriptPicks: one item per script, in package.json order, the command as detail', () => {
  assert.deepEqual(npmScriptPicks({ work: 'node work.js', 'a b;"c"': 'echo x' }), [
    { label: 'work', detail: 'node work.js' },
    { label: 'a b;"c"', detail: 'echo x' },
  ]);
  assert.deepEqual(npmScriptPicks({}), []);
});

test('scriptSummary and processNote', () => {
  assert.equal(scriptSummary('npm run work', 1234, false, top, processNote(2, 'busiest')), 'Perf Lens: npm run work ran 1.2 s (2 Node.js processes, the busiest profiled); hottest: crunch (45.0% self).');
  assert.equal(scriptSummary('a.test.js (vitest)', 300, true, undefined, processNote(3, 'test')), 'Perf Lens: a.test.js (vitest) ran 0.3 s (3 Node.js processes, the one that ran the tests profiled) (stopped at the time limit); no samples in your code.');
  assert.equal(scriptSummary('work.js', 2000, false, top, processNote(1, 'busiest')), 'Perf Lens: work.js ran 2.0 s; hottest: crunch (45.0% self).');
});
