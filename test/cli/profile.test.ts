// perf-lens profile through the real CLI bundle: real child processes, real V8 profiles.
import { test, describe, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT, cliBundle, makeTree, runCli } from './cli-harness';
import { analyseProducedProfile } from '../runner/profile/helpers';

const DOCUMENTED_KEYS = ['profile', 'partial', 'durationMs', 'sampleCount', 'hotspots', 'hotLines'];

const MODULE = [
  "'use strict';",
  'function sumOfSquares(n) {',
  '  let s = 0;',
  '  for (let i = 0; i < n; i++) s += i * i;',
  '  return s;',
  '}',
  'function report(rows) {',
  '  let total = 0;',
  '  for (const r of rows) total += sumOfSquares(r);',
  '  return total;',
  '}',

  'module.exports = { report, boom() { throw new Error("bad input"); } };',
].join('\n');

const SCRIPT = [
  "const n = Number(process.argv[2]);",
  'let s = 0;',
  'const end = Date.now() + 300;',
  'while (Date.now() < end) for (let i = 0; i < n; i++) s += Math.sqrt(i);',
  'if (s < 0) console.log(s);',
].join('\n');

// Issue 11, item 8: a script's own output, passed through; its crash, said.
const CHATTY = [
  "console.log('hello from the script');",
  "console.error('a warning from the script');",
  "process.stdout.write('no newline at the end');",
].join('\n');
const CRASH = [
  "console.log('starting');",
  "console.error('about to fail');",
  'function load(x) { return x.missing.deep; }',
  'load({});',
].join('\n');
 // Issue 11, item 9: a function that never returns.
const STUCK = [
  "const fs = require('node:fs');",
  'function churn(i) { return (i * 31) % 7; }',
  'exports.forever = (flag) => {',
  '  if (flag) fs.writeFileSync(flag, String(process.pid));',
  '  let s = 0;',
  '  for (let i = 0; ; i++) s += churn(i);',
  '};',
  'exports.quick = () => Math.sqrt(Math.random());',
].join('\n');
const BAD_SYNTAX = "console.log('never printed');\nlet = = 3;\n";

describe('perf-lens profile', () => {
  let dir: string;
  before(() => {
    dir = makeTree({ 'lib/report.js': MODULE, 'scripts/busy.js': SCRIPT, 'scripts/chatty.js': CHATTY, 'scripts/crash.js': CRASH, 'scripts/bad-syntax.js': BAD_SYNTAX, 'lib/stuck.js': STUCK });
  });

  test('--function: the saved profile, the documented JSON, the hot function on top, exact call count', () => {
    const r = runCli(['profile', 'lib/report.js', '--function', 'report', '--args', '[[20000, 30000, 40000]]', '--iterations', '300', '--format', 'json', '--my-code'], dir);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out).slice(0, DOCUMENTED_KEYS.length), DOCUMENTED_KEYS);
    assert.equal(out.partial, false);
    assert.equal(out.calls, 300);
    assert.equal(out.requestedIntervalUs, 1000);
    assert.match(out.profile, /\.perf-lens\/profiles\/report-\d{8}-\d{6}\.cpuprofile$/);
    assert.ok(fs.existsSync(out.profile));
    JSON.parse(fs.readFileSync(out.profile, 'utf8')); // a plain .cpuprofile, as DevTools opens it
    assert.equal(out.hotspots[0].functionName, 'sumOfSquares');
    assert.equal(out.hotspots[0].file, path.join(dir, 'lib/report.js'));
    assert.equal(out.hotLines[0].line, 4);
  });

  test('the user\'s function keeps its samples: V8 may not inline it into the harness loop', () => {
    // examples' packingSlip was inlined into the harness about every other run before the harness loop
    // was kept unoptimized: the profile then had no sample in the user's file at all.
    const names = JSON.stringify([Array.from({ length: 3000 }, (_, i) => `Widget ${i}`)]);
    for (let run = 0; run < 3; run++) {
      const r = runCli(['profile', path.join(ROOT, 'examples/node-shop/src/reports/csv.slow.js'), '--function', 'packingSlip', '--args', names, '--duration', '400', '--format', 'json', '--my-code', '--out', `out/slip-${run}.cpuprofile`], dir);
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.equal(out.hotspots[0]?.functionName, 'packingSlip', `run ${run}: ${JSON.stringify(out.hotspots.slice(0, 3))}`);
      assert.equal(out.hotLines[0].line, 35, 'the lastIndexOf line, which flattens the rope');
    }
  });

  test('text output names the function, the calls and the achieved interval; --out is honoured', () => {
    const r = runCli(['profile', 'lib/report.js', '--function', 'report', '--args', '[[20000]]', '--duration', '300', '--interval', '500', '--out', 'out/p.cpuprofile'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(dir, 'out/p.cpuprofile')));
    assert.match(r.stdout, /^out\/p\.cpuprofile\n/);
    assert.match(r.stdout, /  sumOfSquares  lib\/report\.js:2:\d+\n/);
    assert.match(r.stdout, /\n\d+ calls of report in \d+ ms; sampling: 500 µs requested, \d+ µs achieved\n$/);
    // The harness's own loop is not a hot spot of the user's code (even without --my-code).
    assert.doesNotMatch(r.stdout, /profile-harness/);
  });

  test('--args-js: an expression in the module\'s scope, with its unexported helper', () => {
    const r = runCli(['profile', 'lib/report.js', '--function', 'report', '--args-js', '[Array.from({ length: 3 }, () => sumOfSquares(10))]', '--iterations', '50', '--format', 'json', '--no-call-counts'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).calls, 50);
  });

  test('a script, with its own arguments after --', () => {
    const r = runCli(['profile', 'scripts/busy.js', '--format', 'json', '--my-code', '--', '20000'], dir);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.partial, false);
    assert.ok(out.hotspots.length > 0 && out.hotspots[0].file === path.join(dir, 'scripts/busy.js'), JSON.stringify(out.hotspots[0]));
  });

  test('a script\'s stdout and stderr go to perf-lens\'s stderr as it runs; stdout stays pure JSON (or the text report)', () => {
    const r = runCli(['profile', 'scripts/chatty.js', '--format', 'json'], dir);
    assert.equal(r.status, 0, r.stderr);
    JSON.parse(r.stdout); // nothing of the script's in it
    assert.ok(!r.stdout.includes('hello from the script'));
    assert.deepEqual(r.stderr.split('\n').filter((l) => l !== '').sort(), ['a warning from the script', 'hello from the script', 'no newline at the end']);
    const text = runCli(['profile', 'scripts/chatty.js'], dir);
    assert.equal(text.status, 0, text.stderr);
    assert.ok(!text.stdout.includes('hello from the script'), text.stdout);
    assert.match(text.stderr, /hello from the script/);
  });

  test('a script that crashes: its output is shown, and the error names its last stderr line', () => {
    const r = runCli(['profile', 'scripts/crash.js', '--format', 'json'], dir);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trim().split('\n');
    assert.ok(lines.includes('starting') && lines.includes('about to fail'), r.stderr);
    assert.ok(lines.some((l) => /^\s+at load /.test(l)), 'the stack trace passes through');
    assert.equal(lines[lines.length - 1], "perf-lens: the script exited with code 1: TypeError: Cannot read properties of undefined (reading 'deep')");

    const bad = runCli(['profile', 'scripts/bad-syntax.js'], dir);
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr.trim().split('\n').pop()!, /^perf-lens: the script exited with code 1: SyntaxError: /);
    assert.ok(!bad.stderr.includes('never printed'));
  });

  test('a function that never returns: said on stderr, and the partial profile shows where it spins', () => {
    const r = runCli(['profile', 'lib/stuck.js', '--function', 'forever', '--timeout', '1000', '--format', 'json', '--my-code'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stderr.trim(),
      'perf-lens: forever did not return within the 1000 ms limit: it was stopped inside the call (during the warm-up), and the partial profile shows where it was spinning',
    );
    const out = JSON.parse(r.stdout);
    assert.deepEqual([out.partial, out.stoppedInsideCall, out.stoppedWhileWarmingUp, out.calls], [true, true, true, 0]);
    assert.match(out.note, /^forever did not return within the 1000 ms limit/);
    assert.ok(fs.existsSync(out.profile));
    const names = out.hotspots.map((h: { functionName: string }) => h.functionName);
    assert.ok(names.some((n: string) => /forever|churn/.test(n)), names.join(', '));

    const text = runCli(['profile', 'lib/stuck.js', '--function', 'forever', '--timeout', '800'], dir);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /\(partial: forever did not return within the time limit\)/);
  });

  test('Ctrl-C keeps the partial profile, for a function that never returns and for one that does', async () => {
    const interrupt = async (args: string[], flag?: string): Promise<{ code: number | null; stdout: string; stderr: string }> => {
      const child = spawn(process.execPath, [cliBundle(), ...args], { cwd: dir, env: { ...process.env, PERF_LENS_DEBUG: '' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.stderr.on('data', (c) => (stderr += c));
      const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      if (flag) {
        for (let i = 0; i < 200 && !fs.existsSync(flag); i++) await new Promise((r) => setTimeout(r, 50));
        assert.ok(fs.existsSync(flag), 'the target started');
      }
      await new Promise((r) => setTimeout(r, 1200));
      child.kill('SIGINT');
      return { code: await closed, stdout, stderr };
    };
    const flag = path.join(dir, 'forever.started');
    const spun = await interrupt(['profile', 'lib/stuck.js', '--function', 'forever', '--args', JSON.stringify([flag]), '--format', 'json'], flag);
    assert.equal(spun.code, 0, spun.stderr);
    const out = JSON.parse(spun.stdout);
    assert.deepEqual([out.partial, out.aborted, out.stoppedInsideCall], [true, true, true]);
    assert.match(spun.stderr, /^perf-lens: forever did not return before it was interrupted/m);
    assert.ok(out.sampleCount > 0);
    analyseProducedProfile(out.profile);

    const quick = await interrupt(['profile', 'lib/stuck.js', '--function', 'quick', '--duration', '60000', '--no-call-counts']);
    assert.equal(quick.code, 0, quick.stderr);
    assert.match(quick.stdout, /\(partial: interrupted\)/);
    assert.match(quick.stderr, /^perf-lens: interrupted: the partial profile covers the run until then/m);
  });

  test('bad targets and bad usage: one line on stderr, exit 2, no profile left half-written', () => {
    const cases: [string[], RegExp][] = [
      [['profile', 'lib/report.js', '--function', 'nope'], /^perf-lens: .*no export named "nope".*report/],
      [['profile', 'lib/report.js', '--function', 'boom', '--iterations', '1'], /^perf-lens: .*boom threw: bad input/],
      [['profile', 'lib/missing.js', '--function', 'x'], /^perf-lens: no such file: lib\/missing\.js$/],
      [['profile', 'lib/report.js', '--function', 'report', '--args', '{"a":1}'], /^perf-lens: --args must be a JSON array/],
      [['profile', 'lib/report.js', '--function', 'report', '--args', '[1,'], /^perf-lens: --args is not valid JSON/],
      [['profile', 'lib/report.js', '--function', 'report', '--iterations', '0'], /^perf-lens: --iterations must be a whole number from 1/],
      [['profile', 'scripts/busy.js', '--iterations', '3'], /^perf-lens: --iterations needs --function/],
      [['profile', 'lib/report.js', '--function', 'report', '--args', '[]', '--args-js', '[[1]]'], /^perf-lens: give the arguments either as --args \(JSON\) or as --args-js/],
      [['profile', 'lib/report.js', '--function', 'report', '--args-js', '[missing(1)]', '--iterations', '1'], /^perf-lens: the arguments expression threw: missing is not defined$/],
      [['profile'], /^perf-lens: name the module or script to profile/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args, dir);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], message);
    }
  });
});
