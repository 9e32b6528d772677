import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { functionsInSource } from '../../../src/core/profile/source-functions';
import { HEAT_LEVELS, argsKey, functionAtCursor, heatLevel, hotLineLabel, hotLinesOf, parseRememberedArgs, profileSummary, validateArgs } from '../../../src/extension/profile/profile-function-model';

const SOURCE = `function report(rows) {
  return rows.map((r) => {
    return format(r);
  });
}
class Orders {
  static total(items) {
    return items.length;
  }
}
const handler = async (req) => report(req.rows);
`;

test('the function at the cursor: the innermost named one, so a cursor in a callback profiles its function', () => {
  const fns = functionsInSource(SOURCE, 'x.js');
  assert.equal(functionAtCursor(fns, 3)?.name, 'report');
  assert.equal(functionAtCursor(fns, 1)?.name, 'report');
  assert.equal(functionAtCursor(fns, 8)?.name, 'Orders.total');
  assert.equal(functionAtCursor(fns, 11)?.name, 'handler');
  assert.equal(functionAtCursor(fns, 6), undefined, 'a class body line is in no function');
});

test('arguments: a JavaScript expression (compiled, never run) or one sentence why not; remembered per file and function', () => {
  assert.equal(validateArgs('[1, "x", {"a": [2]}]'), undefined);
  assert.equal(validateArgs('[makeOrders(10_000), { verbose: true }]'), undefined);
  assert.equal(validateArgs('[]'), undefined);
  assert.equal(validateArgs('[globalThis.__ran = 1]'), undefined);
  assert.equal((globalThis as Record<string, unknown>).__ran, undefined, 'validation does not run the expression');
  assert.match(validateArgs('[1,')!, /^Not a JavaScript expression: /);
  assert.match(validateArgs('  ')!, /^Type the arguments as an array/);
  assert.equal(argsKey('src\\orders\\report.js', 'report'), 'src/orders/report.js#report');
  assert.deepEqual(parseRememberedArgs('{"a.js#f": "[1]", "bad": 3}'), { 'a.js#f': '[1]' });
  assert.deepEqual(parseRememberedArgs('not json'), {});
  assert.deepEqual(parseRememberedArgs(undefined), {});
});

test('hot-line labels and which lines are marked', () => {
  assert.equal(hotLineLabel({ selfMs: 4.234, selfPercent: 17.2 }), '4.23 ms · 17%');
  assert.equal(hotLineLabel({ selfMs: 812.4, selfPercent: 3.25 }), '812 ms · 3.3%');
  assert.equal(hotLineLabel({ selfMs: 12.34, selfPercent: 40 }), '12.3 ms · 40%');
  const lines = [
    { file: '/a.js', line: 3, selfMs: 1, selfPercent: 5 },
    { file: '/a.js', line: 9, selfMs: 5, selfPercent: 25 },
    { file: '/a.js', line: 4, selfMs: 0.01, selfPercent: 0.1 },
    { file: '/b.js', line: 1, selfMs: 9, selfPercent: 45 },
  ];
  assert.deepEqual(hotLinesOf(lines, '/a.js').map((l) => l.line), [9, 3]);
});

test('the summary sentence', () => {
  const top = { functionName: 'sumOfSquares', file: '/a.js', line: 1, column: 1, selfMs: 1900, selfPercent: 97.91, totalMs: 1900, totalPercent: 97.91, calls: null };
  assert.equal(profileSummary('report', 5620, 2003, false, top), 'Perf Lens: report ran 5620 times in 2.0 s; hottest: sumOfSquares (97.9% self).');
  assert.equal(profileSummary('f', 1, 12000, true, undefined), 'Perf Lens: f ran 1 time in 12.0 s (stopped at the time limit); no samples in your code.');
  // A function that never returned (issue 11, item 9): the runner's sentence leads.
  assert.equal(
    profileSummary('spin', 0, 300, true, top, 'spin did not return within the 32300 ms limit: it was stopped inside the call (during the warm-up), and the partial profile shows where it was spinning'),
    'Perf Lens: spin did not return within the 32300 ms limit: it was stopped inside the call (during the warm-up), and the partial profile shows where it was spinning; hottest: sumOfSquares (97.9% self).',
  );
  assert.equal(
    profileSummary('report', 5620, 2003, false, { ...top, calls: 16860 }),
    'Perf Lens: report ran 5620 times in 2.0 s; hottest: sumOfSquares (97.9% self), called 16,860 times.',
  );
});

test('gutter heat levels by self time: 3 from 20%, 2 from 5%, else 1; each level has its shipped icon', () => {
  assert.deepEqual([0.5, 4.99, 5, 19.99, 20, 100].map(heatLevel), [1, 1, 2, 2, 3, 3]);
  for (const level of HEAT_LEVELS) {
    const svg = fs.readFileSync(path.join(__dirname, '../../../media', `heat-${level}.svg`), 'utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* viewBox="0 0 16 16">/);
    assert.doesNotMatch(svg, /<script|href=|url\(/i, 'no scripts or outside references in an icon');
  }
});
