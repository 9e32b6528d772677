import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { type IgnoreFile, isIgnored, parseGitignore } from '../../../src/core/files/gitignore';

function ignored(stack: IgnoreFile[], rel: string, dir = false) {
  return isIgnored(stack, rel, dir);
}

describe('.gitignore semantics', () => {
  test('a pattern without a slash matches a name at any depth', () => {
    const s = [parseGitignore('*.log\nbuild\n', '')];
    assert.equal(ignored(s, 'a.log'), true);
    assert.equal(ignored(s, 'x/y/a.log'), true);
    assert.equal(ignored(s, 'x/build', true), true);
    assert.equal(ignored(s, 'x/build'), true);
    assert.equal(ignored(s, 'x/builder'), false);
  });

  test('a leading or middle slash anchors to the .gitignore folder', () => {
    const s = [parseGitignore('/top.ts\ndoc/frotz\n', '')];
    assert.equal(ignored(s, 'top.ts'), true);
    assert.equal(ignored(s, 'sub/top.ts'), false);
    assert.equal(ignored(s, 'doc/frotz', true), true);
    assert.equal(ignored(s, 'a/doc/frotz', true), false);
  });

  test('a trailing slash matches folders only', () => {
    const s = [parseGitignore('out/\n', '')];
    assert.equal(ignored(s, 'out', true), true);
    assert.equal(ignored(s, 'a/out', true), true);
    assert.equal(ignored(s, 'out', false), false);
  });

  test('** matches any number of folders', () => {
    const s = [parseGitignore('**/gen/*.ts\na/**/b.ts\nlogs/**\n', '')];
    assert.equal(ignored(s, 'gen/x.ts'), true);
    assert.equal(ignored(s, 'p/q/gen/x.ts'), true);
    assert.equal(ignored(s, 'p/gen/sub/x.ts'), false);
    assert.equal(ignored(s, 'a/b.ts'), true);
    assert.equal(ignored(s, 'a/x/y/b.ts'), true);
    assert.equal(ignored(s, 'logs/today.ts'), true);
  });

  test('! re-includes, and the last matching line wins', () => {
    const s = [parseGitignore('*.gen.ts\n!keep.gen.ts\n', '')];
    assert.equal(ignored(s, 'a.gen.ts'), true);
    assert.equal(ignored(s, 'keep.gen.ts'), false);
    const t = [parseGitignore('!keep.gen.ts\n*.gen.ts\n', '')];
    assert.equal(ignored(t, 'keep.gen.ts'), true);
  });

  test('a deeper .gitignore overrides an outer one and applies only below its folder', () => {
    const s = [parseGitignore('*.gen.ts\n', ''), parseGitignore('!*.gen.ts\n/local.ts\n', 'pkg')];
    assert.equal(ignored(s, 'a.gen.ts'), true);
    assert.equal(ignored(s, 'pkg/a.gen.ts'), false);
    assert.equal(ignored(s, 'pkg/local.ts'), true);
    assert.equal(ignored(s, 'local.ts'), false);
    assert.equal(ignored(s, 'pkgx/local.ts'), false);
    assert.equal(ignored(s, 'pkg/sub/local.ts'), false);
  });

  test('comments, blank lines, escapes and trailing spaces', () => {
    const s = [parseGitignore('# comment\n\n\\#hash.ts\n\\!bang.ts\nspaced.ts   \nkeep\\ \n', '')];
    assert.equal(ignored(s, '#hash.ts'), true);
    assert.equal(ignored(s, '!bang.ts'), true);
    assert.equal(ignored(s, 'spaced.ts'), true);
    assert.equal(ignored(s, 'keep '), true);
    assert.equal(ignored(s, 'comment'), false);
  });

  test('braces are literal in .gitignore, and CRLF files work', () => {
    const s = [parseGitignore('{a,b}.ts\r\nwin.ts\r\n', '')];
    assert.equal(ignored(s, '{a,b}.ts'), true);
    assert.equal(ignored(s, 'a.ts'), false);
    assert.equal(ignored(s, 'win.ts'), true);
  });

  test('a pattern that does not compile is dropped, the others still apply', () => {
    const f = parseGitignore('[z-a].ts\nok.ts\n', '');
    assert.equal(f.rules.length, 1);
    assert.equal(ignored([f], 'ok.ts'), true);
  });
});
