// perf-lens profile on TypeScript through the real CLI bundle: .ts and .mts run on the fly, and a
// project's own tsc build with source maps; hot spots are always reported on the .ts lines.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, makeTree, runCli } from './cli-harness';

const HOT_TS = [
  'interface Sample {', // 1
  '  weight: number;', // 2
  '}', // 3
  '', // 4
  'enum Level {', // 5
  '  Low = 1,', // 6
  '  High = 3,', // 7
  '}', // 8
  '', // 9
  'export class Meter {', // 10
  '  private readonly samples: Sample[] = [];', // 11
  '  add(weight: number): this {', // 12
  '    this.samples.push({ weight });', // 13
  '    return this;', // 14
  '  }', // 15
  '}', // 16
  '', // 17
  'export function hot(n: number): number {', // 18
  '  let s = 0;', // 19
  '  for (let i = 0; i < n; i++) s += Math.sqrt(i) * Level.High;', // 20
  '  return s;', // 21
  '}', // 22
  '',
].join('\n');

const UTIL_TS = [
  'export type Scale = number;',
  '',
  'export function crunch(n: number, scale: Scale = 2): number {', // 3
  '  let total = 0;',
  '  for (let i = 0; i < n; i++) total += Math.sqrt(i) * scale;', // 5
  '  return total;',
  '}',
  '',
].join('\n');

const MAIN_MTS = ["import { crunch } from './util.js';", '', 'export { crunch };', 'export const twice = (n: number): number => 2 * crunch(n);', ''].join('\n');

const TSCONFIG = JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', rootDir: 'src', outDir: 'dist', sourceMap: true, strict: true } });

interface Out {
  profile: string;
  hotspots: { functionName: string; file: string; line: number }[];
  hotLines: { file: string; line: number }[];
}

describe('perf-lens profile with TypeScript', () => {
  let dir: string;
  before(() => {
    dir = makeTree({
      'x.ts': HOT_TS,
      'esm/util.ts': UTIL_TS,
      'esm/main.mts': MAIN_MTS,
      'project/tsconfig.json': TSCONFIG,
      'project/src/hot.ts': HOT_TS,
      'project/src/index.ts': "export { hot } from './hot';\n",
      // A library imported by its own name from its benchmarks, mapped by tsconfig paths (baseUrl, extends).
      'lib/package.json': '{ "name": "my-lib", "main": "dist/index.js" }',
      'lib/src/hot.ts': HOT_TS,
      'lib/src/index.ts': "export { hot } from './hot';\n",
      'lib/bench/tsconfig.base.json': '{\n  "compilerOptions": {\n    "baseUrl": ".",\n    // as the library sees itself\n    "paths": { "my-lib": ["../src"], "my-lib/*": ["../src/*"], },\n  },\n}\n',
      'lib/bench/tsconfig.json': '{ "extends": "./tsconfig.base.json" }',
      'lib/bench/run.ts': "import { hot } from 'my-lib';\nexport const run = (n: number): number => hot(n);\n",
      'lib/bench/run.mts': "import { hot } from 'my-lib/hot';\nexport const run = (n: number): number => hot(n);\n",
    });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const profile = (args: string[]): Out => {
    const r = runCli(['profile', ...args, '--duration', '400', '--format', 'json', '--my-code'], dir);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as Out;
  };

  test('x.ts (types, an interface, an enum, a class): the hot function and its line in x.ts', () => {
    const out = profile(['x.ts', '--function', 'hot', '--args', '[30000]']);
    assert.equal(out.hotspots[0].functionName, 'hot');
    assert.equal(out.hotspots[0].file, path.join(dir, 'x.ts'));
    assert.equal(out.hotspots[0].line, 18);
    assert.equal(out.hotLines[0].file, path.join(dir, 'x.ts'));
    assert.equal(out.hotLines[0].line, 20);
    // The saved profile itself names x.ts, 0-based, as DevTools and VS Code read it.
    const saved = JSON.parse(fs.readFileSync(out.profile, 'utf8')) as { nodes: { callFrame: { functionName: string; url: string; lineNumber: number } }[] };
    const frames = saved.nodes.filter((n) => n.callFrame.functionName === 'hot').map((n) => [n.callFrame.url.endsWith('/x.ts'), n.callFrame.lineNumber]);
    assert.ok(frames.length > 0);
    for (const f of frames) assert.deepEqual(f, [true, 17]);
  });

  test('text output names x.ts:18 for hot()', () => {
    const r = runCli(['profile', 'x.ts', '--function', 'hot', '--args', '[30000]', '--duration', '300', '--my-code'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /  hot  x\.ts:18:\d+\n/);
    assert.match(r.stdout, /  x\.ts:20\n/);
  });

  test("an .mts module importing './util.js', which exists only as util.ts", () => {
    const out = profile(['esm/main.mts', '--function', 'crunch', '--args', '[30000]']);
    assert.equal(out.hotspots[0].functionName, 'crunch');
    assert.equal(out.hotspots[0].file, path.join(dir, 'esm/util.ts'));
    assert.equal(out.hotspots[0].line, 3);
    assert.equal(out.hotLines[0].line, 5);
  });

  for (const file of ['lib/bench/run.ts', 'lib/bench/run.mts']) {
    test(`${file} importing the library by its name, mapped by tsconfig paths: the hot spot in lib/src/hot.ts`, () => {
      const out = profile([file, '--function', 'run', '--args', '[30000]']);
      // hot() may be inlined into run() on some runs: its lines are still in lib/src/hot.ts.
      const libFile = path.join(dir, 'lib/src/hot.ts');
      assert.ok(out.hotLines.some((l) => l.file === libFile && l.line === 20), JSON.stringify(out.hotLines));
      const hot = out.hotspots.find((h) => h.functionName === 'hot');
      if (hot) assert.deepEqual([hot.file, hot.line], [libFile, 18]);
    });
  }

  test("a project's own tsc build (dist/*.js + .map): hot spots at src/*.ts", () => {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(dir, 'project')]);
    assert.ok(fs.existsSync(path.join(dir, 'project/dist/hot.js.map')));
    const out = profile(['project/dist/index.js', '--function', 'hot', '--args', '[30000]']);
    assert.equal(out.hotspots[0].functionName, 'hot');
    assert.equal(out.hotspots[0].file, path.join(dir, 'project/src/hot.ts'));
    assert.equal(out.hotspots[0].line, 18);
    assert.equal(out.hotLines[0].file, path.join(dir, 'project/src/hot.ts'));
    assert.equal(out.hotLines[0].line, 20);
    assert.ok(!out.hotspots.some((h) => h.file.includes(`${path.sep}dist${path.sep}`)), JSON.stringify(out.hotspots));
  });
});
