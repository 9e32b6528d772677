// The extension manifest (package.json) against the code: commands, settings, activation, trust, packaging.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS } from '../../src/core/lint/settings';
import { RULES } from '../../src/core/lint/rules';
import { SEVERITIES } from '../../src/core/lint/finding';
import { LINTED_LANGUAGE_IDS } from '../../src/extension/hints/lint-target';

const ROOT = path.join(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const extensionSource = fs.readFileSync(path.join(ROOT, 'src/extension/extension.ts'), 'utf8');

describe('package.json as an extension manifest', () => {
  test('accepts VS Code 1.100 and points at the bundled entry', () => {
    assert.equal(pkg.engines.vscode, '^1.100.0');
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.scripts['vscode:prepublish'], 'node esbuild.mjs --production');
  });

  test('every command is perfLens.<verb><Object>, in category "Perf Lens", and registered in activate()', () => {
    const commands: { command: string; title: string; category: string }[] = pkg.contributes.commands;
    assert.ok(commands.length >= 3);
    for (const c of commands) {
      assert.match(c.command, /^perfLens\.[a-z]+[A-Z][A-Za-z0-9]+$/);
      assert.equal(c.category, 'Perf Lens');
      assert.ok(extensionSource.includes(`'${c.command}'`), `${c.command} is not registered in extension.ts`);
    }
    const titles = Object.fromEntries(commands.map((c) => [c.command, c.title]));
    assert.equal(titles['perfLens.scanWorkspace'], 'Scan Workspace for Performance Hints');
    assert.equal(titles['perfLens.profileFunction'], 'Profile Function');
  });

  test('one severity setting per rule, with every level, default "default"', () => {
    const props = pkg.contributes.configuration.properties;
    // Every registered rule (the registry, not a hand-kept list) must have its setting declared.
    const ids = RULES.map((r) => r.id);
    assert.deepEqual([...RULE_IDS].sort(), [...ids].sort(), 'RULE_IDS vs the registry');
    for (const id of ids) {
      const p = props[`perfLens.hints.severity.${id}`];
      assert.ok(p, id);
      assert.deepEqual(p.enum, ['default', 'off', ...SEVERITIES]);
      assert.equal(p.enumDescriptions.length, p.enum.length);
      assert.equal(p.default, 'default');
    }
    const severityKeys = Object.keys(props).filter((k) => k.startsWith('perfLens.hints.severity.'));
    assert.deepEqual(severityKeys.sort(), ids.map((id) => `perfLens.hints.severity.${id}`).sort(), 'no setting for a rule that does not exist');
  });

  test('every setting lives under perfLens.hints, perfLens.profile or perfLens.bench, is described and has a default', () => {
    const props: Record<string, { default?: unknown; description?: string; markdownDescription?: string }> =
      pkg.contributes.configuration.properties;
    for (const key of ['enabled', 'include', 'exclude', 'extraDataAccessCalls', 'includeTestFiles', 'maxFileSizeKb', 'debounceMs']) {
      assert.ok(props[`perfLens.hints.${key}`], key);
    }
    for (const [key, p] of Object.entries(props)) {
      assert.match(key, /^perfLens\.(hints|profile|bench)\./);
      assert.ok((p.description ?? p.markdownDescription ?? '').length > 20, `${key} needs a description`);
      assert.notEqual(p.default, undefined, `${key} needs a default`);
    }
  });

  test('activates on every linted language (commands activate implicitly)', () => {
    for (const lang of LINTED_LANGUAGE_IDS) assert.ok(pkg.activationEvents.includes(`onLanguage:${lang}`), lang);
    assert.ok(!pkg.activationEvents.includes('*'), 'never activate on startup for everyone');
  });

  test('hints work in untrusted workspaces, with limited support declared', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(pkg.capabilities.untrustedWorkspaces.description.length > 20);
  });

  test('the icon exists and is a 128x128 PNG', () => {
    const png = fs.readFileSync(path.join(ROOT, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
  });

  test('.vscodeignore excludes everything, then allows back only what ships', () => {
    const lines = fs
      .readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    assert.equal(lines[0], '**');
    for (const l of lines.slice(1)) assert.ok(l.startsWith('!'), l);
    for (const needed of ['!dist/extension.js', '!dist/engine.js', '!dist/bench-harness.js', '!dist/perf-lens-bench.d.ts', '!dist/wasm/*.wasm', '!dist/webview/*.js', '!dist/webview/*.css', '!docs/rules/*.md']) {
      assert.ok(lines.includes(needed), needed);
    }
    assert.ok(!lines.some((l) => l.includes('node_modules') || l.includes('.map') || l.startsWith('!src')));
  });
});

describe('the .cpuprofile custom editor in the manifest', () => {
  test('perfLens.cpuprofile is an option for *.cpuprofile, never the default (VS Code has its own viewer)', () => {
    const editors: { viewType: string; selector: { filenamePattern: string }[]; priority: string }[] = pkg.contributes.customEditors;
    const editor = editors.find((e) => e.viewType === 'perfLens.cpuprofile');
    assert.ok(editor, 'contributed');
    assert.deepEqual(editor.selector, [{ filenamePattern: '*.cpuprofile' }]);
    assert.equal(editor.priority, 'option');
    assert.ok(fs.readFileSync(path.join(ROOT, 'src/extension/profile/profile-editor.ts'), 'utf8').includes("viewType = 'perfLens.cpuprofile'"));
  });

  test('"Open in Perf Lens" on .cpuprofile files in the Explorer, not in the palette; "Open CPU Profile…" in the palette', () => {
    const entry = pkg.contributes.menus['explorer/context'].find((m: { command: string }) => m.command === 'perfLens.openInPerfLens');
    assert.equal(entry?.when, 'resourceExtname == .cpuprofile');
    assert.ok(pkg.contributes.menus.commandPalette.some((m: { command: string; when: string }) => m.command === 'perfLens.openInPerfLens' && m.when === 'false'));
    assert.ok(!pkg.contributes.menus.commandPalette.some((m: { command: string }) => m.command === 'perfLens.openCpuProfile'));
  });

  test('the profile worker is bundled and ships', () => {
    assert.match(fs.readFileSync(path.join(ROOT, 'esbuild.mjs'), 'utf8'), /'profile-worker': 'src\/runner\/profile\/analysis\/analysis-worker\.ts'/);
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
    assert.ok(ignore.includes('!dist/profile-*.js'), 'dist/profile-worker.js is allowed back');
  });
  test('the Benchmarks view: a webview view in its own activity-bar container with a shipped icon, registered by activate; its harness ships', () => {
    const container = pkg.contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === 'perfLens-benchmarks');
    assert.ok(container && fs.existsSync(path.join(ROOT, container.icon)), 'container with an icon file');
    assert.deepEqual(pkg.contributes.views['perfLens-benchmarks'].map((v: { type: string; id: string }) => [v.type, v.id]), [['webview', 'perfLens.benchmarks']]);
    assert.match(extensionSource, /BenchmarksViewProvider\.register\(/);
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
    assert.ok(ignore.includes('!dist/bench-harness.js') && ignore.includes('!media/**'));
  });
});
