// tsconfig.json `paths` / `baseUrl` for bare specifiers Node did not find: the JSONC reader, the matching,
// the extends chain and the candidates, on real folders.
import { test, describe, before, after, beforeEach } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  clearPathsCache,
  isBareSpecifier,
  matchPaths,
  parseJsonc,
  pathsConfigOf,
  resolveTsconfigPaths,
} from '../../../src/runner/typescript/tsconfig-paths';

function writeTree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-paths-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

test('JSONC: comments, trailing commas, comment-like text in strings, a BOM', () => {
  const text = '\ufeff{\n  // a comment\n  "a": "http://x/*y*/", /* block */\n  "b": [1, 2, /* c */ ],\n  "c": { "d": "\\"//\\"", },\n}\n';
  assert.deepEqual(parseJsonc(text), { a: 'http://x/*y*/', b: [1, 2], c: { d: '"//"' } });
  assert.throws(() => parseJsonc('{ "a": }'), SyntaxError);
});

test('bare specifiers only: not relative, absolute, URLs or node: builtins', () => {
  for (const s of ['my-lib', 'my-lib/sub', '@scope/x', '@/util', '~/x', 'src/a']) assert.ok(isBareSpecifier(s), s);
  for (const s of ['./a', '../a', '.', '..', '/abs', 'C:\\x', 'node:fs', 'file:///x', 'data:text/javascript,1', '']) assert.ok(!isBareSpecifier(s), s);
});

describe('matchPaths', () => {
  const paths = {
    'my-lib': ['../../library/src'],
    'my-lib/*': ['../../library/src/*', '../../library/gen/*'],
    '*': ['types/*'],
    '@app/*': ['app/*'],
    '@app/deep/*': ['deep/*'],
    'x/*/y/*': ['never/*'],
    'wrap-*-end': ['w/*'],
  };
  test('an exact key first', () => assert.deepEqual(matchPaths('my-lib', paths), ['../../library/src']));
  test('the longest prefix; `*` replaced in every substitution, in order', () => {
    assert.deepEqual(matchPaths('my-lib/a/b', paths), ['../../library/src/a/b', '../../library/gen/a/b']);
    assert.deepEqual(matchPaths('@app/deep/x', paths), ['deep/x']);
    assert.deepEqual(matchPaths('@app/top', paths), ['app/top']);
  });
  test('a prefix and a suffix', () => assert.deepEqual(matchPaths('wrap-mid-end', paths), ['w/mid']));
  test('the catch-all `*` for anything else; keys with two `*` ignored', () => {
    assert.deepEqual(matchPaths('lodash', paths), ['types/lodash']);
    assert.deepEqual(matchPaths('x/1/y/2', paths), ['types/x/1/y/2']);
  });
  test('no match', () => assert.deepEqual(matchPaths('other', { 'my-lib/*': ['a/*'] }), []));
});

describe('resolveTsconfigPaths on a project', () => {
  let dir: string;
  before(() => {
    dir = writeTree({
      // The library, its own package (CommonJS-typed), sources in src/.
      'library/package.json': '{ "name": "my-lib", "main": "dist/index.js" }',
      'library/src/index.ts': 'export const x = 1;\n',
      'library/src/sub/deep.ts': 'export const d = 1;\n',
      'library/src/esm.mts': 'export const e = 1;\n',
      'library/src/folder/package.json': '{ "types": "./lib/api.d.ts" }',
      'library/src/folder/lib/api.ts': 'export const api = 1;\n',
      'library/src/folder/lib/api.d.ts': 'export declare const api: number;\n',
      'library/src/plain/index.js': 'exports.p = 1;\n',
      // A shared base in a package, and one relative base with paths (relative to its own folder).
      'node_modules/@tsconfig/base/tsconfig.json': '{ "compilerOptions": { "strict": true, } }',
      'node_modules/@tsconfig/base/package.json': '{ "name": "@tsconfig/base" }',
      'config/tsconfig.paths.json': '{\n  // paths relative to this file (no baseUrl)\n  "compilerOptions": { "paths": { "from-base/*": ["../library/src/*"] } },\n}\n',
      'bench/pkg/tsconfig.json': [
        '{',
        '  "extends": ["@tsconfig/base/tsconfig.json", "../../config/tsconfig.paths"],',
        '  /* baseUrl: paths below are relative to it */',
        '  "compilerOptions": {',
        '    "baseUrl": ".",',
        '    "paths": { "my-lib": ["../../library/src"], "my-lib/*": ["nowhere/*", "../../library/src/*"], },',
        '  },',
        '}',
      ].join('\n'),
      'bench/pkg/local/thing.ts': 'export const t = 1;\n',
      'bench/pkg/sub/a.bench.ts': '',
      // baseUrl only, inherited from a base; no paths.
      'base-only/tsconfig.base.json': '{ "compilerOptions": { "baseUrl": "./src" } }',
      'base-only/tsconfig.json': '{ "extends": "./tsconfig.base.json" }',
      'base-only/src/helpers/math.ts': 'export const m = 1;\n',
      'base-only/src/a.ts': '',
      // Paths inherited from a base that declares them, with no baseUrl anywhere.
      'inherit/tsconfig.json': '{ "extends": "../config/tsconfig.paths.json" }',
      'inherit/a.ts': '',
      'broken/tsconfig.json': '{ "compilerOptions": { "paths": { "x": [ } }',
      'broken/a.ts': '',
      'missing-base/tsconfig.json': '{ "extends": "@nope/missing/tsconfig.json", "compilerOptions": { "paths": { "m/*": ["./m/*"] } } }',
      'missing-base/m/one.ts': '',
      'missing-base/a.ts': '',
      'loop/tsconfig.json': '{ "extends": "./tsconfig.json" }',
      'loop/a.ts': '',
      'no-config-here/a.ts': '',
    });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => clearPathsCache());
  const from = (rel: string) => path.join(dir, rel);
  const file = (spec: string, importer: string) => resolveTsconfigPaths(spec, from(importer)).file;

  test('the exact key: a folder → its index.ts', () => {
    assert.equal(file('my-lib', 'bench/pkg/sub/a.bench.ts'), from('library/src/index.ts'));
  });
  test('my-lib/* relative to baseUrl: the first substitution that exists, with TypeScript extensions', () => {
    assert.equal(file('my-lib/sub/deep', 'bench/pkg/sub/a.bench.ts'), from('library/src/sub/deep.ts'));
    assert.equal(file('my-lib/sub/deep.js', 'bench/pkg/sub/a.bench.ts'), from('library/src/sub/deep.ts'));
    assert.equal(file('my-lib/esm', 'bench/pkg/sub/a.bench.ts'), from('library/src/esm.mts'));
    assert.equal(file('my-lib/plain', 'bench/pkg/sub/a.bench.ts'), from('library/src/plain/index.js'));
  });
  test('a folder with package.json types naming a .d.ts: the .ts next to it', () => {
    assert.equal(file('my-lib/folder', 'bench/pkg/sub/a.bench.ts'), from('library/src/folder/lib/api.ts'));
  });
  test('paths from an extended file are relative to that file when no baseUrl is set there… and to the baseUrl set later', () => {
    // bench/pkg sets baseUrl "." (bench/pkg), so the inherited "../library/src/*" is relative to it: not found.
    assert.equal(file('from-base/index', 'bench/pkg/sub/a.bench.ts'), undefined);
    // inherit/ sets no baseUrl: relative to config/, where the paths are declared.
    assert.equal(file('from-base/index', 'inherit/a.ts'), from('library/src/index.ts'));
  });
  test('baseUrl alone: bare specifiers under it (from an extended base, relative to the base)', () => {
    assert.equal(file('helpers/math', 'base-only/src/a.ts'), from('base-only/src/helpers/math.ts'));
    assert.equal(file('local/thing', 'bench/pkg/sub/a.bench.ts'), from('bench/pkg/local/thing.ts'));
    assert.equal(file('helpers/none', 'base-only/src/a.ts'), undefined);
  });
  test('the merged options: baseUrl absolute, paths from the file that declares them', () => {
    const c = pathsConfigOf(from('bench/pkg/sub'));
    assert.equal(c?.baseUrl, from('bench/pkg'));
    assert.deepEqual(Object.keys(c?.paths ?? {}), ['my-lib', 'my-lib/*']);
    assert.equal(c?.problem, undefined);
  });
  test('nothing to map: no tsconfig, relative specifiers, importers inside node_modules', () => {
    assert.deepEqual(resolveTsconfigPaths('my-lib', from('no-config-here/a.ts')), {});
    assert.deepEqual(resolveTsconfigPaths('./my-lib', from('bench/pkg/sub/a.bench.ts')), {});
    assert.deepEqual(resolveTsconfigPaths('my-lib', from('bench/pkg/node_modules/x/index.js')), {});
    assert.deepEqual(resolveTsconfigPaths('my-lib', undefined), {});
  });
  test('a mapping with no file behind it: one sentence naming the tsconfig and the places tried', () => {
    const r = resolveTsconfigPaths('my-lib/none', from('bench/pkg/sub/a.bench.ts'));
    assert.equal(r.file, undefined);
    assert.match(r.explain ?? '', /^\S+tsconfig\.json maps "my-lib\/none" to .*nowhere[\\/]none, .*library[\\/]src[\\/]none, where no file was found\.$/);
  });
  test('a broken tsconfig, a missing base, an extends loop: no crash, nothing mapped, one sentence', () => {
    const broken = resolveTsconfigPaths('x', from('broken/a.ts'));
    assert.equal(broken.file, undefined);
    assert.match(broken.explain ?? '', /^tsconfig\.json paths were not applied: \S+tsconfig\.json could not be read \(.+\)\.$/);
    const missing = resolveTsconfigPaths('m/two', from('missing-base/a.ts'));
    assert.match(missing.explain ?? '', /maps "m\/two" to/);
    // The paths of the file itself still apply when its base is missing.
    assert.equal(file('m/one', 'missing-base/a.ts'), from('missing-base/m/one.ts'));
    assert.match(resolveTsconfigPaths('zzz', from('missing-base/a.ts')).explain ?? '', /extends "@nope\/missing\/tsconfig\.json", which was not found\.$/);
    assert.match(resolveTsconfigPaths('zzz', from('loop/a.ts')).explain ?? '', /extends itself\.$/);
  });
});
