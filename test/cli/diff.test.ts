// perf-lens diff on two real profiles of the same script, before and after making one function fast.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, runCli } from './cli-harness';

const script = (slowN: number) =>
  [
    `function tokenize(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; }`,
    `function render(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 3; return s; }`,
    `const end = Date.now() + 400;`,
    `let x = 0;`,
    `while (Date.now() < end) { x += tokenize(${slowN}); x += render(20000); }`,
    `if (x < 0) console.log(x);`,
  ].join('\n');

test('perf-lens diff: the function made faster shows the largest drop; JSON and text', () => {
  const dir = makeTree({});
  const profileOnce = (name: string, n: number) => {
    fs.writeFileSync(path.join(dir, 'app.js'), script(n));
    const out = path.join(dir, name);
    const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', out, '--cpu-prof-interval', '500', 'app.js'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return path.join(name, fs.readdirSync(out)[0]);
  };
  const before = profileOnce('before', 400_000);
  const after = profileOnce('after', 4_000);

  const r = runCli(['diff', before, after, '--format', 'json', '--my-code'], dir);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.before, path.join(dir, before));
  const tokenize = out.functions.find((f: { functionName: string }) => f.functionName === 'tokenize');
  const render = out.functions.find((f: { functionName: string }) => f.functionName === 'render');
  assert.ok(tokenize.deltaSelfPercent < -20, `tokenize ${tokenize.deltaSelfPercent}pp`);
  assert.ok(render.deltaSelfPercent > 20, `render ${render.deltaSelfPercent}pp (a larger share of the same run length)`);
  assert.equal(tokenize.status, 'both');

  const text = runCli(['diff', before, after, '--my-code', '--limit', '2'], dir);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^before: before\/.*\.cpuprofile \(\d+ ms sampled\)\nafter:  after\//);
  assert.match(text.stdout, /-\d+\.\dpp  tokenize  app\.js:1/);
  assert.match(text.stdout.split('\n')[2], /^basis: share of each run's sampled time/);
  assert.equal(text.stdout.trim().split('\n').length, 5 + 2, '--limit 2 rows');

  const bad = runCli(['diff', before], dir);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^perf-lens: give two profiles \(\.cpuprofile files or 0x \/ clinic flame data\): before and after/);
});

// Issue 11, item 5: two profiles of the same function over the same time, 1,718 calls vs 904 calls. As
// shares of the run they look alike (a small improvement, even); per call the newer one is 1.9× slower.
test('perf-lens diff: with call counts on both sides the comparison is per call, and says so (text and JSON)', () => {
  const dir = makeTree({ 'app.js': 'function work(n) {\n  let s = 0;\n  for (let i = 0; i < n; i++) s += i;\n  return s;\n}\nfunction helper() {}\n' });
  const url = `file://${path.join(dir, 'app.js')}`;
  const profileOf = (workSamples: number, helperSamples: number) => {
    const frame = (functionName: string, lineNumber: number) => ({ functionName, scriptId: '1', url, lineNumber, columnNumber: 0 });
    const nodes = [
      { id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, children: [2, 3] },
      { id: 2, callFrame: frame('work', 0) },
      { id: 3, callFrame: frame('helper', 5) },
    ];
    const samples = [...Array(workSamples).fill(2), ...Array(helperSamples).fill(3)];
    return { nodes, startTime: 1_000_000, endTime: 1_000_000 + samples.length * 1000, samples, timeDeltas: samples.map(() => 1000) };
  };
  const write = (name: string, profile: ReturnType<typeof profileOf>, calls: number) => {
    fs.writeFileSync(path.join(dir, name), JSON.stringify(profile));
    const counts = { format: 'perf-lens-call-counts', version: 1, calls, profile: { startTime: profile.startTime, endTime: profile.endTime }, scripts: [] };
    fs.writeFileSync(path.join(dir, `${name}.coverage.json`), JSON.stringify(counts));
  };
  // 2,000 ms each; work's share drops a little (1,800 → 1,790 samples), but 904 calls instead of 1,718.
  write('before.cpuprofile', profileOf(1800, 200), 1718);
  write('after.cpuprofile', profileOf(1790, 210), 904);

  const r = runCli(['diff', 'before.cpuprofile', 'after.cpuprofile', '--format', 'json'], dir);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.basis, 'per-call');
  assert.deepEqual([out.beforeCalls, out.afterCalls], [1718, 904]);
  const work = out.functions[0];
  assert.equal(work.functionName, 'work', 'the largest change per call first');
  assert.ok(work.deltaSelfPercent < 0, 'as shares: a small improvement');
  const ratio = work.afterSelfUsPerCall / work.beforeSelfUsPerCall;
  assert.ok(ratio > 1.85 && ratio < 1.95, `per call: ${work.beforeSelfUsPerCall} → ${work.afterSelfUsPerCall} µs (×${ratio})`);
  assert.ok(work.deltaSelfUsPerCall > 0);
  // Fields of the share basis stay (public contract: add, never rename).
  for (const k of ['beforeSelfMs', 'afterSelfMs', 'deltaSelfMs', 'beforeSelfPercent', 'afterSelfPercent', 'deltaSelfPercent', 'status']) assert.ok(k in work, k);

  const text = runCli(['diff', 'before.cpuprofile', 'after.cpuprofile'], dir);
  assert.equal(text.status, 0, text.stderr);
  const lines = text.stdout.split('\n');
  assert.match(lines[0], /^before: before\.cpuprofile \(\d+ ms sampled, 1718 calls\)$/);
  assert.match(lines[2], /^basis: per call of the profiled function/);
  assert.match(text.stdout, /1047\.7 µs\s+1980\.1 µs\s+\+932\.4 µs\s+\+89%  work  app\.js:1/);

  // One side without counts: shares, and the header says so.
  fs.rmSync(path.join(dir, 'after.cpuprofile.coverage.json'));
  const shares = JSON.parse(runCli(['diff', 'before.cpuprofile', 'after.cpuprofile', '--format', 'json'], dir).stdout);
  assert.equal(shares.basis, 'share');
  assert.equal(shares.functions[0].beforeSelfUsPerCall, undefined);
  assert.match(runCli(['diff', 'before.cpuprofile', 'after.cpuprofile'], dir).stdout.split('\n')[2], /^basis: share of each run's sampled time/);
});
