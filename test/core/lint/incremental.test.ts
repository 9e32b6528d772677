// The editor path re-parses incrementally (TypeScript's updateSourceFile) from the document's previous tree.
// Whatever the edits, the result must be exactly what a fresh parse gives: checked here over long random
// edit sequences on real files (the examples and a large library file), syntax errors included.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../../../src/core/lint/engine';
import { withDefaults } from '../../../src/core/lint/config';
import { JsParseCache, changeRange } from '../../../src/core/lint/languages/js';
import { edit, prng } from './random-edits';

const ROOT = path.join(__dirname, '..', '..', '..');

describe('incremental re-lint', () => {
  const files = [
    'examples/node-shop/src/orders/orders.slow.ts',
    'examples/node-shop/src/inventory/sync.slow.js',
    'node_modules/zod/src/v3/types.ts',
  ];
  for (const rel of files) {
    test(`random edits of ${rel} give the same findings and notes as a fresh parse`, () => {
      const config = withDefaults({});
      const cache = new JsParseCache();
      const reuse = { cache, key: rel };
      const rand = prng(rel.length * 7919);
      let text = fs.readFileSync(path.join(ROOT, rel), 'utf8');
      const edits = rel.includes('zod') ? 40 : 150;
      let withErrors = 0;
      for (let i = 0; i < edits; i++) {
        text = edit(text, rand);
        const fresh = lintText(text, rel, config);
        const incremental = lintText(text, rel, config, {}, reuse);
        assert.deepEqual(incremental, fresh, `after edit ${i + 1}`);
        if (fresh.notes.some((n) => n.kind === 'parse-error')) withErrors++;
      }
      assert.equal(cache.size, 1);
      // The sequence must exercise error recovery too, not only well-formed code.
      assert.ok(withErrors > 0, 'some edits broke the syntax');
    });
  }

  test('the same text twice, and a different file kind under the same key, re-parse correctly', () => {
    const config = withDefaults({});
    const cache = new JsParseCache();
    const code = 'for (const id of ids) { await prisma.user.findUnique({ where: { id } }); }\n';
    const reuse = { cache, key: 'doc' };
    const first = lintText(code, 'a.ts', config, {}, reuse);
    assert.equal(first.findings.length, 1);
    assert.deepEqual(lintText(code, 'a.ts', config, {}, reuse), first);
    // Renamed to .js (another script kind): a fresh parse, same result.
    assert.deepEqual(lintText(code, 'a.js', config, {}, reuse).findings.map((f) => f.ruleId), ['n-plus-one']);
  });

  test('the cache keeps at most its capacity, dropping the least recently linted', () => {
    const cache = new JsParseCache(2);
    const config = withDefaults({});
    for (const key of ['a', 'b', 'c']) lintText('const x = 1;\n', `${key}.ts`, config, {}, { cache, key });
    assert.equal(cache.size, 2);
    assert.equal(cache.take('a'), undefined);
    assert.ok(cache.take('c'));
    cache.forget('b');
    assert.equal(cache.size, 0);
  });

  test('changeRange spans exactly the differing text', () => {
    assert.deepEqual(changeRange('abcdef', 'abXYef'), { span: { start: 2, length: 2 }, newLength: 2 });
    assert.deepEqual(changeRange('abc', 'abc'), { span: { start: 3, length: 0 }, newLength: 0 });
    assert.deepEqual(changeRange('aaa', 'aaaa'), { span: { start: 3, length: 0 }, newLength: 1 });
    assert.deepEqual(changeRange('abc', ''), { span: { start: 0, length: 3 }, newLength: 0 });
  });
});
