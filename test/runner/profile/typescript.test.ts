// TypeScript targets through the real harness bundle: transpiled on the fly (require hook and ESM
// hooks), and the written .cpuprofile already on the .ts lines.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProfileTargetError } from '../../../src/runner/profile/run-profile';
import type { CpuProfile, ProfileNode } from '../../../src/core/profile/model';
// profileFunction / profileScript through the helpers: every profile produced is checked for the hot-spot invariants.
import { buildHarness, profileFunction, profileScript } from './helpers';

/** 1-based line of the first line holding `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${JSON.stringify(needle)} not found`);
  return i + 1;
}

const SHAPES_TS = [
  "import type { Stats } from './types';",
  '',
  'interface Point {',
  '  x: number;',
  '  y: number;',
  '}',
  '',
  'export enum Unit {',
  '  Px = 1,',
  '  Em = 16,',
  '}',
  '',
  'type Scale = number;',
  '',
  'export class Grid {',
  '  constructor(private readonly unit: Unit, public readonly origin: Point = { x: 0, y: 0 }) {}',
  '',
  '  static of(unit: Unit): Grid {',
  '    return new Grid(unit);',
  '  }',
  '}',
  '',
  'export function hot(n: number, scale: Scale = 2): number {',
  '  let s = 0;',
  '  for (let i = 0; i < n; i++) s += Math.sqrt(i * scale) * Unit.Em;',
  '  return s;',
  '}',
  '',
  'export function stats(): Stats {',
  '  return { grid: Grid.of(Unit.Px) };',
  '}',
  '',
].join('\n');

const TYPES_TS = 'export interface Stats {\n  grid: unknown;\n}\n';

const UTIL_TS = [
  'export interface Opts {',
  '  scale: number;',
  '}',
  '',
  'export function crunch(n: number, o: Opts = { scale: 3 }): number {',
  '  let total = 0;',
  '  for (let i = 0; i < n; i++) total += Math.sqrt(i) * o.scale;',
  '  return total;',
  '}',
  '',
].join('\n');

const MAIN_MTS = [
  "import { crunch, type Opts } from './util.js';",
  '',
  'export { crunch };',
  'const opts: Opts = { scale: 2 };',
  '',
  'export function run(n: number): number {',
  '  return crunch(n, opts);',
  '}',
  '',
  'export default function quick(): number {',
  '  return 1;',
  '}',
  '',
].join('\n');

const SCRIPT_TS = [
  "import * as fs from 'node:fs';",
  "import { hot } from './shapes';",
  '',
  'const out: string = process.argv[2];',
  'let total = 0;',
  // Long enough for samples while hot() still runs as its own frame (before V8 may inline it here).
  'const end = Date.now() + 200;',
  'while (Date.now() < end) total += hot(20_000);',
  'fs.writeFileSync(out, JSON.stringify({ total, isMain: require.main === module, argv: process.argv.slice(2) }));',
  '',
].join('\n');

const SCRIPT_MTS = [
  "import * as fs from 'node:fs';",
  "import { crunch } from './util.js';",
  '',
  'let total: number = 0;',
  'const end = Date.now() + 200;',
  'while (Date.now() < end) total += crunch(20_000);',
  'await new Promise((resolve) => setTimeout(resolve, 5));',
  'fs.writeFileSync(process.argv[2], JSON.stringify({ total }));',
  '',
].join('\n');

/** A plain JavaScript target that requires a .ts file (extensionless, as TypeScript-aware code does). */
const USES_TS_CJS = "const { hot } = require('./shapes');\nexports.viaJs = (n) => hot(n);\n";

/** JSX with the classic factory the project's tsconfig names (`h`, defined in the module itself). */
const VIEW_TSX = [
  'type Node = { tag: string; children: unknown[] };',
  'export function h(tag: string, _props: unknown, ...children: unknown[]): Node {',
  '  return { tag, children };',
  '}',
  '',
  'export function renderList(n: number): number {',
  '  let size = 0;',
  '  for (let i = 0; i < n; i++) size += (<li>{i * 2}</li>).children.length;',
  '  return size;',
  '}',
  '',
].join('\n');

/** JSX with no tsconfig: the automatic runtime, from the project's `react/jsx-runtime`. */
const CARD_TSX = "export const card = (n: number): number => {\n  let s = 0;\n  for (let i = 0; i < n; i++) s += (<b>{i}</b>).props.children;\n  return s;\n};\n";
const CARD_JSX = "export function cardJs(n) {\n  let s = 0;\n  for (let i = 0; i < n; i++) s += (<i>{i}</i>).props.children;\n  return s;\n}\n";
const JSX_RUNTIME = 'exports.jsx = exports.jsxs = (type, props) => ({ type, props });\nexports.Fragment = Symbol("Fragment");\n';

const BROKEN_TS = 'export function broken(n: number {\n  return n;\n}\n';

function writeTree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-ts-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function read(file: string): CpuProfile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
}

/** Nodes of a function in a file, with their samples. */
function nodesOf(profile: CpuProfile, file: string, functionName: string): ProfileNode[] {
  const url = pathToFileURL(file).href;
  return profile.nodes.filter((n) => n.callFrame.url === url && n.callFrame.functionName === functionName);
}

function samplesOf(profile: CpuProfile, nodes: ProfileNode[]): number {
  const ids = new Set(nodes.map((n) => n.id));
  return profile.samples.filter((s) => ids.has(s)).length;
}

/** Ticked lines (1-based) of some nodes, most ticks first. */
function tickedLines(nodes: ProfileNode[]): number[] {
  const by = new Map<number, number>();
  for (const n of nodes) for (const t of n.positionTicks ?? []) if (!t.url) by.set(t.line, (by.get(t.line) ?? 0) + t.ticks);
  return [...by.entries()].sort((a, b) => b[1] - a[1]).map(([line]) => line);
}

describe('TypeScript targets, transpiled in the profiling child', () => {
  let harness: string;
  let harnessDir: string;
  let dir: string;
  before(() => {
    ({ harness, dir: harnessDir } = buildHarness());
    dir = writeTree({
      'shapes.ts': SHAPES_TS,
      'types.ts': TYPES_TS,
      'util.ts': UTIL_TS,
      'main.mts': MAIN_MTS,
      'script.ts': SCRIPT_TS,
      'script.mts': SCRIPT_MTS,
      'uses-ts.cjs': USES_TS_CJS,
      'broken.ts': BROKEN_TS,
      'esm-pkg/package.json': '{ "type": "module" }',
      'jsx/tsconfig.json': '{ "compilerOptions": { "jsx": "react", "jsxFactory": "h" } }',
      'jsx/view.tsx': VIEW_TSX,
      'auto/card.tsx': CARD_TSX,
      'auto/card.jsx': CARD_JSX,
      'auto/node_modules/react/jsx-runtime.js': JSX_RUNTIME,
      'auto/node_modules/react/package.json': '{ "name": "react", "version": "0.0.0-test" }',
      'esm-pkg/bare.ts': "import { crunch } from '../util';\nimport { twice } from './lib';\nexport const bare = (n: number): number => twice(crunch(n));\n",
      'esm-pkg/lib/index.ts': 'export const twice = (x: number): number => 2 * x;\n',
      'esm-pkg/calc.ts': "import { crunch } from '../util.js';\nexport const calc = (n: number): number => crunch(n) + Number(import.meta.url.length > 0);\n",
    });
  });
  after(() => {
    fs.rmSync(harnessDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const base = () => ({ cwd: dir, harnessPath: harness, durationMs: 300, warmupMs: 50 });

  test('a .ts module (types, interface, enum, class): the frame and the ticks are on the .ts lines', async () => {
    const outFile = path.join(dir, 'out', 'hot.cpuprofile');
    const r = await profileFunction({ ...base(), module: 'shapes.ts', exportName: 'hot', args: [20_000], outFile });
    assert.ok(r.calls > 0);
    const profile = read(outFile);
    const hot = nodesOf(profile, path.join(dir, 'shapes.ts'), 'hot');
    assert.ok(hot.length > 0, 'a frame of hot() in shapes.ts');
    // 0-based in the call frame: the "(" of `export function hot(`, as V8 places functions.
    assert.deepEqual(
      hot.map((n) => [n.callFrame.lineNumber, n.callFrame.columnNumber]),
      hot.map(() => [lineOf(SHAPES_TS, 'export function hot(') - 1, 'export function hot'.length]),
    );
    assert.ok(samplesOf(profile, hot) > 0);
    assert.equal(tickedLines(hot)[0], lineOf(SHAPES_TS, 'for (let i = 0'));
  });

  test('an .mts module imports ./util.js, which is util.ts: both are transpiled and remapped', async () => {
    const outFile = path.join(dir, 'out', 'crunch.cpuprofile');
    await profileFunction({ ...base(), module: 'main.mts', exportName: 'crunch', args: [20_000], outFile });
    const profile = read(outFile);
    const crunch = nodesOf(profile, path.join(dir, 'util.ts'), 'crunch');
    assert.ok(samplesOf(profile, crunch) > 0, 'crunch() in util.ts has samples');
    assert.equal(crunch[0].callFrame.lineNumber, lineOf(UTIL_TS, 'export function crunch(') - 1);
    assert.equal(tickedLines(crunch)[0], lineOf(UTIL_TS, 'for (let i = 0'));
  });

  test('export default of a TypeScript module is its default function, in ESM and in CommonJS', async () => {
    const esm = await profileFunction({ ...base(), module: 'main.mts', exportName: 'default', args: [], iterations: 3, outFile: path.join(dir, 'out', 'default.cpuprofile') });
    assert.equal(esm.calls, 3);
    const dir2 = writeTree({ 'd.ts': 'export default function main(n: number): number {\n  return n * 2;\n}\nexport const other = 1;\n' });
    try {
      const cjs = await profileFunction({ ...base(), cwd: dir2, module: 'd.ts', exportName: 'default', args: [2], iterations: 3, outFile: path.join(dir2, 'd.cpuprofile') });
      assert.equal(cjs.calls, 3);
      await assert.rejects(
        profileFunction({ ...base(), cwd: dir2, module: 'd.ts', exportName: 'nope', args: [], outFile: path.join(dir2, 'e.cpuprofile') }),
        /^ProfileTargetError: d\.ts has no export named "nope" \(exports: default, other\)$/,
      );
    } finally {
      fs.rmSync(dir2, { recursive: true, force: true });
    }
  });

  test('a .ts file under "type": "module" is ESM (import.meta works) and imports ../util.js', async () => {
    const outFile = path.join(dir, 'out', 'calc.cpuprofile');
    const r = await profileFunction({ ...base(), module: 'esm-pkg/calc.ts', exportName: 'calc', args: [20_000], outFile });
    assert.ok(r.calls > 0);
    assert.ok(samplesOf(read(outFile), nodesOf(read(outFile), path.join(dir, 'util.ts'), 'crunch')) > 0);
  });

  test('a .tsx module with the tsconfig\'s JSX factory: hot spots on the .tsx lines', async () => {
    const outFile = path.join(dir, 'out', 'view.cpuprofile');
    const r = await profileFunction({ ...base(), module: 'jsx/view.tsx', exportName: 'renderList', args: [20_000], outFile });
    assert.ok(r.calls > 0);
    const profile = read(outFile);
    const render = nodesOf(profile, path.join(dir, 'jsx', 'view.tsx'), 'renderList');
    assert.ok(samplesOf(profile, render) > 0, 'renderList in view.tsx has samples');
    assert.equal(render[0].callFrame.lineNumber, lineOf(VIEW_TSX, 'export function renderList(') - 1);
    assert.equal(tickedLines(render)[0], lineOf(VIEW_TSX, 'for (let i = 0'));
  });

  test('.tsx and .jsx with no tsconfig use the automatic JSX runtime of the project (react/jsx-runtime)', async () => {
    const tsx = await profileFunction({ ...base(), module: 'auto/card.tsx', exportName: 'card', args: [100], iterations: 5, outFile: path.join(dir, 'out', 'card.cpuprofile') });
    assert.equal(tsx.calls, 5);
    const jsx = await profileFunction({ ...base(), module: 'auto/card.jsx', exportName: 'cardJs', args: [100], iterations: 5, outFile: path.join(dir, 'out', 'card-js.cpuprofile') });
    assert.equal(jsx.calls, 5);
  });

  test('ESM TypeScript with extensionless imports (bundler style): ../util is util.ts, ./lib is lib/index.ts', async () => {
    const outFile = path.join(dir, 'out', 'bare.cpuprofile');
    const r = await profileFunction({ ...base(), module: 'esm-pkg/bare.ts', exportName: 'bare', args: [20_000], outFile });
    assert.ok(r.calls > 0);
    assert.ok(samplesOf(read(outFile), nodesOf(read(outFile), path.join(dir, 'util.ts'), 'crunch')) > 0);
  });

  test('a JavaScript module that requires a .ts file: the require hook transpiles and remaps it', async () => {
    const outFile = path.join(dir, 'out', 'via-js.cpuprofile');
    await profileFunction({ ...base(), module: 'uses-ts.cjs', exportName: 'viaJs', args: [20_000], outFile });
    const profile = read(outFile);
    const hot = nodesOf(profile, path.join(dir, 'shapes.ts'), 'hot');
    assert.ok(samplesOf(profile, hot) > 0);
    assert.equal(hot[0].callFrame.lineNumber, lineOf(SHAPES_TS, 'export function hot(') - 1);
    assert.equal(tickedLines(hot)[0], lineOf(SHAPES_TS, 'for (let i = 0'));
  });

  test('a .ts script runs as the main program (require.main === module, argv) and is profiled on .ts lines', async () => {
    const report = path.join(dir, 'script-ts.json');
    const outFile = path.join(dir, 'out', 'script-ts.cpuprofile');
    await profileScript({ script: 'script.ts', argv: [report, 'two words'], cwd: dir, harnessPath: harness, outFile });
    const seen = JSON.parse(fs.readFileSync(report, 'utf8')) as { isMain: boolean; argv: string[]; total: number };
    assert.deepEqual(seen.argv, [report, 'two words']);
    assert.equal(seen.isMain, true);
    assert.ok(seen.total > 0);
    const profile = read(outFile);
    const hot = nodesOf(profile, path.join(dir, 'shapes.ts'), 'hot');
    assert.ok(hot.length > 0 && hot.every((n) => n.callFrame.lineNumber === lineOf(SHAPES_TS, 'export function hot(') - 1));
    // The script's own top level is a node of script.ts, on its first line. Its position ticks are not checked:
    // once V8 inlines hot() into the top level, it charges the inlinee's ticks to the caller's node with the
    // inlinee's line numbers (../shared/FACTS.md), so they name lines of another file (seen: hot()'s lines, the
    // enum's, and line 35, past the end of both files). Helpers the compiler emits (__importStar) map nowhere.
    const top = profile.nodes.filter((n) => n.callFrame.url === pathToFileURL(path.join(dir, 'script.ts')).href);
    assert.ok(top.some((n) => n.callFrame.functionName === '' && n.callFrame.lineNumber === 0), JSON.stringify(top.map((n) => n.callFrame)));
  });

  test('an .mts script with top-level await runs as ESM', async () => {
    const report = path.join(dir, 'script-mts.json');
    const outFile = path.join(dir, 'out', 'script-mts.cpuprofile');
    await profileScript({ script: 'script.mts', argv: [report], cwd: dir, harnessPath: harness, outFile });
    assert.ok((JSON.parse(fs.readFileSync(report, 'utf8')) as { total: number }).total > 0);
    const crunch = nodesOf(read(outFile), path.join(dir, 'util.ts'), 'crunch');
    assert.ok(crunch.length > 0 && crunch[0].callFrame.lineNumber === lineOf(UTIL_TS, 'export function crunch(') - 1);
  });

  test('a syntax error: one sentence with the file, line and column', async () => {
    await assert.rejects(
      profileFunction({ ...base(), module: 'broken.ts', exportName: 'broken', args: [], outFile: path.join(dir, 'out', 'broken.cpuprofile') }),
      (e: unknown) => {
        assert.ok(e instanceof ProfileTargetError);
        assert.equal(e.message, "could not load broken.ts: broken.ts(1,34): ',' expected.");
        return true;
      },
    );
  });

  test('without dist/profile-ts-loader.js next to the harness: one sentence saying so', async () => {
    const lonely = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-harness-only-'));
    try {
      fs.copyFileSync(harness, path.join(lonely, 'profile-harness.js'));
      await assert.rejects(
        profileFunction({ ...base(), harnessPath: path.join(lonely, 'profile-harness.js'), module: 'shapes.ts', exportName: 'hot', args: [1], outFile: path.join(dir, 'out', 'x.cpuprofile') }),
        /^ProfileTargetError: TypeScript support could not be loaded: profile-ts-loader\.js was not found next to the harness \(run the build\)$/,
      );
    } finally {
      fs.rmSync(lonely, { recursive: true, force: true });
    }
  });
});
