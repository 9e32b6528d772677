// The benchmark session (src/runner/bench/session.ts), the one pipeline behind `perf-lens bench`, the editor's
// run commands and the Benchmarks view, with real processes.
import { test, describe, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BenchOptionsError, discoverBenchFiles } from '../../../src/runner/bench/run-benchmarks';
import { newestBaseline, runBenchSession } from '../../../src/runner/bench/session';
import { baselinePath, loadBaseline } from '../../../src/runner/bench/baseline-store';
import { parseBudgets } from '../../../src/core/bench/budgets';
import { createBaseline } from '../../../src/core/bench/baseline';
import { QUICK, buildBenchBundles, makeTree } from './helpers';

const A = "const { bench } = require('vitest');\nbench('one', () => 1 + 1);\nbench('two', () => [1, 2].join());\n";
const B = "import { bench } from 'vitest';\nbench('three', () => 'abc'.toUpperCase());\n";
const BROKEN = "import { bench } from 'vitest';\nbench('bad', () => { throw new TypeError('nope'); });\n";

describe('runBenchSession', () => {
  let harness: string;
  before(() => {
    harness = path.join(buildBenchBundles(), 'bench-harness.js');
  });

  test('environment, run, summaries, budgets (a memory budget turns memory on), scaling, save; then compared with the newest baseline', async () => {
    const dir = makeTree({ 'a.bench.cjs': A, 'b.bench.mjs': B, 's.bench.cjs': "const { bench } = require('vitest');\nbench.sizes('grow', [100, 1000], (n) => () => new Array(n).fill(0));\n" });
    const files = await discoverBenchFiles([], dir);
    const order: string[] = [];
    const first = await runBenchSession(
      { files, cwd: dir, harnessPath: harness, processes: 2, ...QUICK, clock: 'cpu', budgets: parseBudgets({ grow: { mean: '1ns' }, two: { memory: '1B' }, nothing: { mean: '1s' } }), compareWith: { newest: true }, saveAs: 'first' },
      { onStart: () => order.push('start'), onProgress: () => order.push('progress') },
    );
    assert.equal(order[0], 'start');
    assert.ok(order.length > 1);
    assert.match(first.environment.runtime, /\(CPU time\)$/);
    assert.equal(first.memory, true);
    assert.deepEqual(first.results.map((r) => `${r.file}:${r.name}${r.size === undefined ? '' : `@${r.size}`}`), ['a.bench.cjs:one', 'a.bench.cjs:two', 'b.bench.mjs:three', 's.bench.cjs:grow@100', 's.bench.cjs:grow@1000']);
    assert.deepEqual(first.summaries.map((s) => s.name), first.results.map((r) => r.name));
    assert.ok(first.results.every((r) => typeof r.bytesPerOp === 'number'));
    assert.deepEqual(first.violations.map((v) => v.name).sort(), ['grow', 'grow', 'two']);
    assert.deepEqual(first.unmatchedBudgets, ['nothing']);
    assert.deepEqual(first.scaling.map((s) => s.name), ['grow']);
    assert.deepEqual([first.compared, first.comparison], [null, []]);
    assert.deepEqual(first.errors, []);
    assert.deepEqual(first.processes, { 'a.bench.cjs': 2, 'b.bench.mjs': 2, 's.bench.cjs': 2 });
    assert.deepEqual(first.saved, { name: 'first', file: baselinePath(dir, 'first') });
    const saved = await loadBaseline(dir, 'first');
    assert.equal(saved.results.length, 5);

    // One file, one benchmark: compared with the newest baseline, only that benchmark (nothing "removed" from the files left out).
    const second = await runBenchSession({ files: files.filter((f) => f.file === 'a.bench.cjs'), cwd: dir, harnessPath: harness, processes: 2, ...QUICK, clock: 'cpu', names: ['two', 'renamed'], compareWith: { newest: true } });
    assert.equal(second.memory, false);
    assert.equal(second.compared?.kind, 'baseline');
    assert.equal(second.compared?.kind === 'baseline' && second.compared.name, 'first');
    assert.deepEqual(second.compared?.baselineResults.map((r) => r.name), ['two']);
    assert.deepEqual(second.comparison.map((c) => `${c.name}:${c.method}`), ['two:processes']);
    assert.deepEqual(second.compared?.notes, []);
    assert.deepEqual([second.saved, second.notSaved], [null, null]);
  });

  test('a failing file: reported, its baseline benchmarks not compared, no baseline saved', async () => {
    const dir = makeTree({ 'a.bench.cjs': A, 'broken.bench.mjs': BROKEN });
    const files = await discoverBenchFiles([], dir);
    const environment = { runtime: 'node', nodeVersion: null, cpuModel: 'x', cpuCount: 1, os: 'y', gitCommit: null, gitDirty: null, date: '2025-01-01T00:00:00.000Z' };
    const baseline = createBaseline('old', environment, [
      { file: 'a.bench.cjs', name: 'one', runs: [{ samples: [5, 5] }, { samples: [5, 6] }] },
      { file: 'broken.bench.mjs', name: 'bad', runs: [{ samples: [5, 5] }] },
      { file: 'elsewhere.bench.js', name: 'x', runs: [{ samples: [5, 5] }] },
    ], new Date('2025-01-01T00:00:00.000Z'));
    const r = await runBenchSession({ files, cwd: dir, harnessPath: harness, processes: 2, ...QUICK, compareWith: { baseline }, saveAs: 'nope' });
    assert.deepEqual(r.errors.map((e) => e.file), ['broken.bench.mjs']);
    assert.deepEqual(r.comparison.map((c) => c.name), ['one', 'two']);
    assert.equal(r.comparison[1].verdict, 'added');
    assert.ok(!r.comparison.some((c) => c.file !== 'a.bench.cjs'));
    assert.equal(r.compared?.kind === 'baseline' && r.compared.name, 'old');
    assert.ok(r.compared!.notes.some((n) => /CPU differs/.test(n)));
    assert.deepEqual(r.notSaved, { message: 'Baseline "nope" was not saved: 1 benchmark file failed.' });
    assert.equal(fs.existsSync(baselinePath(dir, 'nope')), false);
  });

  test('an unreadable newest baseline: logged, not compared; a missing named one: not compared, not logged', async () => {
    const dir = makeTree({ 'b.bench.mjs': B, '.perf-lens/baselines/bad.json': '{ not json' });
    const files = await discoverBenchFiles([], dir);
    const warned: string[] = [];
    const log = { warn: (m: string) => warned.push(m) };
    const r = await runBenchSession({ files, cwd: dir, harnessPath: harness, processes: 1, ...QUICK, compareWith: { newest: true } }, { log });
    assert.equal(r.compared, null);
    assert.equal(warned.length, 1);
    assert.match(warned[0], /^no comparison with a baseline: .*bad/);
    assert.equal(await newestBaseline(dir), undefined);
    const named = await runBenchSession({ files, cwd: dir, harnessPath: harness, processes: 1, ...QUICK, compareWith: { name: 'missing' } }, { log });
    assert.equal(named.compared, null);
    assert.equal(warned.length, 1);
  });

  test('against a git ref: the same files measured in this run, compared in pairs', async () => {
    const dir = makeTree({ 'bench/work.bench.cjs': A });
    const git = (...args: string[]) => {
      const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout.trim();
    };
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    const head = git('rev-parse', 'HEAD');
    const files = await discoverBenchFiles([], dir);
    const r = await runBenchSession({ files, cwd: dir, harnessPath: harness, processes: 2, ...QUICK, clock: 'cpu', against: { ref: 'HEAD', paths: [] } });
    assert.equal(r.compared?.kind, 'ref');
    assert.deepEqual(r.compared?.kind === 'ref' && [r.compared.ref, r.compared.commit], ['HEAD', head]);
    assert.deepEqual(r.comparison.map((c) => `${c.file}:${c.name}:${c.method}`), ['bench/work.bench.cjs:one:paired', 'bench/work.bench.cjs:two:paired']);
    assert.deepEqual(r.compared?.notes, []);
    assert.deepEqual(Object.keys(r.processes).sort(), ['bench/work.bench.cjs', 'bench/work.bench.cjs @ HEAD']);
    assert.equal(git('worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree ')).length, 1);
  });

  test('unusable options are refused (BenchOptionsError), as the runner refuses them', async () => {
    const dir = makeTree({ 'b.bench.mjs': B });
    const files = await discoverBenchFiles([], dir);
    await assert.rejects(runBenchSession({ files, cwd: dir, harnessPath: harness, processes: 0 }), BenchOptionsError);
    // Names that match no benchmark (the editor's Run Benchmark on a name the file no longer has): the same
    // sentence as the CLI's, after one process per file instead of an empty run.
    const progress: number[] = [];
    await assert.rejects(
      runBenchSession({ files, cwd: dir, harnessPath: harness, ...QUICK, names: ['four'] }, { onProgress: (p) => progress.push(p.process) }),
      (e: Error) => e instanceof BenchOptionsError && e.message === 'no benchmark is named "four" (names are full: "suite > bench"); the benchmarks are "three"',
    );
    assert.deepEqual(progress, [1]);
  });
});
