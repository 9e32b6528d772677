// The Compare Profiles panel's page follows the webview security rules (src/extension/compare/compare-html.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compareHtml } from '../../../src/extension/compare/compare-html';

const page = {
  cspSource: 'https://abc.vscode-resource.vscode-cdn.net',
  nonce: 'Y29tcGFyZS1ub25jZQ==',
  scriptUri: 'https://abc.vscode-resource.vscode-cdn.net/ext/dist/webview/compare.js',
  styleUri: 'https://abc.vscode-resource.vscode-cdn.net/ext/dist/webview/compare.css',
  title: 'report: <script>alert(1)</script> & "co"',
};

test('the page: CSP first (nothing by default, script by nonce), one external script, no inline handlers or styles, no remote resources, the title escaped', () => {
  const html = compareHtml(page);
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
  const parts = csp.replace(/&#39;/g, "'").split('; ');
  assert.equal(parts[0], "default-src 'none'");
  assert.ok(parts.includes(`script-src 'nonce-${page.nonce}'`), csp);
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval') && !csp.includes('*'), csp);
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'), 'the CSP comes before any resource');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1, 'the title\'s <script> is escaped, not a second script');
  assert.match(scripts[0][1], new RegExp(`nonce="${page.nonce}"`));
  assert.match(scripts[0][1], /src="https:\/\/abc\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\/compare\.js"/);
  assert.equal(scripts[0][2].trim(), '');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
  assert.doesNotMatch(html, /\sstyle=/i, 'no inline style attributes');
  assert.doesNotMatch(html, /https?:\/\/(?!abc\.vscode-resource)/, 'no remote resources');
  assert.ok(html.includes('report: &#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;co&#34;'));
  // The elements webview/compare/main.ts looks up by id.
  for (const id of ['title', 'runs', 'norm', 'my-code', 'rows', 'empty', 'delta-head', 'search', 'search-count', 'reset-zoom', 'flame-scroller', 'flame-spacer', 'flame', 'tooltip']) {
    assert.ok(html.includes(`id="${id}"`), id);
  }
});
