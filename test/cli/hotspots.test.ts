// perf-lens hotspots on real V8 profiles written by node --cpu-prof, through the real CLI bundle.
import { test, describe, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, runCli } from './cli-harness';

const DOCUMENTED_KEYS = ['profile', 'partial', 'durationMs', 'sampleCount', 'hotspots', 'hotLines'];
const HOTSPOT_KEYS = ['functionName', 'file', 'line', 'column', 'selfMs', 'selfPercent', 'totalMs', 'totalPercent', 'calls'];

const SCRIPT = [
  'function sumOfSquares(n) {',
  '  let s = 0;',
  '  for (let i = 0; i < n; i++) s += i * i;',
  '  return s;',
  '}',
  'function run() {',
  '  let x = 0;',
  '  const end = Date.now() + 400;',
  '  while (Date.now() < end) x += sumOfSquares(50_000);',
  '  return x;',
  '}',
  'if (run() < 0) console.log("never");',
].join('\n');

describe('perf-lens hotspots', () => {
  let dir: string;
  let profile: string;
  before(() => {
    dir = makeTree({ 'src/busy.js': SCRIPT });
    const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', path.join(dir, 'prof'), '--cpu-prof-interval', '500', 'src/busy.js'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    profile = path.join('prof', fs.readdirSync(path.join(dir, 'prof'))[0]);
  });

  test('--format json: the documented keys first, 1-based positions, the function the user wrote on top', () => {
    const r = runCli(['hotspots', profile, '--format', 'json', '--my-code'], dir);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out).slice(0, DOCUMENTED_KEYS.length), DOCUMENTED_KEYS);
    assert.equal(out.profile, path.join(dir, profile));
    assert.equal(out.partial, false);
    assert.ok(out.sampleCount > 50 && out.durationMs > 300, `${out.sampleCount} samples, ${out.durationMs} ms`);
    assert.deepEqual(Object.keys(out.hotspots[0]), HOTSPOT_KEYS);
    // V8 usually inlines sumOfSquares into run; the source lookup gives the time back to it.
    assert.deepEqual([out.hotspots[0].functionName, out.hotspots[0].file, out.hotspots[0].line], ['sumOfSquares', path.join(dir, 'src/busy.js'), 1]);
    assert.ok(out.hotspots[0].selfPercent > 50);
    assert.equal(out.hotspots[0].calls, null);
    assert.deepEqual(Object.keys(out.hotLines[0]), ['file', 'line', 'selfMs', 'selfPercent']);
    assert.equal(out.hotLines[0].line, 3);
    assert.ok(out.hotspots.every((h: { file: string }) => h.file.startsWith(dir)), 'only the project with --my-code');
    assert.ok(out.intervalUs > 0);
  });

  test('--as-recorded keeps V8\'s own attribution; the correction only moves time between functions', () => {
    const recorded = JSON.parse(runCli(['hotspots', profile, '--format', 'json', '--as-recorded', '--limit', '1000'], dir).stdout);
    const corrected = JSON.parse(runCli(['hotspots', profile, '--format', 'json', '--limit', '1000'], dir).stdout);
    const sum = (o: { hotspots: { selfMs: number }[] }) => o.hotspots.reduce((s, h) => s + h.selfMs, 0);
    assert.ok(Math.abs(sum(recorded) - sum(corrected)) < 0.05, `${sum(recorded)} vs ${sum(corrected)}`);
    assert.deepEqual(recorded.hotLines, corrected.hotLines, 'lines are where the ticks are either way');
    assert.equal(recorded.sampleCount, corrected.sampleCount);
  });

  test('text: a table with paths relative to the working directory', () => {
    const r = runCli(['hotspots', profile, '--limit', '3'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^prof\/.*\.cpuprofile\n\d+ ms, \d+ samples, one every \d+\.\d\d ms \(achieved\); GC \d/);
    assert.match(r.stdout, /\n +[\d.]+ +[\d.]+% +[\d.]+ +[\d.]+%  sumOfSquares  src\/busy\.js:1:\d+\n/);
    assert.match(r.stdout, /hot line\n +[\d.]+ +[\d.]+%  src\/busy\.js:3\n/);
    const functionRows = r.stdout.split('hot line')[0].split('\n').filter((l) => /%  \S/.test(l));
    assert.equal(functionRows.length, 3, '--limit 3');
  });

  test('bad input: one line on stderr, exit 2, nothing on stdout', () => {
    const t = makeTree({
      'not.json': '{ "nodes": [',
      'other.json': '{ "hello": 1 }',
      'truncated.cpuprofile': JSON.stringify({ nodes: [{ id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 } }], startTime: 0, endTime: 5, samples: [1, 1], timeDeltas: [1] }),
    });
    const cases: [string[], RegExp][] = [
      [['hotspots', 'missing.cpuprofile'], /^perf-lens: cannot read .*missing\.cpuprofile \(ENOENT\)$/],
      [['hotspots', 'not.json'], /^perf-lens: .*not\.json is not valid JSON \(/],
      [['hotspots', 'other.json'], /^perf-lens: .*other\.json: not a profile format Perf Lens reads: the JSON is an object with "hello"/],
      [['hotspots', 'truncated.cpuprofile'], /^perf-lens: .*truncated\.cpuprofile: 2 samples but 1 time deltas: the file may be truncated$/],
      [['hotspots'], /^perf-lens: give exactly one \.cpuprofile file/],
      [['hotspots', 'a', 'b'], /^perf-lens: give exactly one \.cpuprofile file/],
      [['hotspots', 'x', '--limit', '0'], /^perf-lens: --limit must be a whole number of at least 1/],
      [['hotspots', 'x', '--format', 'xml'], /^perf-lens: --format must be one of text, json/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args, t);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], message);
    }
  });

  test('listed in perf-lens --help, with its own --help', () => {
    assert.match(runCli(['--help'], dir).stdout, /\n {2}hotspots {2}/);
    const h = runCli(['hotspots', '--help'], dir);
    assert.equal(h.status, 0);
    assert.match(h.stdout, /^Usage: perf-lens hotspots <file\.cpuprofile>/);
  });
});
