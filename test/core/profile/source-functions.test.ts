import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { functionsInSource, innermostFunction } from '../../../src/core/profile/source-functions';
import { computeHotspots } from '../../../src/core/profile/hotspots';
import { withRealProfile } from './profile-fixtures';

const SOURCE = `export class Orders {
  total(items) {
    return items.reduce((s, i) => s + i.price, 0);
  }
  static empty() { return new Orders(); }
}
export function parse(text) {
  const rows = text.split('\\n');
  return rows.map(function toRow(r) {
    return r.split(',');
  });
}
export const handler = async (req) => {
  return parse(req.body);
};
module.exports.legacy = function () {};
export default function () {}
`;

test('functions with the names a user recognises and their line ranges', () => {
  const fns = functionsInSource(SOURCE, 'orders.ts');
  assert.deepEqual(
    fns.map((f) => [f.name, f.line, f.endLine]),
    [
      ['Orders.total', 2, 4],
      ['(anonymous)', 3, 3],
      ['Orders.empty', 5, 5],
      ['parse', 7, 12],
      ['toRow', 9, 11],
      ['handler', 13, 15],
      ['legacy', 16, 16],
      ['(anonymous)', 17, 17],
    ],
  );
  assert.equal(innermostFunction(fns, 10)?.name, 'toRow');
  assert.equal(innermostFunction(fns, 8)?.name, 'parse');
  assert.equal(innermostFunction(fns, 3)?.name, '(anonymous)');
  assert.equal(innermostFunction(fns, 1), undefined);
  assert.equal(functionsInSource(SOURCE, 'orders.ts')[0].column, 3);
});

test('a real profile: with the source lookup, the function the user wrote is on top, inlined or not', () => {
  const source = [
    'function sumOfSquares(n) {',
    '  let s = 0;',
    '  for (let i = 0; i < n; i++) s += i * i;',
    '  return s;',
    '}',
    'function run() {',
    '  let x = 0;',
    '  const end = Date.now() + 500;',
    '  while (Date.now() < end) x += sumOfSquares(50_000);',
    '  return x;',
    '}',
    'if (run() < 0) console.log("never");',
  ].join('\n');
  withRealProfile(source, ({ profile, script, url }) => {
    const fns = functionsInSource(source, script);
    const lookup = (u: string, line: number) => (u === url ? innermostFunction(fns, line) : undefined);
    const fixed = computeHotspots(profile, { myCodeOnly: true, enclosingFunction: lookup });
    assert.equal(fixed.hotspots[0].functionName, 'sumOfSquares');
    assert.equal(fixed.hotspots[0].line, 1);
    // One row per function, however its samples arrived.
    const names = fixed.hotspots.map((h) => h.functionName);
    assert.equal(new Set(names).size, names.length, names.join(', '));
  });
});
