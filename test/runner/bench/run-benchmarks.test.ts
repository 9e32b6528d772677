// Discovery of benchmark files and the run over several processes, with real processes.
import { test, describe, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { BenchOptionsError, discoverBenchFiles, runBenchmarks } from '../../../src/runner/bench/run-benchmarks';
import { QUICK, buildBenchBundles, makeTree } from './helpers';

describe('runBenchmarks', () => {
  let harness: string;
  let dir: string;
  before(() => {
    harness = path.join(buildBenchBundles(), 'bench-harness.js');
    dir = makeTree({
      'a.bench.cjs': "const { bench } = require('vitest');\nbench('one', () => 1 + 1);\nbench('two', () => [1, 2].join());\n",
      'sub/b.bench.mjs': "import { bench } from 'vitest';\nbench('three', () => 'abc'.toUpperCase());\n",
      'sub/broken.bench.mjs': "import { bench } from 'vitest';\nbench('bad', () => { throw new TypeError('nope'); });\n",
      'node_modules/dep/x.bench.js': "throw new Error('must not be found');\n",
      'ignored/y.bench.js': "throw new Error('must not be found');\n",
      '.gitignore': 'ignored/\n',
      'lib/util.js': 'module.exports = 1;\n',
      'lib/util.test.js': '',
      'lib/z.bench.ex': '',
    });
  });

  test('discovery: *.bench.{js,mjs,cjs,ts,mts} outside node_modules and ignored folders, relative names with /', async () => {
    const files = await discoverBenchFiles([], dir);
    assert.deepEqual(files.map((f) => f.file), ['a.bench.cjs', 'sub/b.bench.mjs', 'sub/broken.bench.mjs']);
    assert.ok(files.every((f) => path.isAbsolute(f.absolute)));
  });

  test('a fixed number of processes: one run per process and benchmark; a failing file is reported and left out', async () => {
    const files = await discoverBenchFiles([], dir);
    const seen: string[] = [];
    const out = await runBenchmarks({ files, cwd: dir, harnessPath: harness, processes: 2, ...QUICK, onProgress: (p) => seen.push(`${p.file}#${p.process}`) });
    assert.deepEqual(out.results.map((r) => `${r.file}:${r.name}:${r.runs.length}`), ['a.bench.cjs:one:2', 'a.bench.cjs:two:2', 'sub/b.bench.mjs:three:2']);
    assert.deepEqual(out.errors.map((e) => e.message), ['sub/broken.bench.mjs: benchmark "bad" threw TypeError: nope']);
    // Rounds visit every file before the next process of any: drift hits all files alike.
    assert.deepEqual(seen, ['a.bench.cjs#1', 'sub/b.bench.mjs#1', 'sub/broken.bench.mjs#1', 'a.bench.cjs#2', 'sub/b.bench.mjs#2']);
    assert.deepEqual(out.processes, { 'a.bench.cjs': 2, 'sub/b.bench.mjs': 2, 'sub/broken.bench.mjs': 0 });
  });

  test('adaptive: starts at the minimum and never passes the cap', async () => {
    const files = (await discoverBenchFiles(['sub/b.bench.mjs'], dir));
    const out = await runBenchmarks({ files, cwd: dir, harnessPath: harness, maxProcesses: 3, ...QUICK });
    const n = out.results[0].runs.length;
    assert.ok(n === 3, `${n} processes`);
  });

  test('names: only the benchmarks named run', async () => {
    const files = await discoverBenchFiles(['a.bench.cjs'], dir);
    const out = await runBenchmarks({ files, cwd: dir, harnessPath: harness, processes: 1, names: ['two'], ...QUICK });
    assert.deepEqual(out.results.map((r) => r.name), ['two']);
  });

  test('unusable options are refused before anything runs', async () => {
    await assert.rejects(runBenchmarks({ files: [], cwd: dir, harnessPath: harness, processes: 0 }), BenchOptionsError);
    await assert.rejects(runBenchmarks({ files: [], cwd: dir, harnessPath: harness, timeMs: -1 }), BenchOptionsError);
  });
});
