// remapProfile: call frames and position ticks moved to the original sources, on maps from tsc and esbuild.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import * as esbuild from 'esbuild';
import type { CpuProfile, ProfileNode } from '../../../src/core/profile/model';
import { parseSourceMap } from '../../../src/core/profile/source-map';
import { type ScriptSourceMap, remapProfile } from '../../../src/core/profile/remap';
import { computeHotspots } from '../../../src/core/profile/hotspots';

const HOT_TS = [
  'interface Point { x: number; y: number }', // 1 (1-based)
  'enum Color { Red, Green }', // 2
  'export class Shape {', // 3
  '  constructor(private readonly p: Point) {}', // 4
  '  area(): number { return this.p.x * this.p.y; }', // 5
  '}', // 6
  'export function hot(n: number): number {', // 7
  '  let s = 0;', // 8
  '  for (let i = 0; i < n; i++) s += i * i;', // 9
  '  return s + Color.Green;', // 10
  '}', // 11
  '',
].join('\n');

/** 1-based line of the first occurrence of `needle`. */
const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;
const colOf = (text: string, needle: string): number => {
  const at = text.indexOf(needle);
  return at - (text.lastIndexOf('\n', at) + 1);
};

function profileOf(nodes: Omit<ProfileNode, 'id'>[]): CpuProfile {
  const all: ProfileNode[] = [
    { id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, children: nodes.map((_, i) => i + 2) },
    ...nodes.map((n, i) => ({ ...n, id: i + 2 })),
  ];
  const samples: number[] = [];
  for (const n of all) for (let i = 0; i < (n.hitCount ?? 0); i++) samples.push(n.id);
  return { nodes: all, startTime: 0, endTime: samples.length * 1000, samples, timeDeltas: samples.map(() => 1000) };
}

describe('remapProfile with a tsc map (the generated script has the .ts file URL, as the harness runs it)', () => {
  const url = 'file:///w/src/hot.ts';
  const out = ts.transpileModule(HOT_TS, { compilerOptions: { sourceMap: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS }, fileName: '/w/src/hot.ts' });
  const js = out.outputText;
  const maps: Record<string, ScriptSourceMap> = { [url]: { map: parseSourceMap(out.sourceMapText!), sourceUrl: (s) => new URL(s, url).href } };
  const asked: string[] = [];
  const mapFor = (u: string) => {
    asked.push(u);
    return maps[u];
  };
  const loopLine = lineOf(js, 'for (let i = 0');
  const bodyLine = lineOf(js, 's += i * i');
  const profile = profileOf([
    {
      callFrame: { functionName: 'hot', scriptId: '9', url, lineNumber: lineOf(js, 'function hot(') - 1, columnNumber: colOf(js, '(n)') },
      hitCount: 10,
      positionTicks: [
        { line: loopLine, ticks: 3 },
        { line: bodyLine, ticks: 6 },
        { line: lineOf(js, 'return s + Color'), ticks: 1 },
      ],
    },
    { callFrame: { functionName: 'area', scriptId: '9', url, lineNumber: lineOf(js, 'area() {') - 1, columnNumber: colOf(js, '() {') }, hitCount: 1, positionTicks: [{ line: 999, ticks: 1 }] },
    { callFrame: { functionName: 'readFileSync', scriptId: '3', url: 'node:fs', lineNumber: 440, columnNumber: 21 }, hitCount: 2, positionTicks: [{ line: 445, ticks: 2 }] },
    { callFrame: { functionName: '(garbage collector)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, hitCount: 1 },
  ]);
  const before = JSON.stringify(profile);
  const remapped = remapProfile(profile, mapFor);

  test('the call frame moves to the "(" of the function in the .ts file (0-based)', () => {
    const hot = remapped.nodes[1];
    assert.deepEqual(hot.callFrame, { functionName: 'hot', scriptId: '9', url, lineNumber: 6, columnNumber: 19 });
    assert.deepEqual(remapped.nodes[2].callFrame, { functionName: 'area', scriptId: '9', url, lineNumber: 4, columnNumber: 6 });
  });

  test('ticks on the two lines tsc made of one loop are merged on that line (1-based)', () => {
    assert.deepEqual(remapped.nodes[1].positionTicks, [
      { line: 9, ticks: 9 },
      { line: 10, ticks: 1 },
    ]);
  });

  test('scripts without a map stay as they are; a ticked line past the end of the script is dropped; maps are asked once per URL', () => {
    // Line 999 is not a line of the generated script: V8 inlined another script's function there and
    // kept that script's line number. No file can be named for it.
    assert.deepEqual(remapped.nodes[2].positionTicks, []);
    assert.deepEqual(remapped.nodes[3], profile.nodes[3]);
    assert.deepEqual(remapped.nodes[4], profile.nodes[4]);
    assert.deepEqual(asked.sort(), ['file:///w/src/hot.ts', 'node:fs']);
  });

  test('the input is not changed; samples and times are the same', () => {
    assert.equal(JSON.stringify(profile), before);
    assert.deepEqual(remapped.samples, profile.samples);
    assert.deepEqual(remapped.timeDeltas, profile.timeDeltas);
    assert.equal(remapped.startTime, profile.startTime);
  });

  test('hot spots of the remapped profile name the .ts lines', () => {
    const report = computeHotspots(remapped);
    assert.equal(report.hotspots[0].functionName, 'hot');
    assert.equal(report.hotspots[0].file, '/w/src/hot.ts');
    assert.equal(report.hotspots[0].line, 7);
    assert.deepEqual(report.hotLines[0].line, 9);
  });

  test('a mapFor that throws leaves that script unmapped', () => {
    const r = remapProfile(profile, () => {
      throw new Error('unreadable');
    });
    assert.deepEqual(r.nodes, profile.nodes);
  });
});

describe('remapProfile with an esbuild bundle: ticks of an inlined function of another module', () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-remap-')));
  const util = ['export function square(x: number): number {', '  const y = x * x;', '  return y;', '}', ''].join('\n');
  const main = [
    "import { square } from './util';",
    '',
    'export function sumOfSquares(n: number): number {',
    '  let total = 0;',
    '  for (let i = 0; i < n; i++) total += square(i);',
    '  return total;',
    '}',
    '',
  ].join('\n');
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src/util.ts'), util);
  fs.writeFileSync(path.join(dir, 'src/main.ts'), main);
  const r = esbuild.buildSync({
    entryPoints: [path.join(dir, 'src/main.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    sourcemap: 'external',
    outfile: path.join(dir, 'dist/main.js'),
    write: false,
    logLevel: 'error',
  });
  const js = r.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const mapText = r.outputFiles.find((f) => f.path.endsWith('.map'))!.text;
  const bundleUrl = `file://${dir}/dist/main.js`;
  const mapUrl = `${bundleUrl}.map`;
  const map = { map: parseSourceMap(mapText), sourceUrl: (s: string) => new URL(s, mapUrl).href };
  const profile = profileOf([
    {
      callFrame: { functionName: 'sumOfSquares', scriptId: '5', url: bundleUrl, lineNumber: lineOf(js, 'function sumOfSquares(') - 1, columnNumber: colOf(js, '(n)') },
      hitCount: 10,
      positionTicks: [
        { line: lineOf(js, 'total += square(i)'), ticks: 2 },
        // V8 inlined square(): its lines are ticks of the caller's node.
        { line: lineOf(js, 'const y = x * x'), ticks: 7 },
        { line: lineOf(js, 'return y'), ticks: 1 },
      ],
    },
  ]);
  const remapped = remapProfile(profile, (u) => (u === bundleUrl ? map : undefined));

  test('the frame goes to main.ts, where the function starts', () => {
    const cf = remapped.nodes[1].callFrame;
    assert.equal(cf.url, `file://${dir}/src/main.ts`);
    assert.equal(cf.lineNumber, 2);
  });

  test('ticks in util.ts carry their own url; ticks in main.ts do not', () => {
    assert.deepEqual(remapped.nodes[1].positionTicks, [
      { line: 5, ticks: 2 },
      { line: 2, ticks: 7, url: `file://${dir}/src/util.ts` },
      { line: 3, ticks: 1, url: `file://${dir}/src/util.ts` },
    ]);
  });

  test('hot lines are in util.ts; with the source at hand the inlined time goes back to square()', () => {
    const report = computeHotspots(remapped);
    assert.deepEqual(report.hotLines.map((l) => [path.relative(dir, l.file), l.line]), [
      ['src/util.ts', 2],
      ['src/main.ts', 5],
      ['src/util.ts', 3],
    ]);
    // The runner's lookup reads the sources; here it is given by hand: square() spans util.ts 1-4.
    const enclosing = (u: string, line: number) =>
      u.endsWith('/util.ts') && line >= 1 && line <= 4 ? { name: 'square', line: 1, column: 17 } : u.endsWith('/main.ts') && line >= 3 && line <= 7 ? { name: 'sumOfSquares', line: 3, column: 17 } : undefined;
    const corrected = computeHotspots(remapped, { enclosingFunction: enclosing });
    assert.equal(corrected.hotspots[0].functionName, 'square');
    assert.equal(corrected.hotspots[0].file, path.join(dir, 'src/util.ts'));
    assert.equal(corrected.hotspots[0].selfPercent, 80);
    assert.equal(corrected.hotspots[1].functionName, 'sumOfSquares');
    assert.equal(corrected.hotspots[1].selfPercent, 20);
  });
});

describe('remapProfile with an ignoreList', () => {
  // One minified line: vendor/lib.js (ignore-listed) from column 0, src/app.ts from column 10 (its line 3, 1-based).
  const url = 'file:///w/dist/app.js';
  const mapJson = { version: 3, sources: ['../vendor/lib.js', '../src/app.ts'], names: [], mappings: 'AAKA,UCHI', ignoreList: [0] };
  const profile = profileOf([{ callFrame: { functionName: 'run', scriptId: '3', url, lineNumber: 0, columnNumber: 12 }, hitCount: 4, positionTicks: [{ line: 1, ticks: 4 }] }]);

  test('a ticked line that holds user code and ignore-listed code is the user code\'s line', () => {
    const remapped = remapProfile(profile, () => ({ map: parseSourceMap(mapJson), sourceUrl: (s) => new URL(s, url).href }));
    const run = remapped.nodes[1];
    assert.deepEqual(run.callFrame, { functionName: 'run', scriptId: '3', url: 'file:///w/src/app.ts', lineNumber: 2, columnNumber: 4 });
    assert.deepEqual(run.positionTicks, [{ line: 3, ticks: 4 }]);
    // Without the list the line's first segment wins: the time would be vendor/lib.js's.
    const { ignoreList: _, ...plain } = mapJson;
    const unlisted = remapProfile(profile, () => ({ map: parseSourceMap(plain), sourceUrl: (s) => new URL(s, url).href }));
    assert.deepEqual(unlisted.nodes[1].positionTicks, [{ line: 6, ticks: 4, url: 'file:///w/vendor/lib.js' }]);
  });
});
