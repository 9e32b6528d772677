// The Hot Spots panel's page follows the webview security rules (src/extension/profile/hotspots-html.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, hotspotsErrorHtml, hotspotsHtml } from '../../../src/extension/profile/hotspots-html';

const page = {
  cspSource: 'https://abc.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Utb25lLXR3bw==',
  scriptUri: 'https://abc.vscode-resource.vscode-cdn.net/ext/dist/webview/hotspots.js',
  styleUri: 'https://abc.vscode-resource.vscode-cdn.net/ext/dist/webview/hotspots.css',
  title: 'Hot spots of <report> & "co"',
};

test('CSP: nothing by default; scripts only by nonce; styles from the extension or by nonce', () => {
  const csp = contentSecurityPolicy(page.cspSource, page.nonce);
  const parts = csp.split('; ');
  assert.equal(parts[0], "default-src 'none'");
  assert.ok(parts.includes(`script-src 'nonce-${page.nonce}'`), csp);
  assert.ok(parts.includes(`style-src ${page.cspSource} 'nonce-${page.nonce}'`), csp);
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval') && !csp.includes('*'), csp);
});

test('the page: the CSP meta first, one script (with the nonce, from the given URI), no inline handlers or styles, the title escaped', () => {
  const html = hotspotsHtml(page);
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'), 'the CSP comes before any resource');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  assert.match(scripts[0][1], new RegExp(`nonce="${page.nonce}"`));
  assert.match(scripts[0][1], new RegExp(`src="${page.scriptUri.replace(/[.]/g, '\\.')}"`));
  assert.equal(scripts[0][2].trim(), '', 'no inline script body');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
  assert.doesNotMatch(html, /\sstyle=/i, 'no inline style attributes');
  assert.doesNotMatch(html, /https?:\/\/(?!abc\.vscode-resource)/, 'no remote resources');
  assert.ok(html.includes('Hot spots of &#60;report&#62; &#38; &#34;co&#34;'));
  assert.ok(!html.includes('<report>'));
  // The elements main.ts looks up by id.
  for (const id of ['title', 'partial', 'summary', 'my-code', 'rows', 'empty', 'search', 'search-count', 'reset-zoom', 'flame-scroller', 'flame-spacer', 'flame', 'tooltip']) {
    assert.ok(html.includes(`id="${id}"`), id);
  }
});

test('the page of an unreadable profile: the sentence escaped, the stylesheet by nonce, no script allowed at all', () => {
  const html = hotspotsErrorHtml({ cspSource: page.cspSource, nonce: page.nonce, styleUri: page.styleUri, title: 'Hot spots of x.cpuprofile', message: 'Perf Lens: /a/<x>.cpuprofile is not valid JSON (Unexpected end of JSON input)' });
  const csp = /content="([^"]*)"/.exec(html)![1];
  assert.match(csp, /^default-src &#39;none&#39;; style-src /);
  assert.doesNotMatch(csp, /script-src/, 'scripts fall under default-src: none');
  assert.doesNotMatch(html, /<script/);
  assert.doesNotMatch(html, /\son[a-z]+=/i);
  assert.ok(html.includes('<p id="error" class="warning" role="alert">Perf Lens: /a/&#60;x&#62;.cpuprofile is not valid JSON (Unexpected end of JSON input)</p>'));
  assert.ok(html.includes(`href="${page.styleUri}" nonce="${page.nonce}"`));
});
