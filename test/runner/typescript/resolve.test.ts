// Which files the profiling child transpiles, and what a specifier Node did not find may stand for.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TS_FILE, typeScriptAlternatives } from '../../../src/runner/typescript/resolve';

test('transpiled: .ts .mts .cts .tsx .jsx; not .js, .mjs, .d.ts-less names', () => {
  for (const f of ['a.ts', 'a.mts', 'a.cts', 'a.tsx', 'a.jsx', 'A.TSX']) assert.ok(TS_FILE.test(f), f);
  for (const f of ['a.js', 'a.mjs', 'a.cjs', 'a.json', 'ts', 'a.tsx.bak']) assert.ok(!TS_FILE.test(f), f);
});

test('a .js specifier stands for .ts then .tsx; .mjs for .mts; .cjs for .cts; .jsx for .tsx', () => {
  assert.deepEqual(typeScriptAlternatives('./util.js'), ['./util.ts', './util.tsx']);
  assert.deepEqual(typeScriptAlternatives('../a/b.mjs'), ['../a/b.mts']);
  assert.deepEqual(typeScriptAlternatives('/abs/b.cjs'), ['/abs/b.cts']);
  assert.deepEqual(typeScriptAlternatives('./view.jsx'), ['./view.tsx']);
});

test('an extensionless specifier: the file with an extension, then the folder index', () => {
  assert.deepEqual(typeScriptAlternatives('./lib'), ['./lib.ts', './lib.tsx', './lib.js', './lib/index.ts', './lib/index.tsx', './lib/index.js']);
  assert.deepEqual(typeScriptAlternatives('..'), ['../index.ts', '../index.tsx', '../index.js']);
  assert.deepEqual(typeScriptAlternatives('./'), ['./index.ts', './index.tsx', './index.js']);
});

test('packages, builtins and other files have no alternative', () => {
  for (const s of ['lodash', 'node:fs', '@scope/pkg/sub', './data.json', './style.css', 'react/jsx-runtime']) assert.deepEqual(typeScriptAlternatives(s), [], s);
});
