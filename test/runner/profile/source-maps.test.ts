// The parent's pass over the user's own build: dist/*.js built by the real `tsc` with linked and inline
// source maps, profiled through the real harness, and applySourceMaps on its own for the cases that
// must leave a script alone.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applySourceMaps, sourceMappingUrlOf } from '../../../src/runner/profile/source-maps';
import type { CpuProfile, ProfileNode } from '../../../src/core/profile/model';
// profileFunction / profileScript through the helpers: every profile produced is checked for the hot-spot invariants.
import { buildHarness, profileFunction } from './helpers';

const ROOT = path.join(__dirname, '..', '..', '..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

const HOT_TS = [
  'export interface Options {',
  '  factor: number;',
  '}',
  '',
  'export enum Mode {',
  '  Fast,',
  '  Exact,',
  '}',
  '',
  'export function hot(n: number, o: Options = { factor: 2 }): number {',
  '  let s = 0;',
  '  for (let i = 0; i < n; i++) s += Math.sqrt(i) * o.factor + Mode.Exact;',
  '  return s;',
  '}',
  '',
].join('\n');

const INDEX_TS = ["export { hot } from './hot';", "export { Mode } from './hot';", ''].join('\n');

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, needle);
  return i + 1;
}

function writeTree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-maps-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function tsconfig(extra: Record<string, unknown>): string {
  return JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', rootDir: 'src', outDir: 'dist', strict: true, ...extra } });
}

const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
const urlOf = (file: string) => pathToFileURL(file).href;

function hotNodes(profile: CpuProfile, url: string): ProfileNode[] {
  return profile.nodes.filter((n) => n.callFrame.url === url && n.callFrame.functionName === 'hot');
}

describe('sourceMappingUrlOf', () => {
  test('the last comment on a line of its own, in both comment styles', () => {
    assert.equal(sourceMappingUrlOf('x();\n//# sourceMappingURL=a.js.map\n'), 'a.js.map');
    assert.equal(sourceMappingUrlOf('x();\n//# sourceMappingURL=a.js.map\ny();\n//# sourceMappingURL=b.js.map'), 'b.js.map');
    assert.equal(sourceMappingUrlOf('x();\n/*# sourceMappingURL=c.css.map */\n'), 'c.css.map');
    assert.equal(sourceMappingUrlOf('x();\n//@ sourceMappingURL=old.map\n'), 'old.map');
    assert.equal(sourceMappingUrlOf('//# sourceMappingURL=data:application/json;base64,e30=\n'), 'data:application/json;base64,e30=');
  });

  test('the text inside code, or none at all: nothing', () => {
    assert.equal(sourceMappingUrlOf('const s = "//# sourceMappingURL=fake.map";\n'), undefined);
    assert.equal(sourceMappingUrlOf('x(); //# sourceMappingURL=inline-after-code.map\n'), undefined);
    assert.equal(sourceMappingUrlOf('x();\n'), undefined);
  });

  test('a long script: the comment after a huge inline map is found', () => {
    const big = `${'x();\n'.repeat(5000)}//# sourceMappingURL=data:application/json;base64,${'A'.repeat(100_000)}\n`;
    assert.equal(sourceMappingUrlOf(big)?.length, 'data:application/json;base64,'.length + 100_000);
  });
});

describe('the user build with source maps, profiled', () => {
  let harness: string;
  let harnessDir: string;
  const dirs: string[] = [];
  before(() => {
    ({ harness, dir: harnessDir } = buildHarness());
  });
  after(() => {
    fs.rmSync(harnessDir, { recursive: true, force: true });
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  for (const [kind, options] of [
    ['linked .map files', { sourceMap: true }],
    ['inline data: URLs', { inlineSourceMap: true }],
  ] as const) {
    test(`tsc output with ${kind}: frames and ticks on src/*.ts`, async () => {
      const dir = writeTree({ 'tsconfig.json': tsconfig(options), 'src/hot.ts': HOT_TS, 'src/index.ts': INDEX_TS });
      dirs.push(dir);
      execFileSync(process.execPath, [TSC, '-p', dir]);
      assert.equal(fs.existsSync(path.join(dir, 'dist/hot.js.map')), kind === 'linked .map files');
      const outFile = path.join(dir, 'hot.cpuprofile');
      await profileFunction({ module: 'dist/index.js', exportName: 'hot', args: [20_000], cwd: dir, harnessPath: harness, durationMs: 300, warmupMs: 50, outFile });
      const profile = read(outFile);
      const hot = hotNodes(profile, urlOf(path.join(dir, 'src/hot.ts')));
      assert.ok(hot.length > 0, 'hot() is in src/hot.ts');
      assert.equal(hotNodes(profile, urlOf(path.join(dir, 'dist/hot.js'))).length, 0, 'no frame is left in dist/hot.js');
      for (const n of hot) assert.equal(n.callFrame.lineNumber, lineOf(HOT_TS, 'export function hot(') - 1);
      const ticks = new Map<number, number>();
      for (const n of hot) for (const t of n.positionTicks ?? []) ticks.set(t.line, (ticks.get(t.line) ?? 0) + t.ticks);
      const top = [...ticks.entries()].sort((a, b) => b[1] - a[1])[0];
      assert.equal(top[0], lineOf(HOT_TS, 'for (let i = 0'));
    });
  }
});

describe('applySourceMaps leaves alone what it cannot map', () => {
  let dir: string;
  before(() => {
    dir = writeTree({ 'tsconfig.json': tsconfig({ sourceMap: true }), 'src/hot.ts': HOT_TS, 'src/index.ts': INDEX_TS });
    execFileSync(process.execPath, [TSC, '-p', dir]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A profile by hand with one frame per script, at the generated `hot(` line of dist/hot.js. */
  function profileWith(urls: string[]): CpuProfile {
    const js = fs.readFileSync(path.join(dir, 'dist/hot.js'), 'utf8');
    const line = lineOf(js, 'function hot(') - 1;
    const nodes: ProfileNode[] = [
      { id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, children: urls.map((_, i) => i + 2) },
      ...urls.map((url, i) => ({ id: i + 2, callFrame: { functionName: 'hot', scriptId: String(i + 10), url, lineNumber: line, columnNumber: 12 }, hitCount: 1, positionTicks: [{ line: line + 3, ticks: 1 }] })),
    ];
    return { nodes, startTime: 0, endTime: urls.length * 1000, samples: urls.map((_, i) => i + 2), timeDeltas: urls.map(() => 1000) };
  }

  function copyDist(to: string, mapText?: string): string {
    const target = path.join(dir, to);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(dir, 'dist/hot.js'), target);
    if (mapText !== undefined) fs.writeFileSync(`${target}.map`, mapText);
    return urlOf(target);
  }

  test('a good map next to broken, missing-source, node_modules and skipped ones: only the good one moves', async () => {
    const good = urlOf(path.join(dir, 'dist/hot.js'));
    const broken = copyDist('broken/hot.js', '{ this is not json');
    const noMapFile = copyDist('nomap/hot.js');
    const elsewhere = copyDist('elsewhere/hot.js', fs.readFileSync(path.join(dir, 'dist/hot.js.map'), 'utf8').replace('../src/hot.ts', '../gone/hot.ts'));
    const inModules = copyDist('node_modules/pkg/hot.js', fs.readFileSync(path.join(dir, 'dist/hot.js.map'), 'utf8').replace('../src/hot.ts', '../../src/hot.ts'));
    const skipped = copyDist('skipped/hot.js', fs.readFileSync(path.join(dir, 'dist/hot.js.map'), 'utf8').replace('../src/hot.ts', '../src/hot.ts'));
    const file = path.join(dir, 'p.cpuprofile');
    const profile = profileWith([good, broken, noMapFile, elsewhere, inModules, skipped, 'node:fs', 'file:///no/such/file.js']);
    fs.writeFileSync(file, JSON.stringify(profile));
    assert.equal(await applySourceMaps(file, { skip: (u) => u === skipped }), true);
    const after = read(file);
    assert.equal(after.nodes[1].callFrame.url, urlOf(path.join(dir, 'src/hot.ts')));
    assert.equal(after.nodes[1].callFrame.lineNumber, lineOf(HOT_TS, 'export function hot(') - 1);
    for (let i = 2; i < profile.nodes.length; i++) assert.deepEqual(after.nodes[i], profile.nodes[i], profile.nodes[i].callFrame.url);
    assert.deepEqual(after.samples, profile.samples);
  });

  test('nothing to map: the file is not rewritten', async () => {
    const file = path.join(dir, 'q.cpuprofile');
    const text = JSON.stringify(profileWith(['node:fs', copyDist('plain/hot.js')]));
    fs.writeFileSync(file, text);
    assert.equal(await applySourceMaps(file), false);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
  });

  test('a file that is not a profile, or not there: false, never a throw', async () => {
    const file = path.join(dir, 'bad.cpuprofile');
    fs.writeFileSync(file, '{"nodes": 3}');
    assert.equal(await applySourceMaps(file), false);
    assert.equal(await applySourceMaps(path.join(dir, 'missing.cpuprofile')), false);
    fs.writeFileSync(file, 'not json');
    assert.equal(await applySourceMaps(file), false);
  });
});
