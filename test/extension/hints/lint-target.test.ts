import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lintFileName } from '../../../src/extension/hints/lint-target';

test('files are chosen by extension, whatever their language id', () => {
  assert.equal(lintFileName('/w/lib/shop/orders.ex', 'plaintext', 'file'), '/w/lib/shop/orders.ex');
  assert.equal(lintFileName('/w/test/orders_test.exs', 'elixir', 'file'), '/w/test/orders_test.exs');
  assert.equal(lintFileName('/w/src/a.mts', 'typescript', 'vscode-remote'), '/w/src/a.mts');
  assert.equal(lintFileName('C:\\w\\src\\App.jsx', 'javascriptreact', 'file'), 'C:\\w\\src\\App.jsx');
});

test('a file with another extension is not linted even with a JS/TS language id', () => {
  assert.equal(lintFileName('/w/types/index.d.ts', 'typescript', 'file'), undefined);
  assert.equal(lintFileName('/w/App.vue', 'javascript', 'file'), undefined);
  assert.equal(lintFileName('/w/README.md', 'markdown', 'file'), undefined);
});

test('documents without an extension get one from their language id', () => {
  assert.equal(lintFileName('Untitled-1', 'typescript', 'untitled'), 'Untitled-1.ts');
  assert.equal(lintFileName('Untitled-2', 'elixir', 'untitled'), 'Untitled-2.ex');
  assert.equal(lintFileName('/w/bin/server', 'javascript', 'file'), '/w/bin/server.js');
  assert.equal(lintFileName('Untitled-3', 'plaintext', 'untitled'), undefined);
});

test('git diffs, output panes and other virtual documents are not linted', () => {
  assert.equal(lintFileName('/w/src/a.ts', 'typescript', 'git'), undefined);
  assert.equal(lintFileName('extension-output-1', 'log', 'output'), undefined);
});
