// The declarations of 'perf-lens/bench' (src/core/bench/bench-types.ts) against the real API and the real
// TypeScript compiler: every member they declare exists on the object a bench file gets, and benchmark files
// that use the API (a generated scaling benchmark, a vitest-style file) type-check under `strict` with them —
// and do not without them, so the check can fail.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { BENCH_TYPES_FILE, BENCH_TYPES_SOURCE } from '../../../src/core/bench/bench-types';
import { scalingBenchTemplate } from '../../../src/core/bench/scaling-template';
import { BenchCollector } from '../../../src/runner/bench/api';

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

// The API is declared once, in src/core/bench/bench-api.ts (which src/runner/bench/api.ts implements, checked by
// tsc); the shipped text must declare the same types. Each pair is compared with the compiler's own identity
// (optional members included) and by its keys, so a member added, dropped or retyped on one side fails.
const CORE_API = fs.readFileSync(path.join(__dirname, '../../../src/core/bench/bench-api.ts'), 'utf8');
const SAME_AS_CORE = `import type * as Core from './bench-api';
import type * as Shipped from 'perf-lens/bench';
import type shippedDefault from 'perf-lens/bench';
import type { bench, describe, beforeAll, afterAll, beforeEach, afterEach } from 'perf-lens/bench';
type Equals<X, Y> = (<T>() => T extends X ? 1 : 2) extends (<T>() => T extends Y ? 1 : 2) ? true : false;
type Same<X, Y> = Equals<X, Y> extends true ? Equals<keyof X, keyof Y> : false;
export const checks: Record<string, true> = {
  BenchHook: true as Same<Core.BenchHook, Shipped.BenchHook>,
  BenchOptions: true as Equals<Core.BenchOptions, Shipped.BenchOptions>,
  BenchOptionsKeys: true as Equals<keyof Core.BenchOptions, keyof Shipped.BenchOptions>,
  BenchFunction: true as Same<Core.BenchFunction, Shipped.BenchFunction>,
  BenchApi: true as Same<Core.BenchApi, Shipped.BenchApi>,
  DescribeApi: true as Same<Core.DescribeApi, Shipped.DescribeApi>,
  SuiteHook: true as Same<Core.SuiteHook, Shipped.SuiteHook>,
  bench: true as Same<Core.BenchModule['bench'], typeof bench>,
  describe: true as Same<Core.BenchModule['describe'], typeof describe>,
  beforeAll: true as Same<Core.BenchModule['beforeAll'], typeof beforeAll>,
  afterAll: true as Same<Core.BenchModule['afterAll'], typeof afterAll>,
  beforeEach: true as Same<Core.BenchModule['beforeEach'], typeof beforeEach>,
  afterEach: true as Same<Core.BenchModule['afterEach'], typeof afterEach>,
  default: true as Same<Core.BenchModule['default'], typeof shippedDefault>,
};
`;

test('the shipped declarations declare the API core declares (bench-api.ts), type by type, checked by the compiler', () => {
  assert.deepEqual(typeErrors({ [BENCH_TYPES_FILE]: BENCH_TYPES_SOURCE, 'bench-api.ts': CORE_API, 'same.ts': SAME_AS_CORE }), []);
  // The check can fail: an option dropped from the shipped text, a hook retyped, a bench method removed.
  const drifted = [
    BENCH_TYPES_SOURCE.replace(/\n {4}\/\*\* At least this many warm-up calls\. \*\/\n {4}warmupIterations\?: number;/, ''),
    BENCH_TYPES_SOURCE.replace('export function afterEach(fn: SuiteHook): void;', 'export function afterEach(fn: SuiteHook, ms?: number): void;'),
    BENCH_TYPES_SOURCE.replace(/\n {4}todo\(name: string \| Function, fn\?: BenchFunction, options\?: BenchOptions\): void;/, ''),
  ];
  for (const text of drifted) {
    assert.notEqual(text, BENCH_TYPES_SOURCE, 'the drift was applied');
    assert.notDeepEqual(typeErrors({ [BENCH_TYPES_FILE]: text, 'bench-api.ts': CORE_API, 'same.ts': SAME_AS_CORE }), []);
  }
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
