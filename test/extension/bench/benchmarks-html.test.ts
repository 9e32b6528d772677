// The Benchmarks view's page (src/extension/bench/benchmarks-html.ts) under the webviews' security rules.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { benchmarksHtml } from '../../../src/extension/bench/benchmarks-html';

const html = benchmarksHtml({ cspSource: 'vscode-webview://abc', nonce: 'N0nce+/=', scriptUri: 'vscode-webview://abc/benchmarks.js', styleUri: 'vscode-webview://abc/benchmarks.css', title: 'Benchmarks' });

test('strict CSP: nothing by default, script only by nonce, no eval, styles from the extension', () => {
  const csp = (/http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '').replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, '&');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-N0nce\+\/='/);
  assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline|https?:/);
  assert.match(html, /<script nonce="N0nce\+\/=" src="vscode-webview:\/\/abc\/benchmarks.js"><\/script>/);
});

test('no inline handlers or style attributes; the controls the script drives are there', () => {
  assert.doesNotMatch(html, /\son[a-z]+=|\sstyle=/i);
  for (const id of ['run-all', 'cancel', 'progress', 'files', 'compare-with', 'baseline-name', 'save', 'rows', 'chart', 'blocked', 'history-section', 'history-name', 'history-note', 'history-chart']) assert.match(html, new RegExp(`id="${id}"`), id);
});
