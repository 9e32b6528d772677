import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { benchCallsInSource } from '../../../src/core/bench/bench-calls';

const examples = path.join(__dirname, '../../../examples/node-shop/bench');
const callsOf = (file: string) => benchCallsInSource(fs.readFileSync(path.join(examples, file), 'utf8'), file).map((c) => `${c.kind} ${c.line}:${c.column} ${c.name}`);

test('the vitest example: the describe and its two benchmarks with their full names and lines', () => {
  assert.deepEqual(callsOf('packing-slip.bench.mjs'), [
    'describe 9:1 packingSlip, 2,000 names',
    'bench 10:3 packingSlip, 2,000 names > quadratic (lastIndexOf + +=)',
    'bench 14:3 packingSlip, 2,000 names > fixed (lines + join)',
  ]);
});

test('the TypeScript example (type annotations, one-line benches)', () => {
  assert.deepEqual(callsOf('revenue.bench.ts'), [
    'describe 14:1 revenueByCategory, 500 lines in 50 categories',
    'bench 15:3 revenueByCategory, 500 lines in 50 categories > spread accumulator',
    'bench 16:3 revenueByCategory, 500 lines in 50 categories > in-place accumulator',
  ]);
});

test('the CommonJS bench.sizes example', () => {
  assert.deepEqual(callsOf('scaling.bench.js'), ['sizes 11:1 packingSlip quadratic', 'sizes 16:1 packingSlip fixed']);
});

test('a vitest-style file: nested describes, .only, template names; .skip / .todo / computed names left out', () => {
  const src = [
    "import { bench, describe } from 'vitest';",
    "describe('outer', () => {",
    "  describe.only(`inner`, () => {",
    "    bench.only('a', () => {}, { time: 100 });",
    '  });',
    "  bench.skip('skipped', () => {});",
    "  bench.todo('later');",
    '  bench(`x${1}`, () => {});',
    "  describe.skip('gone', () => { bench('hidden', () => {}); });",
    '});',
    "bench('top', async () => { await null; });",
    "// bench('in a comment', () => {})",
    "const s = \"bench('in a string', () => {})\";",
  ].join('\n');
  const calls = benchCallsInSource(src, 'x.bench.ts');
  assert.deepEqual(
    calls.map((c) => [c.kind, c.name, c.line, c.endLine]),
    [
      ['describe', 'outer', 2, 10],
      ['describe', 'outer > inner', 3, 5],
      ['bench', 'outer > inner > a', 4, 4],
      ['bench', 'top', 11, 11],
    ],
  );
});

test('a syntax error still yields the calls the parser recovered', () => {
  const calls = benchCallsInSource("bench('ok', () => {});\nbench('broken', () => {", 'b.bench.js');
  assert.equal(calls[0].name, 'ok');
});
