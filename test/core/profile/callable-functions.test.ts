// What the profiler's harness can call by name, read from source: a table of modules and the export
// names they offer (and the functions that must stay out), placed where functionsInSource places them.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { callableFunctions } from '../../../src/core/profile/callable-functions';
import { functionsInSource } from '../../../src/core/profile/source-functions';

const names = (text: string, file = 'm.js') => callableFunctions(text, file).map((c) => `${c.name}=${c.exportName}`);

test('ES modules: named exports, export lists with renames, default exports, static methods of exported classes', () => {
  const src = `
export function parse(s) { return s; }
export const total = (xs) => xs.length;
export const wrapped = ((x) => x);
const inner = function () { return 1; };
function helper() {}
export { inner, helper as assist };
export default function main() {}
export class Orders {
  static sum(a) { return a; }
  static avg = (a) => a;
  count() { return 0; }
  static #secret() {}
  static *ids() {}
}
export function* generate() {}
export async function load() {}
function notExported() {}
`;
  assert.deepEqual(names(src), [
    'parse=parse',
    'total=total',
    'wrapped=wrapped',
    'inner=inner',
    'assist=assist',
    'main=default',
    'Orders.sum=Orders.sum',
    'Orders.avg=Orders.avg',
    'load=load',
  ]);
});

test('CommonJS: module.exports objects (shorthand, renamed, inline), exports.x until module.exports is replaced, module.exports = fn / class', () => {
  const cjs = `
'use strict';
function sumOfSquares(n) { return n * n; }
function report(rows) { return rows.map(sumOfSquares); }
const fmt = (x) => String(x);
class Stats { static mean(xs) { return xs.length; } median() {} }
module.exports = { report, format: fmt, Stats, inline(x) { return x; }, arrow: (y) => y, value: 42 };
exports.extra = function () { return 2; };
module.exports.more = fmt;
`;
  // `exports.extra` went to the object that module.exports replaced; `more` is `format` again.
  assert.deepEqual(names(cjs), ['report=report', 'format=format', 'Stats.mean=Stats.mean', 'inline=inline', 'arrow=arrow']);
  assert.deepEqual(names('exports.a = function () {};\nfunction g() {}\nmodule.exports.b = g;'), ['a=a', 'b=b']);
  assert.deepEqual(names('function g() {}\nmodule.exports.b = g;\nmodule.exports = {};\nmodule.exports.c = () => 1;'), ['c=c']);
  assert.deepEqual(names('module.exports = function run() {};'), ['run=default']);
  assert.deepEqual(names('class Q { static top() {} }\nmodule.exports = Q;'), ['Q.top=default.top']);
  assert.deepEqual(names('export default class { static make() {} }'), ['default.make=default.make']);
});

test('TypeScript: `export =`, type-only exports and overload signatures add nothing callable twice', () => {
  const ts = `
function go(a: number): number;
function go(a: string): string;
function go(a: any) { return a; }
export type { Foo } from './foo';
interface Bar { x(): void }
export = go;
`;
  assert.deepEqual(names(ts, 'm.ts'), ['go=default']);
  assert.deepEqual(names('export declare function ambient(): void;\nexport function real(): void {}', 'm.ts'), ['real=real']);
});

test('each callable function sits where functionsInSource puts it (lenses and hot spots are joined by that place)', () => {
  const src = `
export function parse(s) {
  return s;
}
export const total = async (xs) =>
  xs.length;
export class Orders {
  static sum(a) { return a; }
}
module.exports = { alt: function named() {} };
`;
  const all = functionsInSource(src, 'm.js');
  for (const c of callableFunctions(src, 'm.js')) {
    const f = all.find((x) => x.line === c.line && x.column === c.column);
    assert.ok(f, `${c.name} at ${c.line}:${c.column} is one of ${JSON.stringify(all)}`);
    assert.equal(f.endLine, c.endLine);
  }
  assert.equal(callableFunctions(src, 'm.js').find((c) => c.name === 'total')?.endLine, 6);
});

test('nothing exported, or a file that does not parse cleanly: no callable functions, no exception', () => {
  assert.deepEqual(names('function a() {}\nconst b = () => 1;\nif (x) { module.exports = { a }; }'), []);
  assert.doesNotThrow(() => callableFunctions('export function (', 'bad.js'));
});
