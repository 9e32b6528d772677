import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint/engine';
import { withDefaults } from '../../../src/core/lint/config';
import { loadParsers } from '../../../src/runner/lint/parsers';

test('a binary file is skipped with a note, not a crash', () => {
  const r = lintText('abc\u0000def', 'x.js', withDefaults({}));
  assert.equal(r.findings.length, 0);
  assert.match(r.notes[0].message, /binary/);
});

test('minified code is skipped with a note', () => {
  const text = 'var a=1;'.repeat(5000);
  const r = lintText(text, 'bundle.min.js', withDefaults({}));
  assert.match(r.notes[0].message, /minified/);
});

test('a JS syntax error is a note and the rest still lints', () => {
  const r = lintText('function f( {', 'bad.ts', withDefaults({}));
  assert.equal(r.notes[0].kind, 'parse-error');
  assert.match(r.notes[0].message, /^syntax error at 1:/);
});

test('an Elixir syntax error is a note', async () => {
  const parsers = await loadParsers();
  const r = lintText('defmodule A do\n  def f(x do\nend\n', 'a.ex', withDefaults({}), parsers);
  assert.equal(r.notes[0]?.kind, 'parse-error');
});

test('files of other languages are ignored', () => {
  assert.deepEqual(lintText('x', 'README.md', withDefaults({})), { findings: [], notes: [] });
});
