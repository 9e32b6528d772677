// The declarations of 'perf-lens/bench' (src/core/bench/perf-lens-bench.d.ts) against the real API and the real
// TypeScript compiler: every member they declare exists on the object a bench file gets, and benchmark files
// that use the API (a generated scaling benchmark, a vitest-style file) type-check under `strict` with them —
// and do not without them, so the check can fail.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { BENCH_TYPES_FILE } from '../../../src/core/bench/bench-types';
import { readBenchTypes } from '../../../src/runner/bench/bench-types-file';
import { scalingBenchTemplate } from '../../../src/core/bench/scaling-template';
import { BenchCollector } from '../../../src/runner/bench/api';

const BENCH_TYPES_SOURCE = readBenchTypes();

const HANDWRITTEN = `import { bench, describe, beforeAll, afterAll, beforeEach, afterEach } from 'perf-lens/bench';
import api from 'perf-lens/bench';

let rows: number[] = [];
beforeAll(async () => {
  rows = [1, 2, 3];
  return () => { rows = []; };
});
afterAll(() => undefined);
beforeEach(() => rows.push(4));
afterEach(() => rows.pop());

describe('csv', () => {
  bench('export', () => [1, 2, 3].join(','), { time: 100, warmupTime: 20, iterations: 10, setup: (task, mode) => void [task.name, mode] });
  bench.only('only', () => 1);
  bench.skip('skipped');
  bench.todo('later');
  bench.skipIf(process.env.CI)('not in CI', () => 2);
  bench.runIf(true)('always', async () => 3);
  bench.sizes('sum', [1_000, 10_000], (n) => {
    const xs = Array.from({ length: n }, (_, i) => i);
    return () => xs.reduce((a, b) => a + b, 0);
  });
});
describe.skip('old', () => {});
describe.only('focus', () => {});
describe.todo('soon');
describe.skipIf(false)('maybe', () => {});
api.bench('via default', () => 4);
api.describe('via default', () => {});
api.beforeAll(() => undefined);
`;

/** Type errors of `files` (written to a fresh folder) compiled together under strict settings, resolved as a bundler does. */
function typeErrors(files: Record<string, string>): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-bench-types-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: ['node'], typeRoots: [path.join(__dirname, '../../../node_modules/@types')], skipLibCheck: true };
    const program = ts.createProgram(Object.keys(files).map((k) => path.join(dir, k)), options);
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('every member the declarations name exists on the API a bench file gets', () => {
  const api = new BenchCollector('/virtual/x.bench.ts').api() as unknown as { bench: Record<string, unknown>; describe: Record<string, unknown>; default: Record<string, unknown> };
  const source = ts.createSourceFile(BENCH_TYPES_FILE, BENCH_TYPES_SOURCE, ts.ScriptTarget.ES2022, true);
  const members: Record<string, string[]> = {};
  source.forEachChild(function visit(node): void {
    if (ts.isInterfaceDeclaration(node) && (node.name.text === 'BenchApi' || node.name.text === 'DescribeApi')) {
      members[node.name.text] = node.members.filter(ts.isMethodSignature).map((m) => (m.name as ts.Identifier).text);
    }
    node.forEachChild(visit);
  });
  assert.deepEqual(members.BenchApi.sort(), ['only', 'runIf', 'sizes', 'skip', 'skipIf', 'todo']);
  assert.deepEqual(members.DescribeApi.sort(), ['only', 'runIf', 'skip', 'skipIf', 'todo']);
  for (const m of members.BenchApi) assert.equal(typeof api.bench[m], 'function', `bench.${m}`);
  for (const m of members.DescribeApi) assert.equal(typeof api.describe[m], 'function', `describe.${m}`);
  for (const hook of ['beforeAll', 'afterAll', 'beforeEach', 'afterEach']) {
    assert.match(BENCH_TYPES_SOURCE, new RegExp(`export function ${hook}\\(`), hook);
    assert.equal(typeof (api as unknown as Record<string, unknown>)[hook], 'function', hook);
    assert.equal(api.default[hook], (api as unknown as Record<string, unknown>)[hook], `default.${hook}`);
  }
  assert.equal(api.default.bench, api.bench);
  assert.equal(api.default.describe, api.describe);
});

// The API is declared once, in perf-lens-bench.d.ts: src/core/bench/bench-api.ts takes its types from it and
// src/runner/bench/api.ts implements them (tsc checks both with the project). What the editor writes is that file.
test('the text the editor writes is the declaration file itself, and the shipped copy is the same', () => {
  assert.equal(BENCH_TYPES_SOURCE, fs.readFileSync(path.join(__dirname, '../../../src/core/bench', BENCH_TYPES_FILE), 'utf8'));
  assert.match(BENCH_TYPES_SOURCE, /^\/\/ Types of 'perf-lens\/bench'/);
  const shipped = path.join(__dirname, '../../../dist', BENCH_TYPES_FILE);
  assert.ok(fs.existsSync(shipped), `${shipped} is missing: npm run build copies it`);
  assert.equal(fs.readFileSync(shipped, 'utf8'), BENCH_TYPES_SOURCE, 'dist/ holds the current file (npm run build)');
});

test('a vitest-style benchmark file type-checks with the declarations, and not without them', () => {
  assert.deepEqual(typeErrors({ [BENCH_TYPES_FILE]: BENCH_TYPES_SOURCE, 'csv.bench.ts': HANDWRITTEN }), []);
  const without = typeErrors({ 'csv.bench.ts': HANDWRITTEN });
  assert.ok(without.some((m) => m.includes("'perf-lens/bench'")), without.join('\n'));
});

test('the scaling benchmark the quick action generates for TypeScript type-checks with them', () => {
  const source = 'export class Squares {\n  static of(xs: number[]): number[] {\n    return xs.map((x) => x * x);\n  }\n}\n';
  const bench = scalingBenchTemplate({ functionName: 'Squares.of', exportName: 'Squares.of', sourceBase: 'squares.ts', moduleKind: 'esm' });
  // Extensionless './squares', as bundlers and the harness resolve it (moduleResolution: bundler).
  const files = { 'squares.ts': source, 'Squares.of.bench.ts': bench, [BENCH_TYPES_FILE]: BENCH_TYPES_SOURCE };
  assert.deepEqual(typeErrors(files), []);
});

test("the examples' copy is the current declarations, and the example project's TypeScript bench file type-checks with them", () => {
  const examples = path.join(__dirname, '../../../examples/node-shop');
  assert.equal(fs.readFileSync(path.join(examples, 'bench', BENCH_TYPES_FILE), 'utf8'), BENCH_TYPES_SOURCE);
  const config = ts.getParsedCommandLineOfConfigFile(path.join(examples, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(String(d.messageText)) })!;
  assert.ok(config.fileNames.some((f) => f.endsWith('bench/revenue.bench.ts')), 'the tsconfig includes the bench folder');
  const program = ts.createProgram(config.fileNames, { ...config.options, noEmit: true });
  // The example sources import ORMs that are not installed (they are lint examples): only the bench folder is checked.
  const inBench = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName.includes('/node-shop/bench/'));
  assert.deepEqual(inBench.map((d) => `${d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`), []);
  assert.ok(program.getSourceFile(path.join(examples, 'bench', 'revenue.bench.ts')), 'revenue.bench.ts was checked');
});
