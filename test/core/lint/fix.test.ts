import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../src/core/lint/fix';

describe('applyEdits', () => {
  test('applies edits given in any order against the original offsets', () => {
    const text = 'const a = 1; const b = 2;';
    const out = applyEdits(text, [
      { start: 23, end: 24, newText: '20' },
      { start: 10, end: 11, newText: '10' },
    ]);
    assert.equal(out, 'const a = 10; const b = 20;');
  });
  test('insertions and deletions', () => {
    assert.equal(applyEdits('abc', [{ start: 0, end: 0, newText: '>' }, { start: 1, end: 2, newText: '' }]), '>ac');
    assert.equal(applyEdits('abc', [{ start: 3, end: 3, newText: '!' }]), 'abc!');
  });
  test('no edits returns the same text', () => {
    assert.equal(applyEdits('x', []), 'x');
  });
  test('rejects overlapping edits', () => {
    assert.throws(() => applyEdits('abcdef', [{ start: 0, end: 3, newText: '' }, { start: 2, end: 4, newText: '' }]), /overlap/);
  });
  test('rejects out-of-range edits', () => {
    assert.throws(() => applyEdits('abc', [{ start: 2, end: 5, newText: '' }]), /outside/);
    assert.throws(() => applyEdits('abc', [{ start: 2, end: 1, newText: '' }]), /outside/);
  });
});
