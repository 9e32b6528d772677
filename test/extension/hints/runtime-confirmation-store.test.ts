// The hint controller's memory of the last profile's runtime confirmations (pure), and the note's way
// into the diagnostic message through the one translation point's pure half.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { RuntimeConfirmationStore } from '../../../src/extension/hints/runtime-confirmation-store';
import { findingToShape, withRuntimeNote } from '../../../src/extension/shared/diagnostic-shape';
import { lintText } from '../../../src/core/lint/engine';
import { withDefaults } from '../../../src/core/lint/config';
import type { RuntimeConfirmation } from '../../../src/core/profile/runtime-confirmation';

const TEXT = "const db = require('./db');\nasync function f(ids) {\n  for (const id of ids) await db.user.findUnique({ where: { id } });\n}\n";

function confirmation(over: Partial<RuntimeConfirmation> = {}): RuntimeConfirmation {
  const [finding] = lintText(TEXT, 'f.js', withDefaults({ only: ['n-plus-one'] })).findings;
  return {
    ruleId: 'n-plus-one', file: '/w/f.js', line: finding.line, column: finding.column, message: finding.message,
    calls: 10_000, perCall: 10_000, iterations: 10_000, loopStarts: 1, runs: 1, functionName: 'f',
    loopKind: 'for…of', loopLine: 3, confirmed: true, confirmation: 'confirmed at runtime: …', ...over,
  };
}

describe('RuntimeConfirmationStore', () => {
  const finding = lintText(TEXT, 'f.js', withDefaults({ only: ['n-plus-one'] })).findings[0];

  test('a confirmed finding gets its note while the text is the checked one', () => {
    const store = new RuntimeConfirmationStore();
    assert.deepEqual(store.replace([confirmation()], () => TEXT), ['/w/f.js']);
    assert.equal(store.noteFor('/w/f.js', TEXT, finding), ' — confirmed at runtime: 10,000 calls in 1 run of f');
    assert.equal(store.noteFor('/w/f.js', TEXT, { ...finding, line: finding.line + 1 }), undefined);
    assert.equal(store.noteFor('/w/other.js', TEXT, finding), undefined);
  });

  test('an edit drops the file for good; the next profile replaces everything', () => {
    const store = new RuntimeConfirmationStore();
    store.replace([confirmation()], () => TEXT);
    assert.equal(store.noteFor('/w/f.js', `${TEXT}// edited\n`, finding), undefined);
    assert.equal(store.noteFor('/w/f.js', TEXT, finding), undefined, 'undoing the edit does not bring it back');
    store.replace([confirmation()], () => TEXT);
    assert.ok(store.noteFor('/w/f.js', TEXT, finding));
    store.replace([], () => TEXT);
    assert.equal(store.has('/w/f.js'), false);
  });

  test('unconfirmed findings and unreadable files get no note', () => {
    const store = new RuntimeConfirmationStore();
    assert.deepEqual(store.replace([confirmation({ confirmed: false })], () => TEXT), []);
    assert.deepEqual(store.replace([confirmation()], () => undefined), []);
  });

  test('withRuntimeNote appends the note to the diagnostic message, and nothing else changes', () => {
    const shape = findingToShape(finding);
    const noted = withRuntimeNote(shape, ' — confirmed at runtime: 10,000 calls in 1 run of f');
    assert.equal(noted.message, `${finding.message} — confirmed at runtime: 10,000 calls in 1 run of f`);
    assert.deepEqual({ ...noted, message: shape.message }, shape);
    assert.equal(withRuntimeNote(shape, undefined), shape);
  });
});
