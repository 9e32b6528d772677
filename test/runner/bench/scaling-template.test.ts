// The scaling benchmark the quadratic-building quick action writes: generated for real modules (CommonJS,
// ES module, TypeScript with a static method), it runs unchanged in the real harness, one result per size,
// and on a really quadratic function the fitted exponent says so.
import { test, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TEMPLATE_SIZES, moduleKindOf, scalingBenchFileName, scalingBenchTemplate } from '../../../src/core/bench/scaling-template';
import { callableFunctions } from '../../../src/core/profile/callable-functions';
import { scalingOf } from '../../../src/core/bench/scaling';
import { discoverBenchFiles, runBenchmarks } from '../../../src/runner/bench/run-benchmarks';
import { QUICK, buildBenchBundles, makeTree } from './helpers';

const SHOP_SRC = path.join(__dirname, '../../../examples/node-shop/src');
let harness: string;
before(() => {
  harness = path.join(buildBenchBundles(), 'bench-harness.js');
});

/** Writes the template for `fn` of `source` next to it (as the editor does) and runs it in one process. */
async function generateAndRun(dir: string, source: string, fn: string, clock?: 'cpu') {
  const abs = path.join(dir, source);
  const text = fs.readFileSync(abs, 'utf8');
  const target = callableFunctions(text, abs).find((f) => f.name === fn);
  assert.ok(target, `${fn} is callable`);
  const input = { functionName: target.name, exportName: target.exportName, sourceBase: path.basename(abs), moduleKind: moduleKindOf(text, abs) };
  const benchFile = path.join(path.dirname(abs), scalingBenchFileName(input));
  fs.writeFileSync(benchFile, scalingBenchTemplate(input), { flag: 'wx' });
  const files = await discoverBenchFiles([benchFile], dir);
  const out = await runBenchmarks({ files, cwd: dir, harnessPath: harness, processes: 1, ...QUICK, ...(clock ? { clock } : {}) });
  assert.deepEqual(out.errors.map((e) => e.message), []);
  return { input, benchFile, out };
}

test('CommonJS (the example pricing.slow.js): distinctSkus by its export name, one result per size', async () => {
  const dir = makeTree({ 'src/pricing.slow.js': fs.readFileSync(path.join(SHOP_SRC, 'pricing.slow.js'), 'utf8') });
  const { input, benchFile, out } = await generateAndRun(dir, 'src/pricing.slow.js', 'distinctSkus');
  assert.equal(input.moduleKind, 'cjs');
  assert.equal(path.basename(benchFile), 'distinctSkus.bench.mjs');
  assert.deepEqual(out.results.map((r) => `${r.name}@${r.size}`), TEMPLATE_SIZES.map((n) => `distinctSkus@${n}`));
});

// The exponents below are measured with the CPU clock (time spent waiting for a CPU on a loaded machine is not
// counted) and checked with bounds a broken fit or template cannot meet but noise cannot leave: a linear
// function at most 1.3, a quadratic one between 1.5 and 2.5 (a 2x distortion of one size over this decade of
// sizes moves the exponent by 0.3). The fit's precision is measured by bench/, not asserted here.
test('an ES module default export, linear: the fitted exponent is at most 1.3', async () => {
  const dir = makeTree({ 'package.json': '{ "type": "module" }', 'lib/sum.js': 'export default function total(xs) { let s = 0; for (const x of xs) s += x; return s; }\n' });
  const { input, out } = await generateAndRun(dir, 'lib/sum.js', 'total', 'cpu');
  assert.equal(input.moduleKind, 'esm');
  assert.equal(out.results.length, TEMPLATE_SIZES.length);
  const fit = scalingOf(out.results)[0].fit;
  assert.ok(fit.exponent <= 1.3, `exponent ${fit.exponent}`);
});

test('TypeScript, a static method of an exported class, really quadratic: the fitted exponent is between 1.5 and 2.5', async () => {
  const dir = makeTree({
    'src/squares.ts': 'export class Squares {\n  static of(xs: number[]): number[] {\n    return xs.reduce((acc: number[], x) => [...acc, x * x], []);\n  }\n}\n',
  });
  const { benchFile, out } = await generateAndRun(dir, 'src/squares.ts', 'Squares.of', 'cpu');
  assert.equal(path.basename(benchFile), 'Squares.of.bench.ts');
  assert.match(fs.readFileSync(benchFile, 'utf8'), /return \(\) => target\.Squares\.of\(\.\.\.args\);/);
  const fit = scalingOf(out.results)[0].fit;
  assert.ok(fit.exponent > 1.5 && fit.exponent < 2.5, `exponent ${fit.exponent}`);
});

test('the template marks what to edit, and never writes over an existing file (wx)', () => {
  const text = scalingBenchTemplate({ functionName: 'f', exportName: 'f', sourceBase: 'a.js', moduleKind: 'esm' });
  assert.equal(text.match(/▶ EDIT THIS/g)?.length, 2);
  assert.doesNotMatch(text, /TODO|FIXME/);
  const dir = makeTree({ 'f.bench.mjs': 'mine\n' });
  assert.throws(() => fs.writeFileSync(path.join(dir, 'f.bench.mjs'), text, { flag: 'wx' }), { code: 'EEXIST' });
  assert.equal(fs.readFileSync(path.join(dir, 'f.bench.mjs'), 'utf8'), 'mine\n');
});

test('module kinds: by extension first, then by top-level import/export', () => {
  assert.equal(moduleKindOf('module.exports = 1', 'a.mjs'), 'esm');
  assert.equal(moduleKindOf('export const a = 1', 'a.cjs'), 'cjs');
  assert.equal(moduleKindOf("const x = require('y'); module.exports = { x };", 'a.js'), 'cjs');
  assert.equal(moduleKindOf('export function f() {}', 'a.js'), 'esm');
  assert.equal(moduleKindOf("import x from 'y';\nx();", 'a.ts'), 'esm');
});
