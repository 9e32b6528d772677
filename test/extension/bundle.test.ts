// Activation must stay light: dist/extension.js must not carry the engine (TypeScript, tree-sitter),
// and requiring it must not load them. Builds first when the bundle is missing or older than its sources.
import { test, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = path.join(__dirname, '../..');
const BUNDLE = path.join(ROOT, 'dist/extension.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

before(() => {
  const stale = !fs.existsSync(BUNDLE) || fs.statSync(BUNDLE).mtimeMs < newestSource(path.join(ROOT, 'src'));
  if (stale) {
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `node esbuild.mjs failed: ${r.stderr}`);
  }
});

test('dist/extension.js does not contain the TypeScript compiler or the tree-sitter runtime', () => {
  const code = fs.readFileSync(BUNDLE, 'utf8');
  assert.ok(!code.includes('createSourceFile'), 'the TypeScript compiler is bundled into the activation path');
  assert.ok(!code.includes('tree-sitter.wasm'), 'web-tree-sitter is bundled into the activation path');
  assert.ok(fs.statSync(BUNDLE).size < 200_000, `dist/extension.js is ${fs.statSync(BUNDLE).size} bytes`);
});

test('requiring dist/extension.js (vscode stubbed) loads neither the engine nor typescript', () => {
  // A child process, so the module cache is clean; `vscode` is the only module the host provides.
  const script = `
    const Module = require('module');
    const load = Module._load;
    // Every property of a namespace is a deep stub, so module-level reads like vscode.CodeActionKind.QuickFix work.
    const deep = new Proxy(function () {}, { get: () => deep, apply: () => deep, construct: () => deep });
    const stub = {};
    for (const name of ['CodeAction', 'CodeActionKind', 'Diagnostic', 'DiagnosticSeverity', 'EndOfLine', 'Position',
      'ProgressLocation', 'Range', 'RelativePattern', 'Uri', 'WorkspaceEdit', 'commands', 'languages', 'window', 'workspace']) {
      stub[name] = deep;
    }
    Module._load = function (request, ...rest) {
      if (request === 'vscode') return stub;
      return load.call(this, request, ...rest);
    };
    const ext = require(${JSON.stringify(BUNDLE)});
    const loaded = Object.keys(require.cache).map((p) => require('path').relative(${JSON.stringify(ROOT)}, p));
    console.log(JSON.stringify({ exports: Object.keys(ext).sort(), loaded }));
  `;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const { exports, loaded } = JSON.parse(r.stdout) as { exports: string[]; loaded: string[] };
  assert.deepEqual(exports, ['activate', 'deactivate']);
  assert.deepEqual(loaded, [path.join('dist', 'extension.js')]);
});
