import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { suppressionEdit } from '../../../src/extension/hints/suppression-edit';

describe('suppressionEdit', () => {
  test('JS: a // comment above the line, with its indentation', () => {
    const e = suppressionEdit('js', 'n-plus-one', 6, '    const order = await db.find(id);', '  for (const id of ids) {', '\n');
    assert.deepEqual(e, { line: 6, character: 0, text: '    // perf-lens-disable-next-line n-plus-one\n' });
  });

  test('Elixir: a # comment above the line, tabs kept, CRLF kept', () => {
    const e = suppressionEdit('elixir', 'quadratic-building', 2, '\t\tEnum.reduce(xs, "", fn x, acc -> acc <> x end)', 'def f(xs) do', '\r\n');
    assert.deepEqual(e, { line: 2, character: 0, text: '\t\t# perf-lens-disable-next-line quadratic-building\r\n' });
  });

  test('the first line of a file gets the comment above it', () => {
    const e = suppressionEdit('js', 'unbounded-concurrency', 0, 'await Promise.all(xs.map(f));', undefined, '\n');
    assert.deepEqual(e, { line: 0, character: 0, text: '// perf-lens-disable-next-line unbounded-concurrency\n' });
  });

  test('an existing directive above the line gets the id added instead of a second comment', () => {
    const e = suppressionEdit('js', 'n-plus-one', 4, '    await db.find(id);', '    // perf-lens-disable-next-line quadratic-building', '\n');
    assert.deepEqual(e, { line: 3, character: '    // perf-lens-disable-next-line quadratic-building'.length, text: ', n-plus-one' });
  });

  test('the id goes before a "-- reason" of an existing directive', () => {
    const prev = '  # perf-lens-disable-next-line n-plus-one -- cached upstream';
    const e = suppressionEdit('elixir', 'unbounded-concurrency', 9, '  Enum.map(xs, &Task.async(fn -> f(&1) end))', prev, '\n');
    assert.equal(e.line, 8);
    assert.equal(prev.slice(0, e.character) + e.text + prev.slice(e.character), '  # perf-lens-disable-next-line n-plus-one, unbounded-concurrency -- cached upstream');
  });

  test('a comment that only looks similar is not extended', () => {
    const e = suppressionEdit('js', 'n-plus-one', 2, 'x();', '// perf-lens-disable-next-lines n-plus-one', '\n');
    assert.equal(e.line, 2);
    assert.equal(e.text, '// perf-lens-disable-next-line n-plus-one\n');
  });
});
