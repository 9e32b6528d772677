// The HTML report page (src/core/report/report-html.ts): escaping, CSP, no URLs, the data read back as sent.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildFlame } from '../../../src/core/profile/flame';
import { computeHotspots } from '../../../src/core/profile/hotspots';
import { EMBEDDED_MESSAGES_ID, jsonForScript } from '../../../src/core/report/embedded-messages';
import { escapeHtml, hotspotsBody } from '../../../src/core/report/hotspots-page';
import { ReportAssetError, embeddedMessages, profileReportHtml } from '../../../src/core/report/report-html';
import type { ShowMessage } from '../../../src/core/report/report-message';
import { REPORT_THEME_CSS, REPORT_THEME_VARIABLES } from '../../../src/core/report/report-theme';
import { HOSTILE, hostileProfile, webviewAssets } from '../../runner/report/report-fixtures';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

function messageOf(title: string): ShowMessage {
  const profile = hostileProfile();
  return { type: 'show', report: computeHotspots(profile, { limit: 1000 }), flame: buildFlame(profile), title, partial: true };
}

function page(title = 'Hot spots of busy.js'): { html: string; message: ShowMessage } {
  const { script, style } = webviewAssets();
  const message = messageOf(title);
  return { html: profileReportHtml({ script, style, message, generator: 'perf-lens 9.9.9' }, sha256), message };
}

/** Every element's opening tag name, in order (the page's structure, data blocks excluded). */
const scripts = (html: string) => [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attrs: m[1], body: m[2] }));
const styles = (html: string) => [...html.matchAll(/<style\b([^>]*)>([\s\S]*?)<\/style>/g)].map((m) => ({ attrs: m[1], body: m[2] }));

test('jsonForScript: no < > & or U+2028/2029 left, and JSON.parse gives back exactly the value', () => {
  const value = { names: Object.values(HOSTILE), nested: [{ s: '</SCRIPT ><!-- -->', n: 1.5, u: '\u2028\u2029', e: '' }] };
  const json = jsonForScript(value);
  assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
  assert.deepEqual(JSON.parse(json), value);
  assert.throws(() => jsonForScript(undefined), TypeError);
});

test('the CSP comes first: nothing by default, the one script and the styles only by their SHA-256 hashes', () => {
  const { html } = page();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, 'a CSP meta tag');
  assert.ok(html.indexOf(meta[0]) < html.indexOf('<style'), 'before any style');
  assert.ok(html.indexOf(meta[0]) < html.indexOf('<script'), 'before any script');
  const csp = meta[1].replace(/&#39;/g, "'");
  const parts = csp.split('; ');
  assert.equal(parts[0], "default-src 'none'");
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|https?:|data:|blob:/);
  const code = scripts(html).filter((s) => !s.attrs.includes('application/json'));
  assert.equal(code.length, 1, 'one script that runs');
  assert.ok(parts.includes(`script-src 'sha256-${sha256(code[0].body)}'`), csp);
  const styleHashes = styles(html).map((s) => `'sha256-${sha256(s.body)}'`);
  assert.equal(styleHashes.length, 2);
  assert.ok(parts.includes(`style-src ${styleHashes.join(' ')}`), csp);
});

test('nothing from the network: no URL, no src or href, no inline handler or style attribute, no source-map comment', () => {
  const { html } = page();
  assert.doesNotMatch(html, /https?:\/\//i);
  // Markup only: the data block holds the hostile names as text (`src=x` among them), with no `<` to start a tag.
  const markup = html.replace(/(<script type="application\/json"[^>]*>)[^<]*/, '$1');
  assert.ok(markup.length < html.length);
  assert.doesNotMatch(markup, /\s(src|href|action|srcset)\s*=/i);
  assert.doesNotMatch(markup, /\son[a-z]+\s*=/i);
  assert.doesNotMatch(markup, /\sstyle\s*=/i);
  assert.doesNotMatch(html, /sourceMappingURL/);
  assert.ok(webviewAssets().script.includes('sourceMappingURL'), 'the built bundle had one: it was dropped');
});

test('hostile function names, paths and title stay data: the page keeps exactly its own elements', () => {
  const title = '</title><script>window.__pwned = 5</script>';
  const { html, message } = page(title);
  assert.equal(scripts(html).length, 2, 'the JSON block and the bundle, nothing injected');
  assert.equal((html.match(/<script\b/gi) ?? []).length, 2);
  assert.equal((html.match(/<\/script/gi) ?? []).length, 2);
  assert.equal((html.match(/<!--/g) ?? []).length, 0);
  assert.doesNotMatch(html, /<img/i);
  assert.ok(html.includes(`<title>${escapeHtml(title)}</title>`));
  assert.ok(html.includes(`<h1 id="title">${escapeHtml(title)}</h1>`));
  const data = new RegExp(`<script type="application/json" id="${EMBEDDED_MESSAGES_ID}">([^<]*)</script>`).exec(html);
  assert.ok(data, 'the data block ends at its own </script>');
  assert.doesNotMatch(data[1], /[\u2028\u2029]/);
  // Round trip: the page gets the very message the host built.
  assert.deepEqual(embeddedMessages(html), [message]);
  assert.equal((embeddedMessages(html)[0] as ShowMessage).report.hotspots[0].functionName, HOSTILE.closeScript);
});

test('the page is the panel page: the same body markup, the partial flag and generator carried', () => {
  const { html } = page('T');
  assert.ok(html.includes(hotspotsBody('T')));
  assert.ok(html.includes('<meta name="generator" content="perf-lens 9.9.9">'));
  assert.equal((embeddedMessages(html)[0] as ShowMessage).partial, true);
});

test('an asset that would end its element early is refused, not inlined', () => {
  const { script, style } = webviewAssets();
  const message = messageOf('x');
  assert.throws(() => profileReportHtml({ script: `${script}\nconst s = "</script>";`, style, message, generator: 'g' }, sha256), ReportAssetError);
  assert.throws(() => profileReportHtml({ script: `${script}\n// <!-- x`, style, message, generator: 'g' }, sha256), ReportAssetError);
  assert.throws(() => profileReportHtml({ script, style: `${style}\n/* </STYLE> */`, message, generator: 'g' }, sha256), ReportAssetError);
});

test('the theme defines every --vscode-* variable the Hot Spots page uses, for light and dark', () => {
  // The page's own folder and what it takes from webview/shared (stylesheet, flame graph).
  const webview = path.join(__dirname, '..', '..', '..', 'webview');
  const used = new Set<string>();
  const scan = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const f = path.join(dir, e.name);
      if (e.isDirectory()) scan(f);
      else if (/\.(css|ts)$/.test(e.name)) for (const m of fs.readFileSync(f, 'utf8').matchAll(/--vscode-[A-Za-z0-9-]+/g)) used.add(m[0]);
    }
  };
  scan(path.join(webview, 'hotspots'));
  scan(path.join(webview, 'shared'));
  assert.ok(used.size > 10, `found ${used.size}`);
  assert.deepEqual([...used].filter((v) => !REPORT_THEME_VARIABLES.includes(v)).sort(), []);
  const dark = REPORT_THEME_CSS.slice(REPORT_THEME_CSS.indexOf('prefers-color-scheme: dark'));
  for (const v of ['--vscode-editor-background', '--vscode-foreground', '--vscode-editor-foreground']) assert.ok(dark.includes(`${v}:`), v);
});
