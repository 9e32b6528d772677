// perf-lens bench through a real CLI bundle: real benchmark processes, real baselines on disk.
import { test, describe, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildBenchBundles, isRunning, makeTree } from '../runner/bench/helpers';

const QUICK_ARGS = ['--time', '30', '--warmup', '20'];

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [path.join(buildBenchBundles(), 'cli.js'), 'bench', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PERF_LENS_DEBUG: '', ...env },
    timeout: 300_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// The work is a loop whose length SLOWDOWN multiplies. The verdicts asserted below come from a 50x change in
// the work (log ratio ≈ 3.9, far past anything a loaded 2-core machine does to CPU time), never from identical
// code: an A/A run's verdict is a statistical outcome (its false-positive rate is measured by
// bench/bench/harness-validation.ts and load-step.ts), so identical code is only checked to measure alike
// (ratio within 5x either way), which a broken comparison would not.
const WORK = `
const { bench } = require('vitest');
const factor = Number(process.env.SLOWDOWN || 1);
function work() {
  let s = 0;
  for (let i = 0; i < 20000 * factor; i++) s += Math.sqrt(i);
  return s;
}
bench('work', work);
`;

describe('perf-lens bench', () => {
  let dir: string;
  before(() => {
    dir = makeTree({ 'bench/work.bench.cjs': WORK, 'package.json': '{ "name": "t" }' });
  });

  test('--format json: the documented shape, times in ns', () => {
    const r = runCli(['--format', 'json', '--processes', '2', ...QUICK_ARGS], dir);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out).slice(0, 3), ['environment', 'results', 'comparison']);
    assert.equal(typeof out.environment.nodeVersion, 'string');
    assert.equal(out.results.length, 1);
    const res = out.results[0];
    assert.deepEqual(Object.keys(res).slice(0, 11), ['name', 'file', 'size', 'samples', 'mean', 'median', 'p99', 'sd', 'rsd', 'ci95', 'opsPerSec']);
    assert.equal(res.name, 'work');
    assert.equal(res.file, 'bench/work.bench.cjs');
    assert.equal(res.size, null);
    assert.equal(res.processes, 2);
    assert.equal(res.line, 9);
    // 20,000 square roots take microseconds, not nanoseconds or seconds: the unit is ns.
    assert.ok(res.mean > 1_000 && res.mean < 1e8, String(res.mean));
    assert.ok(res.ci95[0] < res.mean && res.mean < res.ci95[1]);
    assert.ok(Math.abs(res.opsPerSec - 1e9 / res.mean) < 1e-6 * res.opsPerSec);
    assert.deepEqual(out.comparison, []);
  });

  // The CPU clock: on this shared 2-core machine (load average 17–27 while these tests were written) elapsed
  // times swing 2–10x with the neighbours, more than the 3x slowdown the test injects; CPU time does not.
  test('--clock cpu: --save then --compare on identical code: alike; a 50x slowdown fails with --fail-on-regression, a 50x speedup does not', () => {
    const saved = runCli(['--save', 'main', '--clock', 'cpu', '--processes', '4', ...QUICK_ARGS], dir);
    assert.equal(saved.status, 0, saved.stderr);
    const file = path.join(dir, '.perf-lens', 'baselines', 'main.json');
    assert.match(saved.stdout, /Saved baseline "main" to /);
    const baseline = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(baseline.results[0].runs.length, 4);

    const same = runCli(['--compare', 'main', '--clock', 'cpu', '--format', 'json', '--processes', '4', ...QUICK_ARGS], dir);
    const sameOut = JSON.parse(same.stdout);
    assert.equal(sameOut.comparison.length, 1);
    const c = sameOut.comparison[0];
    assert.deepEqual(Object.keys(c).slice(0, 5), ['name', 'ratio', 'ci95', 'pValue', 'verdict']);
    assert.ok(c.ratio > 0.2 && c.ratio < 5, JSON.stringify(c));
    assert.ok(['same', 'inconclusive', 'slower', 'faster'].includes(c.verdict), JSON.stringify(c));
    assert.equal(sameOut.clock, 'cpu');
    assert.match(sameOut.environment.runtime, /^node v\d+\.\d+\.\d+ \(CPU time\)$/);
    assert.deepEqual(sameOut.baseline.environmentDifferences, []);
    assert.equal(same.status, 0, same.stderr);

    const slow = runCli(['--compare', 'main', '--clock', 'cpu', '--fail-on-regression', '--format', 'markdown', '--processes', '4', ...QUICK_ARGS], dir, { SLOWDOWN: '50' });
    assert.equal(slow.status, 1, slow.stderr);
    assert.match(slow.stdout, /\| work \| bench\/work\.bench\.cjs \| [0-9.]+x \| \[[0-9.]+, [0-9.]+\] \| [<0-9. ]+ \| \*\*slower\*\* \|/);
    // Without --fail-on-regression the same finding is reported but does not fail the run.
    const report = runCli(['--compare', 'main', '--clock', 'cpu', '--processes', '3', ...QUICK_ARGS], dir, { SLOWDOWN: '50' });
    assert.equal(report.status, 0, report.stderr);
    assert.match(report.stdout, /work\s+bench\/work\.bench\.cjs\s+[0-9.]+x .* slower/);
    // --fail-on-regression passes when nothing is slower: a baseline 50x slower than the current code.
    assert.equal(runCli(['--save', 'slow', '--clock', 'cpu', '--processes', '3', ...QUICK_ARGS], dir, { SLOWDOWN: '50' }).status, 0);
    const fast = runCli(['--compare', 'slow', '--clock', 'cpu', '--fail-on-regression', '--format', 'json', '--processes', '3', ...QUICK_ARGS], dir);
    assert.equal(fast.status, 0, fast.stderr);
    assert.equal(JSON.parse(fast.stdout).comparison[0].verdict, 'faster');
    // A wall-clock run against the CPU-time baseline says so.
    const wall = runCli(['--compare', 'main', '--processes', '2', ...QUICK_ARGS], dir);
    assert.equal(wall.status, 0, wall.stderr);
    assert.match(wall.stdout, /note: runtime differs: node v[0-9.]+ vs node v[0-9.]+ \(CPU time\)/);

    // A file added since the baseline: its benchmark is `added`; comparing one file leaves the others out.
    fs.writeFileSync(path.join(dir, 'bench/extra.bench.mjs'), "import { bench } from 'vitest';\nbench('extra', () => 1);\n");
    const both = JSON.parse(runCli(['--compare', 'main', '--format', 'json', '--processes', '2', ...QUICK_ARGS], dir).stdout);
    assert.deepEqual(both.comparison.map((x: { name: string; verdict: string }) => x.verdict === 'added' ? `${x.name}:added` : x.name), ['extra:added', 'work']);
    const one = JSON.parse(runCli(['bench/extra.bench.mjs', '--compare', 'main', '--format', 'json', '--processes', '2', ...QUICK_ARGS], dir).stdout);
    assert.deepEqual(one.comparison.map((x: { name: string; verdict: string }) => `${x.name}:${x.verdict}`), ['extra:added']);
    fs.rmSync(path.join(dir, 'bench/extra.bench.mjs'));
  });

  // A baseline whose three processes are spread 16x apart (its samples scaled by 1/4, 1 and 4): whatever this
  // run measures, the interval of the ratio is far wider than ±5% and the change is not significant, so the
  // verdict is inconclusive, never "same".
  test('an inconclusive comparison: verdict "inconclusive" with its line and processesToSettle; --fail-on-inconclusive fails, --fail-on-regression does not', () => {
    const tree = makeTree({ 'w.bench.cjs': WORK });
    assert.equal(runCli(['--save', 'wide', '--clock', 'cpu', '--processes', '3', ...QUICK_ARGS], tree).status, 0);
    const file = path.join(tree, '.perf-lens', 'baselines', 'wide.json');
    const baseline = JSON.parse(fs.readFileSync(file, 'utf8'));
    baseline.results[0].runs.forEach((run: { samples: number[] }, i: number) => (run.samples = run.samples.map((x) => x * [0.25, 1, 4][i])));
    fs.writeFileSync(file, JSON.stringify(baseline));
    const args = ['--compare', 'wide', '--clock', 'cpu', '--processes', '3', ...QUICK_ARGS];
    const json = runCli([...args, '--fail-on-regression', '--format', 'json'], tree);
    assert.equal(json.status, 0, json.stderr);
    const c = JSON.parse(json.stdout).comparison[0];
    assert.equal(c.verdict, 'inconclusive', JSON.stringify(c));
    assert.ok('processesToSettle' in c && (c.processesToSettle === null || c.processesToSettle > 3), JSON.stringify(c));
    const text = runCli([...args, '--fail-on-inconclusive'], tree);
    assert.equal(text.status, 1, text.stderr);
    assert.match(text.stdout, /work\s+w\.bench\.cjs\s+[0-9.]+x .* inconclusive/);
    assert.match(text.stdout, /0 slower, 0 faster, 0 same, 1 inconclusive \(α = 0\.01, minimum effect 5%\)/);
    assert.match(text.stdout, /work: inconclusive: the 95% CI \[[0-9.]+, [0-9.]+\] is neither within the minimum effect \(5%\) nor a significant change beyond it; /);
  });

  test('each process records its CPU share; a comparison whose baseline had far more CPU per second says so', () => {
    const saved = runCli(['--save', 'contended', '--format', 'json', '--processes', '2', ...QUICK_ARGS], dir);
    assert.equal(saved.status, 0, saved.stderr);
    const share = JSON.parse(saved.stdout).results[0].cpuShare;
    assert.ok(typeof share === 'number' && share > 0, `cpuShare ${share}`);
    // A baseline whose processes ran 10x the CPU per elapsed second of anything this machine can do: the
    // current run then looks starved next to it, whatever the load, so the note must appear.
    const file = path.join(dir, '.perf-lens', 'baselines', 'contended.json');
    const baseline = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const run of baseline.results[0].runs) {
      assert.equal(typeof run.cpuShare, 'number');
      run.cpuShare = 10;
    }
    fs.writeFileSync(file, JSON.stringify(baseline));
    const compared = runCli(['--compare', 'contended', '--format', 'json', '--processes', '2', ...QUICK_ARGS], dir);
    const notes: string[] = JSON.parse(compared.stdout).baseline.environmentDifferences;
    assert.ok(notes.some((n) => /^the benchmark processes waited for a CPU more during this run: they ran \d+% of the elapsed time vs 1000% in the baseline/.test(n)), notes.join('\n'));
    const text = runCli(['--compare', 'contended', '--processes', '2', ...QUICK_ARGS], dir);
    assert.match(text.stdout, /note: the benchmark processes waited for a CPU more during this run/);
  });

  test('a corrupt baseline is refused, for --compare and for --save, and left byte-identical', () => {
    const tree = makeTree({ 'w.bench.cjs': WORK });
    const file = path.join(tree, '.perf-lens', 'baselines', 'old.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const bytes = Buffer.from('{"schema": "perf-lens-bench-baseline", "version": 1, "results": [tr');
    fs.writeFileSync(file, bytes);
    for (const option of ['--compare', '--save']) {
      const r = runCli([option, 'old', '--processes', '2', ...QUICK_ARGS], tree);
      assert.equal(r.status, 2, `${option}: ${r.stdout}`);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], /^perf-lens: baseline "old" \(.*old\.json\) is not valid JSON/);
      assert.deepEqual(fs.readFileSync(file), bytes);
    }
    const missing = runCli(['--compare', 'nope'], tree);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /there is no baseline named "nope" .*; saved: old/);
  });

  test('a budget over its limit fails the run with the bench( line; a failing file exits 2 with its sentence', () => {
    const tree = makeTree({
      'w.bench.cjs': WORK,
      'perf-lens.config.json': JSON.stringify({ bench: { budgets: { work: { mean: '1ns' }, elsewhere: { p99: '1s' } } } }),
    });
    const r = runCli(['--processes', '2', ...QUICK_ARGS], tree);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /w\.bench\.cjs:9: work: mean [0-9.]+ (µs|ms) over its budget of 1ns/);
    assert.match(r.stdout, /the budget of "elsewhere" names no benchmark of this run/);
    assert.match(r.stdout, /benchmark\s+mean\s+95% CI\s+median\s+p99\s+rsd\s+ops\/s\s+samples\s+outliers\n\s+work\s+[0-9.]+ (µs|ms)\s+± [0-9.]+%/);

    fs.writeFileSync(path.join(tree, 'crash.bench.cjs'), "require('vitest').bench('dies', () => process.exit(5));\n");
    const c = runCli(['crash.bench.cjs', '--processes', '2', ...QUICK_ARGS], tree);
    assert.equal(c.status, 2);
    assert.match(c.stderr, /perf-lens: crash\.bench\.cjs: the benchmark process exited with code 5 while running benchmark "dies"/);
  });

  test('Ctrl-C (SIGINT) stops the run and kills the benchmark process group', async () => {
    const tree = makeTree({});
    const pidFile = path.join(tree, 'pid.json');
    fs.writeFileSync(
      path.join(tree, 'spin.bench.cjs'),
      `require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nrequire('vitest').bench('spin', () => { for (;;) {} });\n`,
    );
    const cli = spawn(process.execPath, [path.join(buildBenchBundles(), 'cli.js'), 'bench', '--processes', '1'], { cwd: tree, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    cli.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
    const t0 = Date.now();
    while (!fs.existsSync(pidFile) || fs.readFileSync(pidFile, 'utf8') === '') {
      assert.ok(Date.now() - t0 < 60_000, 'the benchmark never started');
      await new Promise((r) => setTimeout(r, 50));
    }
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 200));
    cli.kill('SIGINT');
    assert.equal(await exited, 2);
    assert.match(stderr, /perf-lens: interrupted: the running benchmark process was stopped/);
    for (let i = 0; i < 40 && isRunning(pid); i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(isRunning(pid), false);
  });

  test('bad usage exits 2 with one sentence', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--processes', '0'], /--processes must be a whole number of at least 1 \(got "0"\)/],
      [['--format', 'xml'], /--format must be one of text, json, markdown \(got "xml"\)/],
      [['--clock', 'sundial'], /--clock must be one of wall, cpu \(got "sundial"\)/],
      [['--time', 'soon'], /--time must be a positive number of milliseconds/],
      [['--save', '../escape'], /--save: the baseline name "..\/escape" contains a path separator/],
      [['no-such-folder'], /no such file or folder: no-such-folder/],
      [['--config', 'missing.json'], /cannot read .*missing\.json \(ENOENT\)/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args, dir);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
    // A --name that matches nothing: exit 2 after each file's first process, one line listing (at most 10 of) the names.
    const many = makeTree({
      'many.bench.cjs': "const { bench, describe } = require('vitest');\ndescribe('s', () => {\n" + Array.from({ length: 14 }, (_, i) => `  bench('b${i}', () => ${i});\n`).join('') + '});\n',
    });
    const nope = runCli(['--name', 'b1', '--name', 'nope', '--processes', '3', ...QUICK_ARGS], many);
    assert.equal(nope.status, 2, nope.stdout);
    assert.equal(nope.stdout, '');
    // The start line, then the one-line answer.
    const nopeLines = nope.stderr.trim().split('\n');
    assert.deepEqual(nopeLines.slice(0, -1), ['perf-lens bench: 1 file, 3 processes each'], nope.stderr);
    assert.equal(
      nopeLines[nopeLines.length - 1],
      'perf-lens: no benchmark is named "b1" or "nope" (names are full: "suite > bench"); the benchmarks are "s > b0", "s > b1", "s > b2", "s > b3", "s > b4", "s > b5", "s > b6", "s > b7", "s > b8", "s > b9", and 4 more',
    );
    // One of several names matching nothing: the others run, and a note says which did not.
    const partly = runCli(['--name', 's > b1', '--name', 'nope', '--format', 'json', '--processes', '1', ...QUICK_ARGS], many);
    assert.equal(partly.status, 0, partly.stderr);
    assert.deepEqual(JSON.parse(partly.stdout).results.map((r: { name: string }) => r.name), ['s > b1']);
    assert.match(partly.stderr, /perf-lens: note: no benchmark is named "nope" \(the other --name values ran\)/);

    const empty = makeTree({ 'a.js': '' });
    const none = runCli([], empty);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no benchmark files \(\*\.bench\.js, \.mjs, \.cjs, \.ts, \.mts\) were found/);
  });

  // Memory per operation (--memory): 'alloc' builds an array of SIZE numbers (8,048 B at 1,000), 'none'
  // allocates nothing. The tolerance is 5%; measured here the figures are exact to the byte.
  test('--memory: bytesPerOp and the memory/op column only when asked; kept in a baseline, compared, and absent on an older baseline', () => {
    const mem = makeTree({
      'alloc.bench.mjs': "import { bench } from 'vitest';\nconst size = Number(process.env.SIZE || 1000);\nbench('alloc', () => new Array(size).fill(0));\nbench('none', () => { let s = 0; for (let i = 0; i < 50; i++) s += i; return s; });\n",
      'package.json': '{ "name": "m" }',
    });
    const near = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) <= 0.05 * expected, `${what}: ${actual}, expected ${expected}`);

    const plain = runCli(['--format', 'json', '--processes', '2', '--save', 'plain', ...QUICK_ARGS], mem);
    assert.equal(plain.status, 0, plain.stderr);
    const plainOut = JSON.parse(plain.stdout);
    assert.ok(plainOut.results.every((r: object) => !('bytesPerOp' in r)));
    assert.ok(JSON.parse(fs.readFileSync(path.join(mem, '.perf-lens/baselines/plain.json'), 'utf8')).results.every((r: object) => !('bytesPerOp' in r)));
    const plainText = runCli(['--processes', '1', ...QUICK_ARGS], mem);
    assert.doesNotMatch(plainText.stdout, /memory/);

    const saved = runCli(['--memory', '--format', 'json', '--processes', '2', '--save', 'mem', ...QUICK_ARGS], mem);
    assert.equal(saved.status, 0, saved.stderr);
    const savedOut = JSON.parse(saved.stdout);
    // Additive: the documented keys first, in their order, then the new one.
    assert.deepEqual(Object.keys(savedOut.results[0]).slice(0, 11), ['name', 'file', 'size', 'samples', 'mean', 'median', 'p99', 'sd', 'rsd', 'ci95', 'opsPerSec']);
    const bytes = Object.fromEntries(savedOut.results.map((r: { name: string; bytesPerOp: number }) => [r.name, r.bytesPerOp]));
    near(bytes.alloc, 8048, 'alloc');
    assert.ok(bytes.none < 1, `none: ${bytes.none}`);
    const baseline = JSON.parse(fs.readFileSync(path.join(mem, '.perf-lens/baselines/mem.json'), 'utf8'));
    near(baseline.results[0].bytesPerOp, 8048, 'alloc in the baseline');
    assert.equal(baseline.results[0].runs.length, 2);
    for (const run of baseline.results[0].runs) near(run.bytesPerOp, 8048, 'alloc in one process of the baseline');

    // Twice the array: the memory ratio says so, whatever the time verdict.
    const doubled = runCli(['--memory', '--compare', 'mem', '--format', 'json', '--processes', '2', ...QUICK_ARGS], mem, { SIZE: '2000' });
    assert.equal(doubled.status, 0, doubled.stderr);
    const cmp = Object.fromEntries(JSON.parse(doubled.stdout).comparison.map((c: { name: string }) => [c.name, c]));
    assert.deepEqual(Object.keys(cmp.alloc).slice(0, 5), ['name', 'ratio', 'ci95', 'pValue', 'verdict']);
    near(cmp.alloc.bytesPerOpRatio, 16_048 / 8048, 'alloc ratio');
    near(cmp.alloc.currentBytesPerOp, 16_048, 'alloc current');
    assert.equal(cmp.none.bytesPerOpRatio, 1);

    const text = runCli(['--memory', '--compare', 'mem', '--processes', '2', ...QUICK_ARGS], mem, { SIZE: '2000' });
    assert.match(text.stdout, /benchmark\s+mean\s+95% CI\s+median\s+p99\s+rsd\s+ops\/s\s+samples\s+outliers\s+memory\/op\n/);
    assert.match(text.stdout, /\n {2}alloc\s.*\s16\.0 kB\n/);
    assert.match(text.stdout, /\n {2}none\s.*\s0 B\n/);
    assert.match(text.stdout, /verdict\s+memory\/op ratio\n/);
    assert.match(text.stdout, /alloc\s+alloc\.bench\.mjs\s.*\s1\.99\dx\n/);
    const md = runCli(['--memory', '--compare', 'mem', '--format', 'markdown', '--processes', '2', ...QUICK_ARGS], mem);
    assert.match(md.stdout, /\| benchmark \| file \| ratio \| 95% CI \| p \| verdict \| memory\/op ratio \|/);
    assert.match(md.stdout, /\| alloc \| alloc\.bench\.mjs \| .* \| 1\.0\d\dx \|\n/);
    assert.match(md.stdout, /\| processes \| memory\/op \|\n/);
    assert.match(md.stdout, /\| 2 \| 8\.0 kB \|\n/);

    // A baseline saved without --memory still compares; no memory fields on the comparison.
    const old = runCli(['--memory', '--compare', 'plain', '--format', 'json', '--processes', '2', ...QUICK_ARGS], mem);
    assert.equal(old.status, 0, old.stderr);
    const oldOut = JSON.parse(old.stdout);
    assert.deepEqual(oldOut.comparison.map((c: { name: string; verdict: string }) => c.name), ['alloc', 'none']);
    assert.ok(oldOut.comparison.every((c: { ratio: number | null }) => typeof c.ratio === 'number'));
    assert.ok(oldOut.comparison.every((c: object) => !('bytesPerOpRatio' in c)));
    assert.ok(oldOut.results.every((r: { bytesPerOp?: number }) => typeof r.bytesPerOp === 'number'));

    // A memory budget turns the measurement on by itself and fails the run when exceeded.
    fs.writeFileSync(path.join(mem, 'perf-lens.config.json'), JSON.stringify({ bench: { budgets: { alloc: { memory: '4kB' }, none: { memory: '1kB' } } } }));
    const over = runCli(['--processes', '1', ...QUICK_ARGS], mem);
    assert.equal(over.status, 1, over.stderr);
    assert.match(over.stdout, /\n {2}alloc\.bench\.mjs:3: alloc: memory 8\.0 kB over its budget of 4kB\n/);
    assert.doesNotMatch(over.stdout, /none: memory/);
  });
});

describe('perf-lens bench --against <git ref>', () => {
  let repo: string;
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  before(() => {
    repo = makeTree({ 'bench/work.bench.cjs': WORK, 'package.json': '{ "name": "t" }' });
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
  });
  const worktrees = () => git('worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree ')).length;

  test('the working tree against HEAD, interleaved in one run: identical code measures alike; a 50x slowdown fails the run; no worktree is left', () => {
    const same = runCli(['--against', 'HEAD', '--clock', 'cpu', '--processes', '3', '--format', 'json', ...QUICK_ARGS], repo);
    assert.equal(same.status, 0, same.stderr);
    const out = JSON.parse(same.stdout);
    assert.equal(out.comparison.length, 1);
    assert.ok(out.comparison[0].ratio > 0.2 && out.comparison[0].ratio < 5, JSON.stringify(out.comparison[0]));
    assert.equal(out.baseline.ref, 'HEAD');
    assert.equal(out.comparison[0].method, 'paired', 'the i-th processes of both sides ran back to back');
    assert.equal(out.processes['bench/work.bench.cjs'], out.processes['bench/work.bench.cjs @ HEAD']);
    assert.match(out.baseline.commit, /^[0-9a-f]{40}$/);
    assert.deepEqual(Object.keys(out.processes).sort(), ['bench/work.bench.cjs', 'bench/work.bench.cjs @ HEAD']);
    assert.match(same.stderr, /interleaved with the same files at HEAD/);

    // An uncommitted 50x slowdown and a benchmark file added since the ref.
    fs.writeFileSync(path.join(repo, 'bench/work.bench.cjs'), WORK.replace("Number(process.env.SLOWDOWN || 1)", '50'));
    fs.writeFileSync(path.join(repo, 'bench/new.bench.cjs'), "const { bench } = require('vitest');\nbench('new one', () => Math.sqrt(2));\n");
    const slower = runCli(['--against', 'HEAD', '--clock', 'cpu', '--processes', '3', '--fail-on-regression', ...QUICK_ARGS], repo);
    assert.equal(slower.status, 1, slower.stderr);
    assert.match(slower.stdout, /Compared with HEAD at [0-9a-f]{12} \(its files measured in this run, interleaved\):/);
    assert.match(slower.stdout, /work +bench\/work\.bench\.cjs +[\d.]+x .* slower/);
    assert.match(slower.stdout, /new one +bench\/new\.bench\.cjs .*added/);
    assert.equal(worktrees(), 1, 'the temporary worktree was removed');
    fs.rmSync(path.join(repo, 'bench/new.bench.cjs'));
    git('checkout', '--', 'bench/work.bench.cjs');
  });

  test('a ref that is no commit, an option-like ref, a folder outside git, and --against with --compare: one sentence, exit 2', () => {
    const missing = runCli(['--against', 'no-such-branch', ...QUICK_ARGS], repo);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /"no-such-branch" is not a commit, branch or tag of the repository at /);
    const optionLike = runCli(['--against=--output=x', ...QUICK_ARGS], repo);
    assert.equal(optionLike.status, 2);
    assert.match(optionLike.stderr, /--against needs a commit, branch or tag \(got "--output=x"\)/);
    const outside = makeTree({ 'work.bench.cjs': WORK });
    const noRepo = runCli(['--against', 'HEAD', ...QUICK_ARGS], outside);
    assert.equal(noRepo.status, 2);
    assert.match(noRepo.stderr, /--against needs a git repository, and .* is not in one/);
    const both = runCli(['--against', 'HEAD', '--compare', 'x', ...QUICK_ARGS], repo);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /--against and --compare cannot be used together/);
    assert.equal(worktrees(), 1);
  });
});

// A workspace monorepo: node_modules/lib is a link back into the repository (packages/lib), as npm, yarn and
// pnpm workspaces install it, and lib benchmarks itself by its own name from its own folder. Its own
// node_modules links @scope/util to packages/util (pnpm's layout); an installed package (dep) is a real folder.
describe('perf-lens bench --against <git ref> in a workspace monorepo', () => {
  const LIB = (factor: number) => `const util = require('@scope/util');\nconst dep = require('dep');\nexports.work = () => { let s = dep.start; for (let i = 0; i < util.n * ${factor}; i++) s += Math.sqrt(i); return s; };\n`;
  test('the ref\'s side loads the workspace package at the ref, not the working tree\'s: a 50x slowdown of lib says slower; the links are reported', () => {
    const repo = makeTree({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
      '.gitignore': 'node_modules\n',
      'packages/lib/package.json': JSON.stringify({ name: 'lib', main: 'index.js' }),
      'packages/lib/index.js': LIB(1),
      'packages/lib/bench/self.bench.cjs': "const { bench } = require('vitest');\nconst { work } = require('lib');\nbench('lib work', work);\n",
      'packages/util/package.json': JSON.stringify({ name: '@scope/util', main: 'index.js' }),
      'packages/util/index.js': 'exports.n = 20000;\n',
      'node_modules/dep/package.json': JSON.stringify({ name: 'dep', main: 'index.js' }),
      'node_modules/dep/index.js': 'exports.start = 0;\n',
    });
    fs.symlinkSync('../packages/lib', path.join(repo, 'node_modules/lib'), 'dir');
    fs.mkdirSync(path.join(repo, 'packages/lib/node_modules/@scope'), { recursive: true });
    fs.symlinkSync('../../../util', path.join(repo, 'packages/lib/node_modules/@scope/util'), 'dir');
    const git = (...args: string[]) => {
      const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    fs.writeFileSync(path.join(repo, 'packages/lib/index.js'), LIB(50));

    const lib = path.join(repo, 'packages/lib');
    const r = runCli(['--against', 'HEAD', '--clock', 'cpu', '--processes', '3', '--format', 'json', ...QUICK_ARGS], lib);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.comparison.length, 1);
    assert.equal(out.comparison[0].verdict, 'slower', JSON.stringify(out.comparison[0]));
    assert.ok(out.comparison[0].ratio > 5, JSON.stringify(out.comparison[0]));
    const links = [...out.baseline.links].sort((a: { entry: string }, b: { entry: string }) => a.entry.localeCompare(b.entry));
    assert.deepEqual(links, [
      { entry: 'node_modules/lib', target: 'packages/lib', atRef: true },
      { entry: 'packages/lib/node_modules/@scope/util', target: 'packages/util', atRef: true },
    ]);
    const text = runCli(['--against', 'HEAD', '--clock', 'cpu', '--processes', '2', ...QUICK_ARGS], lib);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /loaded from: installed packages from the working tree's node_modules on both sides; workspace packages each side's own \(HEAD's side from its checkout\): .*node_modules\/lib → packages\/lib/);
    assert.equal(git('worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree ')).length, 1);
  });
});
