// profileTestFile with the project's own runner (node:test, vitest) as real processes, and the runner detection.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProfileOptionsError, ProfileTargetError } from '../../../src/runner/profile/run-profile';
import { detectTestRunner, profileTestFile, testCommand } from '../../../src/runner/profile/test-runner';
import { readProfile } from './helpers';
import { FIB, ROOT, buildPreload, processTempDirs, writeProject } from './process-tree-helpers';

const NODE_TEST = `const { test } = require('node:test');
const assert = require('node:assert');
${FIB}
function slowSum() { let s = 0; for (let i = 0; i < 40; i++) s += fib(22); return s; }
test('sums', () => { assert.ok(slowSum() > 0); });
`;

const VITEST = `import { test, expect } from 'vitest';
${FIB}
function slowSum() { let s = 0; for (let i = 0; i < 40; i++) s += fib(22); return s; }
test('sums', () => { expect(slowSum()).toBeGreaterThan(0); });
`;

function hasSamples(file: string, fn: string, url: string): boolean {
  return readProfile(file).nodes.some((n) => n.callFrame.functionName === fn && n.callFrame.url.includes(url) && (n.hitCount ?? 0) > 0);
}

describe('profileTestFile', () => {
  let preload: string;
  let preloadDir: string;
  const dirs: string[] = [];
  const project = (files: Record<string, string | object>): string => {
    const d = writeProject(files);
    dirs.push(d);
    return d;
  };
  before(() => {
    ({ preload, dir: preloadDir } = buildPreload());
  });
  after(() => {
    fs.rmSync(preloadDir, { recursive: true, force: true });
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  test('node:test: the process that ran the test file is chosen and its function has samples', async () => {
    const tempBefore = processTempDirs();
    const dir = project({ 'package.json': { name: 'nt', scripts: { test: 'node --test' } }, 'test/sum.test.js': NODE_TEST });
    const outFile = path.join(dir, 'sum.cpuprofile');
    const r = await profileTestFile({ file: 'test/sum.test.js', cwd: dir, outFile, preloadPath: preload });
    assert.equal(r.runner.id, 'node:test');
    assert.equal(r.runner.reason, 'the test script runs node --test');
    assert.equal(r.partial, false);
    // node --test runs the file in a child process; its own process has no inspector (Node 20), so only the child is profiled.
    assert.ok(r.processes.length >= 1, JSON.stringify(r.processes));
    assert.equal(r.processes[0].ranPreferredFile, true);
    assert.match(r.processes[0].command, /sum\.test\.js$/);
    assert.ok(hasSamples(outFile, 'fib', 'sum.test.js'), 'fib of the test file has samples');
    assert.deepEqual(processTempDirs().filter((d) => !tempBefore.includes(d)), []);
  });

  test('a test file whose name has spaces, quotes and ; runs as one argument', async () => {
    const name = 'we ird "q" ;touch pwned; $(touch pwned2).test.js';
    const dir = project({ 'package.json': { name: 'nt2' }, [name]: NODE_TEST });
    const r = await profileTestFile({ file: name, cwd: dir, outFile: path.join(dir, 'w.cpuprofile'), preloadPath: preload });
    assert.equal(r.runner.id, 'node:test');
    assert.equal(r.processes[0].ranPreferredFile, true);
    for (const f of ['pwned', 'pwned2']) assert.equal(fs.existsSync(path.join(dir, f)), false);
  });

  test('a failing test file: the exit code and the tail of the runner output', async () => {
    const dir = project({
      'package.json': { name: 'nt3' },
      'bad.test.js': "const { test } = require('node:test');\ntest('breaks', () => { throw new Error('the fixture test fails on purpose'); });\n",
    });
    await assert.rejects(profileTestFile({ file: 'bad.test.js', cwd: dir, outFile: path.join(dir, 'bad.cpuprofile'), preloadPath: preload }), (e: unknown) => {
      assert.ok(e instanceof ProfileTargetError);
      assert.equal(e.message, 'the test run (node:test) exited with code 1');
      assert.equal(e.exitCode, 1);
      assert.match(e.stderrTail, /the fixture test fails on purpose/);
      return true;
    });
  });

  test('vitest (installed in this repo): the test code runs in a forked process, which is chosen', async () => {
    const dir = project({ 'package.json': { name: 'vt', type: 'module', devDependencies: { vitest: '4.1.12' } }, 'src/sum.test.js': VITEST });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const outFile = path.join(dir, 'vt.cpuprofile');
    const r = await profileTestFile({ file: path.join(dir, 'src', 'sum.test.js'), cwd: ROOT, outFile, preloadPath: preload });
    assert.equal(r.runner.id, 'vitest');
    assert.equal(r.runner.reason, 'vitest is in package.json');
    assert.ok(r.processes.length >= 2, JSON.stringify(r.processes));
    const chosen = r.processes[0];
    assert.equal(chosen.ranPreferredFile, true);
    assert.match(chosen.command, /forks/);
    // The vitest main process (which only transforms the file) is listed, not chosen.
    assert.ok(r.processes.slice(1).some((p) => /vitest\.mjs run /.test(p.command) && p.ranPreferredFile === false));
    assert.ok(hasSamples(outFile, 'fib', 'sum.test.js'), 'fib of the test file has samples');
  });

  test('vitest on a TypeScript file: the profile is on the .ts lines, through the inline map vitest compiled it with', async () => {
    const dir = project({
      'package.json': { name: 'vt-ts', type: 'module', devDependencies: { vitest: '4.1.12' } },
      'area.test.ts': [
        "import { test, expect } from 'vitest';",
        '',
        'interface Shape {',
        '  w: number;',
        '  h: number;',
        '}',
        '',
        '// types and comments are gone from the JavaScript vitest runs, so its lines differ from these',
        'type Pair = [number, number];',
        '',
        'function area(s: Shape): number {',
        '  let t = 0;',
        '  for (let i = 0; i < 200000; i++) t += Math.sqrt(s.w * s.h * i);',
        '  return t;',
        '}',
        '',
        "test('area', () => {",
        '  const end = Date.now() + 400;',
        '  let x = 0;',
        '  while (Date.now() < end) x += area({ w: 2, h: 3 });',
        '  expect(x).toBeGreaterThan(0);',
        '});',
        '',
      ].join('\n'),
    });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const outFile = path.join(dir, 'area.cpuprofile');
    await profileTestFile({ file: 'area.test.ts', cwd: dir, outFile, preloadPath: preload });
    const nodes = (JSON.parse(fs.readFileSync(outFile, 'utf8')) as { nodes: { callFrame: { functionName: string; url: string; lineNumber: number }; positionTicks?: { line: number; ticks: number }[] }[] }).nodes;
    const areaNodes = nodes.filter((n) => n.callFrame.functionName === 'area' && n.callFrame.url.endsWith('area.test.ts'));
    assert.ok(areaNodes.length > 0, 'area is in the profile');
    for (const n of areaNodes) assert.equal(n.callFrame.lineNumber, 10, 'area() starts on line 11 of the .ts file (0-based 10)');
    const ticked = areaNodes.flatMap((n) => n.positionTicks ?? []);
    assert.ok(ticked.length > 0);
    const hottest = ticked.reduce((a, b) => (b.ticks > a.ticks ? b : a));
    assert.equal(hottest.line, 13, `the loop on line 13 is the hot line: ${JSON.stringify(ticked)}`);
  });

  test('mocha (installed in this repo): the file runs in the mocha process; a failing one reports mocha\'s output', async () => {
    const dir = project({
      'package.json': { name: 'mo', scripts: { test: 'mocha' }, devDependencies: { mocha: '12.0.3' } },
      'test/sum.spec.js': `const assert = require('node:assert');\n${FIB}\nfunction slowSum() { let s = 0; for (let i = 0; i < 40; i++) s += fib(22); return s; }\ndescribe('sum', () => { it('sums', () => { assert.ok(slowSum() > 0); }); });\n`,
      'test/bad.spec.js': "describe('bad', () => { it('breaks', () => { throw new Error('mocha fixture fails on purpose'); }); });\n",
    });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const outFile = path.join(dir, 'mocha.cpuprofile');
    const r = await profileTestFile({ file: 'test/sum.spec.js', cwd: dir, outFile, preloadPath: preload });
    assert.equal(r.runner.id, 'mocha');
    assert.equal(r.processes[0].ranPreferredFile, true);
    assert.match(r.processes[0].command, /mocha/);
    assert.ok(hasSamples(outFile, 'fib', 'sum.spec.js'), 'fib of the spec has samples');
    await assert.rejects(profileTestFile({ file: 'test/bad.spec.js', cwd: dir, outFile: path.join(dir, 'bad.cpuprofile'), preloadPath: preload }), (e: unknown) => {
      assert.ok(e instanceof ProfileTargetError);
      assert.match(e.message, /^the test run \(mocha\) exited with code [1-9]\d*$/);
      assert.match(e.stderrTail, /mocha fixture fails on purpose/);
      return true;
    });
  });

  test('a runner in package.json but not installed: one sentence', async () => {
    const dir = project({ 'package.json': { name: 'm', devDependencies: { mocha: '12.0.3' } }, 'a.test.js': '' });
    await assert.rejects(profileTestFile({ file: 'a.test.js', cwd: dir, outFile: path.join(dir, 'a.cpuprofile'), preloadPath: preload }), (e: unknown) => {
      assert.ok(e instanceof ProfileOptionsError);
      assert.equal(e.message, `the project uses mocha (mocha is in package.json) but it is not installed in ${dir}/node_modules: run npm install first`);
      return true;
    });
  });

  test('a missing test file is refused before anything starts', async () => {
    const dir = project({ 'package.json': { name: 'x' } });
    await assert.rejects(profileTestFile({ file: 'nope.test.js', cwd: dir, outFile: path.join(dir, 'n.cpuprofile'), preloadPath: preload }), /^ProfileOptionsError: the test file does not exist: .*nope\.test\.js$/);
  });

  test('detectTestRunner: the test script first, then dependencies, else node:test', () => {
    const cases: [object, string, string][] = [
      [{ scripts: { test: 'vitest run' }, devDependencies: { jest: '1', vitest: '1' } }, 'vitest', 'the test script runs vitest'],
      [{ scripts: { test: 'NODE_ENV=test jest --coverage' }, devDependencies: { jest: '1', mocha: '1' } }, 'jest', 'the test script runs jest'],
      [{ scripts: { test: 'node_modules/.bin/mocha' } }, 'mocha', 'the test script runs mocha'],
      [{ scripts: { test: 'node --import tsx --test test/*.test.ts' }, devDependencies: { mocha: '1' } }, 'node:test', 'the test script runs node --test'],
      [{ scripts: { test: 'echo none' }, devDependencies: { jest: '30.0.0' } }, 'jest', 'jest is in package.json'],
      [{ dependencies: { mocha: '1' } }, 'mocha', 'mocha is in package.json'],
      [{ scripts: { test: 'vitest-like-tool' } }, 'node:test', 'no test runner in package.json: node’s built-in one'],
      [{}, 'node:test', 'no test runner in package.json: node’s built-in one'],
    ];
    for (const [pkg, id, reason] of cases) {
      const d = project({ 'package.json': pkg });
      const r = detectTestRunner(d);
      assert.deepEqual([r.id, r.reason], [id, reason], JSON.stringify(pkg));
    }
  });

  test('testCommand: the runner options that keep the test code in a profiled main thread', () => {
    const dir = project({ 'package.json': { devDependencies: { vitest: '4.1.12' } } });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const vitest = testCommand(detectTestRunner(dir), '/p/a.test.ts');
    assert.deepEqual(vitest.slice(1), ['run', '/p/a.test.ts', '--pool=forks']);
    assert.match(vitest[0], /node_modules[\\/]vitest[\\/]vitest\.mjs$/);
    // tsx is installed here too: a TypeScript file under node:test gets it.
    assert.deepEqual(testCommand({ id: 'node:test', projectDir: dir, reason: '' }, '/p/a.test.ts'), ['--import', 'tsx', '--test', '/p/a.test.ts']);
    assert.deepEqual(testCommand({ id: 'node:test', projectDir: dir, reason: '' }, '/p/a.test.js'), ['--test', '/p/a.test.js']);
  });
});
