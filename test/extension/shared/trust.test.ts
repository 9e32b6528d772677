import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { MANAGE_TRUST, trustGate } from '../../../src/extension/shared/trust';

test('a trusted workspace lets the command run', () => {
  assert.deepEqual(trustGate(true, 'profiling a function'), { allowed: true });
});

test('an untrusted workspace gets a sentence saying trust is needed and nothing ran, and the trust action', () => {
  const gate = trustGate(false, 'profiling a function');
  assert.equal(gate.allowed, false);
  if (gate.allowed) return;
  assert.equal(gate.action, MANAGE_TRUST);
  assert.equal(gate.action, 'Manage Workspace Trust');
  assert.match(gate.message, /^Perf Lens: profiling a function runs code from this workspace, so it needs a trusted workspace\. Nothing was run\.$/);
});
