// The benchmark child through its parent side, with real processes: the vitest API, its imports in every
// module system, hooks, async, sizes, and files that throw, crash or hang.
import { test, describe, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BenchFileError, runBenchFile, type RunFileOptions } from '../../../src/runner/bench/run-file';
import type { MeasuredBenchmark } from '../../../src/runner/bench/protocol';
import { QUICK, buildBenchBundles, isRunning, makeTree } from './helpers';

let harness: string;
let dir: string;

const API_FILE = `
import { bench, describe } from 'vitest';
bench('top', () => Math.sqrt(2));
describe('outer', () => {
  bench('a', () => [1, 2, 3].map((x) => x * 2));
  describe('inner', () => {
    bench('b', () => JSON.stringify({ x: 1 }), { time: 10, iterations: 50 });
  });
  bench.skip('skipped', () => 1);
  bench.todo('later');
});
describe.skip('all skipped', () => {
  bench('never', () => { throw new Error('must not run'); });
});
`;

const HOOKS_FILE = `
import * as fs from 'node:fs';
import { bench } from 'perf-lens/bench';
const log = [];
let inFlight = 0;
let maxInFlight = 0;
bench('hooks', async () => {
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  await new Promise((resolve) => setImmediate(resolve));
  inFlight--;
}, {
  setup: (task, mode) => { log.push('setup:' + mode + ':' + task.name); },
  teardown: (task, mode) => {
    log.push('teardown:' + mode);
    if (mode === 'run') fs.writeFileSync(process.env.LOG_FILE ?? ${JSON.stringify('__LOG__')}, JSON.stringify({ log, maxInFlight }));
  },
});
`;

const SIZES_FILE = `
const { bench } = require('vitest');
const made = [];
bench.sizes('sum', [100, 1000], (n) => {
  made.push(n);
  const xs = Array.from({ length: n }, (_, i) => i);
  return () => xs.reduce((a, b) => a + b, 0);
});
`;

const TS_BODY = `
import { bench, describe } from 'vitest';
interface Point { x: number; y: number }
const p: Point = { x: 3, y: 4 };
describe('geometry', () => {
  // a comment so the bench( call is not on the line the JavaScript output would put it
  bench('hypot', (): number => Math.hypot(p.x, p.y));
});
`;

function opts(file: string, extra: Partial<RunFileOptions> = {}): RunFileOptions {
  return { harness, file: path.join(dir, file), display: file, cwd: dir, rotate: 0, phaseTimeoutMs: 60_000, ...QUICK, ...extra };
}

const names = (ms: MeasuredBenchmark[]) => ms.map((m) => (m.size === undefined ? m.name : `${m.name}@${m.size}`));

describe('benchmark child', () => {
  before(() => {
    harness = path.join(buildBenchBundles(), 'bench-harness.js');
    dir = makeTree({
      'api.bench.mjs': API_FILE,
      'hooks.bench.mjs': HOOKS_FILE.replace('__LOG__', 'unused'),
      'sizes.bench.cjs': SIZES_FILE,
      'cts/geo.bench.ts': TS_BODY,
      'esm/package.json': '{ "type": "module" }',
      'esm/geo.bench.ts': TS_BODY,
      'geo.bench.mts': TS_BODY,
      'plain.bench.js': "const { bench } = require('perf-lens/bench');\nbench('plain', () => 'x'.repeat(10));\n",
      'throws.bench.mjs': "import { bench } from 'vitest';\nbench('fine', () => 1);\nbench('boom', () => { throw new Error('kaput\\nsecond line'); });\n",
      'crash.bench.cjs': "const { bench } = require('vitest');\nbench('dies', () => { console.error('last words before exit'); process.exit(7); });\n",
      'bad-api.bench.cjs': "const { bench } = require('vitest');\nbench('no function');\n",
      'syntax.bench.ts': "import { bench } from 'vitest';\nbench('x', () => { return 1 +; });\n",
    });
  });

  test('bench and describe: full names, lines, skip and todo, file order, samples in ns', async () => {
    const ms = await runBenchFile(opts('api.bench.mjs', { rotate: 1 }));
    assert.deepEqual(names(ms), ['top', 'outer > a', 'outer > inner > b']);
    assert.deepEqual(ms.map((m) => m.line), [3, 5, 7]);
    for (const m of ms) {
      assert.ok(m.samples.length >= 10, `${m.name}: ${m.samples.length} samples`);
      assert.ok(m.samples.every((s) => s > 0 && Number.isFinite(s)));
      assert.ok(m.iterationsPerSample >= 1);
    }
    // iterations: 50 is a floor on measured calls.
    const b = ms[2];
    assert.ok(b.samples.length * b.iterationsPerSample >= 50);
  });

  test('setup and teardown around warm-up and run, in that order; an async function is awaited call by call', async () => {
    const logFile = path.join(dir, 'hooks-log.json');
    fs.writeFileSync(path.join(dir, 'hooks.bench.mjs'), HOOKS_FILE.replace('__LOG__', logFile));
    await runBenchFile(opts('hooks.bench.mjs'));
    const { log, maxInFlight } = JSON.parse(fs.readFileSync(logFile, 'utf8'));
    assert.deepEqual(log, ['setup:warmup:hooks', 'teardown:warmup', 'setup:run:hooks', 'teardown:run']);
    assert.equal(maxInFlight, 1);
  });

  test('suite hooks as vitest bench files use them: data from beforeAll, beforeEach around each benchmark, cleanups and afterAll at the end', async () => {
    const logFile = path.join(dir, 'suite-hooks-log.json');
    // A TanStack-style file: the data the benchmarks use is built in beforeAll; a returned function is a cleanup.
    fs.writeFileSync(
      path.join(dir, 'suite-hooks.bench.mjs'),
      [
        "import * as fs from 'node:fs';",
        "import { bench, describe, beforeAll, afterAll, beforeEach, afterEach } from 'vitest';",
        'const log = [];',
        'let rows;',
        "beforeAll(() => { log.push('root:beforeAll'); return () => log.push('root:cleanup'); });",
        `afterAll(() => { log.push('root:afterAll'); fs.writeFileSync(${JSON.stringify(logFile)}, JSON.stringify(log)); });`,
        "describe('csv', () => {",
        "  beforeAll(async () => { await new Promise((r) => setTimeout(r, 5)); rows = Array.from({ length: 100 }, (_, i) => [i, 'x' + i]); log.push('csv:beforeAll'); });",
        "  afterAll(() => log.push('csv:afterAll'));",
        "  beforeEach(() => log.push('csv:beforeEach'));",
        "  afterEach(() => log.push('csv:afterEach'));",
        "  bench('join', () => rows.map((r) => r.join(',')).join('\\n'));",
        "  bench('length', () => rows.length);",
        '});',
        "describe.skip('skipped', () => { beforeAll(() => { throw new Error('must not run'); }); });",
      ].join('\n'),
    );
    const ms = await runBenchFile(opts('suite-hooks.bench.mjs', { rotate: 1 }));
    assert.deepEqual(names(ms), ['csv > join', 'csv > length']);
    const log = JSON.parse(fs.readFileSync(logFile, 'utf8'));
    assert.deepEqual(log, [
      'root:beforeAll',
      'csv:beforeAll',
      'csv:beforeEach',
      'csv:afterEach',
      'csv:beforeEach',
      'csv:afterEach',
      'csv:afterAll',
      'root:cleanup',
      'root:afterAll',
    ]);
  });

  test('a beforeAll hook that throws: one sentence; a hung one is named at the time limit', async () => {
    fs.writeFileSync(path.join(dir, 'bad-hook.bench.cjs'), "const { bench, beforeAll } = require('vitest');\nbeforeAll(() => { throw new Error('no database'); });\nbench('x', () => 1);\n");
    await assert.rejects(runBenchFile(opts('bad-hook.bench.cjs')), (e: unknown) => {
      assert.ok(e instanceof BenchFileError);
      assert.equal(e.message, 'bad-hook.bench.cjs: a beforeAll hook threw no database');
      return true;
    });
    fs.writeFileSync(path.join(dir, 'hung-hook.bench.cjs'), "const { bench, afterAll } = require('vitest');\nafterAll(() => new Promise(() => { for (;;) {} }));\nbench('x', () => 1);\n");
    await assert.rejects(runBenchFile(opts('hung-hook.bench.cjs', { phaseTimeoutMs: 1500 })), /hung-hook\.bench\.cjs: stopped after 1500 ms while running its afterAll hooks \(the time limit\)/);
  });

  test('bench.sizes: one result per size, built by the factory, slower at the larger size', async () => {
    const ms = await runBenchFile(opts('sizes.bench.cjs', { timeMs: 40 }));
    assert.deepEqual(names(ms), ['sum@100', 'sum@1000']);
    assert.deepEqual(ms.map((m) => m.line), [4, 4]);
    // Medians: a sample stretched by a busy machine (seen: a mean of the 10x larger size below the smaller's
    // at load 16 on 2 cores) moves a mean, not a median; 10x the work stays far above the noise.
    const median = (m: MeasuredBenchmark) => [...m.samples].sort((a, b) => a - b)[Math.floor(m.samples.length / 2)];
    assert.ok(median(ms[1]) > median(ms[0]), `${median(ms[1])} vs ${median(ms[0])}`);
  });

  test('vitest imports without vitest: CommonJS, ESM, TypeScript as CommonJS and as ESM (lines of the .ts source)', async () => {
    for (const file of ['plain.bench.js', 'cts/geo.bench.ts', 'esm/geo.bench.ts', 'geo.bench.mts']) {
      const ms = await runBenchFile(opts(file));
      if (file === 'plain.bench.js') assert.deepEqual(names(ms), ['plain']);
      else {
        assert.deepEqual(names(ms), ['geometry > hypot'], file);
        assert.equal(ms[0].line, 7, file);
      }
    }
  });

  test('the CPU clock leaves out waiting: a 5 ms timer costs 5 ms of wall time and little CPU time; its CPU share is low', async () => {
    fs.writeFileSync(path.join(dir, 'wait.bench.mjs'), "import { bench } from 'vitest';\nbench('wait', () => new Promise((resolve) => setTimeout(resolve, 5)));\n");
    const mean = (m: MeasuredBenchmark) => m.samples.reduce((a, b) => a + b, 0) / m.samples.length;
    const [wall] = await runBenchFile(opts('wait.bench.mjs', { timeMs: 30 }));
    const [cpu] = await runBenchFile(opts('wait.bench.mjs', { timeMs: 30, clock: 'cpu' }));
    assert.ok(mean(wall) >= 4e6, `wall ${mean(wall)} ns`);
    assert.ok(mean(cpu) < 2e6, `cpu ${mean(cpu)} ns`);
    assert.ok(cpu.samples.length >= 10);
    // The CPU share (CPU time over elapsed time while sampling): a timer's wait is nearly all waiting, under any
    // load; a loop uses the CPU whenever it has one, so its share is higher whatever the neighbours do.
    fs.writeFileSync(path.join(dir, 'spin.bench.mjs'), "import { bench } from 'vitest';\nbench('spin', () => { let s = 0; for (let i = 0; i < 1e5; i++) s += i; return s; });\n");
    const [spin] = await runBenchFile(opts('spin.bench.mjs', { timeMs: 30 }));
    assert.ok(wall.cpuShare !== undefined && wall.cpuShare < 0.5, `timer cpuShare ${wall.cpuShare}`);
    assert.ok(spin.cpuShare !== undefined && spin.cpuShare > wall.cpuShare, `spin cpuShare ${spin.cpuShare} vs timer ${wall.cpuShare}`);
  });

  test('a benchmark that throws: one sentence naming it and the error', async () => {
    await assert.rejects(runBenchFile(opts('throws.bench.mjs')), (e: unknown) => {
      assert.ok(e instanceof BenchFileError);
      assert.equal(e.message, 'throws.bench.mjs: benchmark "boom" threw kaput');
      assert.equal(e.exitCode, 1);
      return true;
    });
  });

  test('a benchmark that exits: the exit code and the last line of stderr', async () => {
    await assert.rejects(runBenchFile(opts('crash.bench.cjs')), (e: unknown) => {
      assert.ok(e instanceof BenchFileError);
      assert.equal(e.message, 'crash.bench.cjs: the benchmark process exited with code 7 while running benchmark "dies"; stderr: last words before exit');
      return true;
    });
  });

  // vitest awaits an async describe callback before collecting the next suite: the benchmarks declared after its
  // await belong to it. Two suites that read their data the same way and name their benchmarks alike must stay
  // two suites (they used to lose their suite names and be merged into one "parse" row).
  test('async describe callbacks: awaited in order, their benchmarks keep their suites, full names and lines; declaration order kept', async () => {
    fs.writeFileSync(path.join(dir, 'rows.json'), JSON.stringify([1, 2, 3]));
    fs.writeFileSync(
      path.join(dir, 'async-describe.bench.mjs'),
      [
        "import { readFile } from 'node:fs/promises';",
        "import { bench, describe } from 'vitest';",
        "bench('first', () => 1);",
        "describe('small', async () => {",
        `  const rows = JSON.parse(await readFile(${JSON.stringify(path.join(dir, 'rows.json'))}, 'utf8'));`,
        "  bench('parse', () => rows.map((x) => x + 1));",
        "  describe('nested', async () => {",
        '    await new Promise((resolve) => setTimeout(resolve, 20));',
        "    bench('deep', () => rows.length);",
        '  });',
        "  bench('after nested', () => rows[0]);",
        '});',
        "describe('large', async () => {",
        '  await new Promise((resolve) => setTimeout(resolve, 5));',
        "  bench('parse', () => Array.from({ length: 30 }, (_, i) => i));",
        '});',
        "bench('last', () => 2);",
      ].join('\n'),
    );
    const ms = await runBenchFile(opts('async-describe.bench.mjs', { rotate: 2 }));
    assert.deepEqual(names(ms), ['first', 'small > parse', 'small > nested > deep', 'small > after nested', 'large > parse', 'last']);
    assert.deepEqual(ms.map((m) => m.line), [3, 6, 9, 11, 15, 17]);
  });

  test('two benchmarks with the same full name in one file: refused with one sentence naming both lines, never merged', async () => {
    fs.writeFileSync(
      path.join(dir, 'duplicate.bench.mjs'),
      "import { bench, describe } from 'vitest';\ndescribe('csv', () => {\n  bench('export', () => 1);\n});\ndescribe('csv', async () => {\n  await null;\n  bench('export', () => 2);\n});\n",
    );
    await assert.rejects(runBenchFile(opts('duplicate.bench.mjs')), (e: Error) => {
      assert.equal(e.message, 'duplicate.bench.mjs: two benchmarks in this file are named "csv > export" (lines 3 and 7): their results would be merged into one row; give one of them another name');
      return true;
    });
    fs.writeFileSync(path.join(dir, 'loop.bench.cjs'), "const { bench } = require('vitest');\nfor (const n of [1, 2]) bench('same', () => n);\n");
    await assert.rejects(runBenchFile(opts('loop.bench.cjs')), /loop\.bench\.cjs: two benchmarks in this file are named "same" \(both declared at line 2\)/);
  });

  test('misuse of the API and a TypeScript syntax error are reported as loading errors', async () => {
    await assert.rejects(runBenchFile(opts('bad-api.bench.cjs')), /bad-api\.bench\.cjs: bench\("no function"\) needs a function to time as its second argument/);
    await assert.rejects(runBenchFile(opts('syntax.bench.ts')), /syntax\.bench\.ts: loading the file failed: .*syntax\.bench\.ts\(2,/);
  });

  test('a hung benchmark is stopped at the limit and its whole process group killed', async () => {
    const pidFile = path.join(dir, 'hung-pids.json');
    fs.writeFileSync(
      path.join(dir, 'hung.bench.cjs'),
      [
        "const fs = require('node:fs');",
        "const { spawn } = require('node:child_process');",
        "const { bench } = require('vitest');",
        "const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
        `fs.writeFileSync(${JSON.stringify(pidFile)}, JSON.stringify({ harness: process.pid, grandchild: c.pid }));`,
        "bench('spin', () => { for (;;) {} });",
      ].join('\n'),
    );
    const t0 = Date.now();
    await assert.rejects(runBenchFile(opts('hung.bench.cjs', { phaseTimeoutMs: 1500 })), (e: unknown) => {
      assert.ok(e instanceof BenchFileError);
      assert.equal(e.message, 'hung.bench.cjs: stopped after 1500 ms while running benchmark "spin" (the time limit), and its process group was killed');
      return true;
    });
    assert.ok(Date.now() - t0 < 30_000);
    const pids = JSON.parse(fs.readFileSync(pidFile, 'utf8'));
    assert.equal(isRunning(pids.harness), false);
    assert.equal(isRunning(pids.grandchild), false);
  });

  test('hostile file and folder names are data, never shell text', async () => {
    const odd = "we ird $(touch pwned) ;'\"`x`/-dash & name.bench.cjs";
    fs.mkdirSync(path.join(dir, path.dirname(odd)), { recursive: true });
    fs.writeFileSync(path.join(dir, odd), "const { bench } = require('vitest');\nbench('odd', () => 1 + 1);\n");
    const ms = await runBenchFile(opts(odd));
    assert.deepEqual(names(ms), ['odd']);
    assert.equal(fs.existsSync(path.join(dir, 'pwned')), false);
    assert.equal(fs.existsSync(path.join(process.cwd(), 'pwned')), false);
  });
});
