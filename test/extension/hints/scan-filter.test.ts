import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { enabledGlobs, gitignoreMatcher, inSkippedFolder, scanFilter, scanGlobs } from '../../../src/extension/hints/scan-filter';
import { readHintSettings } from '../../../src/extension/hints/hint-settings';
import { languageOf } from '../../../src/core/lint/languages';

const all = () => true;

describe('scanGlobs', () => {
  test('the include glob names every linted extension and the exclude keeps the search out of heavy folders', () => {
    const { include, exclude } = scanGlobs();
    for (const ext of ['js', 'cjs', 'mjs', 'jsx', 'ts', 'cts', 'mts', 'tsx', 'ex', 'exs']) {
      assert.ok(include.includes(ext), ext);
      assert.ok(languageOf(`a.${ext}`), ext);
    }
    assert.equal(exclude, '**/{node_modules,_build,deps,dist,.git}/**');
  });
});

describe('enabledGlobs', () => {
  test('keeps only the patterns switched on', () => {
    assert.deepEqual(enabledGlobs({ '**/node_modules': true, '**/*.code-search': true, 'tmp/**': false, 'x/**': { when: '$(basename).ts' } }), [
      '**/node_modules',
      '**/*.code-search',
    ]);
    assert.deepEqual(enabledGlobs(undefined), []);
    assert.deepEqual(enabledGlobs('nonsense'), []);
  });
});

describe('gitignoreMatcher', () => {
  const ignored = gitignoreMatcher([
    { dir: '', content: '# build output\n/build\n*.log\ncoverage/\ngenerated/**\n!generated/keep.ts\n' },
    { dir: 'apps/shop', content: 'tmp\n!important.log\n' },
  ]);

  test('anchored, name and directory-only patterns', () => {
    assert.equal(ignored('build/out.js'), true, '/build ignores the root build folder');
    assert.equal(ignored('src/build/helper.js'), false, '/build is anchored to the root');
    assert.equal(ignored('src/coverage/lcov.js'), true, 'coverage/ matches a folder at any depth');
    assert.equal(ignored('src/app.ts'), false);
  });

  test('negation re-includes a file when its folder itself is not ignored', () => {
    assert.equal(ignored('generated/client.ts'), true);
    assert.equal(ignored('generated/keep.ts'), false);
  });

  test('a nested .gitignore applies below its folder and wins over the root one', () => {
    assert.equal(ignored('apps/shop/tmp/scratch.exs'), true);
    assert.equal(ignored('tmp/scratch.exs'), false, 'the nested rule does not apply above its folder');
    assert.equal(ignored('apps/shop/important.log'), false);
    assert.equal(ignored('apps/other/debug.log'), true);
  });

  test('no .gitignore ignores nothing', () => {
    assert.equal(gitignoreMatcher([])('anything.ts'), false);
  });
});

describe('scanFilter', () => {
  test('skips node_modules, _build, deps, dist and .git at any depth', () => {
    const keep = scanFilter({ selects: all, searchExclude: [], gitignores: [] });
    assert.equal(keep('src/index.ts'), true);
    for (const p of ['node_modules/x/index.js', 'apps/api/node_modules/y.js', '_build/dev/lib/a.ex', 'deps/plug/lib/plug.ex', 'dist/cli.js', '.git/hooks/pre-commit.js']) {
      assert.equal(keep(p), false, p);
    }
  });

  test('applies search.exclude, .gitignore and the include/exclude settings together', () => {
    const settings = readHintSettings((k) => ({ include: ['src', 'lib'], exclude: ['*.gen.ts'] })[k]);
    const keep = scanFilter({
      selects: settings.selects,
      searchExclude: ['**/fixtures'],
      gitignores: [{ dir: '', content: 'src/legacy/\n' }],
    });
    assert.equal(keep('src/app.ts'), true);
    assert.equal(keep('lib/shop/orders.ex'), true);
    assert.equal(keep('scripts/seed.ts'), false, 'not included');
    assert.equal(keep('src/api.gen.ts'), false, 'perfLens.hints.exclude');
    assert.equal(keep('src/fixtures/bad.ts'), false, 'search.exclude');
    assert.equal(keep('src/legacy/old.js'), false, '.gitignore');
  });
});

describe('inSkippedFolder (open documents)', () => {
  test('a library file opened through Go to Definition is not linted, the workspace files are', () => {
    assert.equal(inSkippedFolder('node_modules/prisma/index.js'), true);
    assert.equal(inSkippedFolder('/home/me/elsewhere/deps/ecto/lib/ecto/repo.ex'), true);
    assert.equal(inSkippedFolder('C:\\proj\\dist\\bundle.js'), true);
    assert.equal(inSkippedFolder('src/distance.ts'), false, 'only whole folder names count');
    assert.equal(inSkippedFolder('lib/shop/deps_report.ex'), false);
  });
});
