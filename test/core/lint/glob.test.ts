import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { globMatcher, globToRegExp } from '../../../src/core/lint/glob';

const cases: [string, string, boolean][] = [
  ['*.js', 'a.js', true],
  ['*.js', 'dir/a.js', false],
  ['**/*.js', 'a.js', true],
  ['**/*.js', 'x/y/a.js', true],
  ['src/**', 'src/a/b.ts', true],
  ['src/**/test/*.ts', 'src/test/a.ts', true],
  ['src/**/test/*.ts', 'src/x/y/test/a.ts', true],
  ['src/**/test/*.ts', 'src/x/y/test/z/a.ts', false],
  ['a?c', 'abc', true],
  ['a?c', 'a/c', false],
  ['[ab].ts', 'b.ts', true],
  ['[!ab].ts', 'b.ts', false],
  ['[!ab].ts', 'c.ts', true],
  ['*.{ts,tsx}', 'x.tsx', true],
  ['*.{ts,tsx}', 'x.js', false],
  ['a.b', 'axb', false],
  ['\\*.js', '*.js', true],
  ['\\*.js', 'x.js', false],
  ['(x)+.js', '(x)+.js', true],
  ['a**b', 'axxb', true],
  ['a**b', 'a/b', false],
];
for (const [glob, path, expected] of cases) {
  test(`glob ${glob} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
    assert.equal(globToRegExp(glob).test(path), expected);
  });
}

test('settings patterns without a slash match any segment; with a slash, the whole path', () => {
  const m = globMatcher(['generated', '*.min.js', 'src/legacy/**', './scripts/*.ts']);
  assert.equal(m('a/generated/x.ts'), true);
  assert.equal(m('lib/vendor.min.js'), true);
  assert.equal(m('src/legacy/old.ts'), true);
  assert.equal(m('src/legacy'), true);
  assert.equal(m('scripts/build.ts'), true);
  assert.equal(m('other/src/legacy/old.ts'), false);
  assert.equal(m('src/app.ts'), false);
  assert.equal(m('src\\legacy\\old.ts'), true);
  assert.equal(globMatcher([])('x.ts'), false);
});
