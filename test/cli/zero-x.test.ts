// perf-lens hotspots on real 0x and clinic flame output, and perf-lens profile --with-0x with the real 0x.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, makeTree, runCli } from './cli-harness';
import { importFromZeroX } from '../../src/core/profile/import/zero-x';

const FIXTURES = path.join(ROOT, 'test', 'core', 'profile', 'fixtures');
const DOCUMENTED_KEYS = ['profile', 'partial', 'durationMs', 'sampleCount', 'hotspots', 'hotLines'];

describe('perf-lens diff with 0x and clinic flame data', () => {
  const ZERO_X = path.join(FIXTURES, 'zero-x', '32035.0x');
  const CLINIC = path.join(FIXTURES, 'clinic', '.clinic');

  test('a .cpuprofile against a 0x folder: the same run, fib matched on both sides', () => {
    // The 0x log made into a .cpuprofile: the same samples on both sides.
    const p = importFromZeroX(JSON.parse(fs.readFileSync(path.join(ZERO_X, 'isolate-0x7e028d0-32035-32035-v8.log.json'), 'utf8')));
    const dir = makeTree({ 'a.cpuprofile': JSON.stringify({ ...p, samples: Array.from(p.samples), timeDeltas: Array.from(p.timeDeltas) }) });
    const r = runCli(['diff', 'a.cpuprofile', ZERO_X, '--format', 'json', '--limit', '5'], dir);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.after, ZERO_X);
    const fib = out.functions.find((f: { functionName: string }) => f.functionName === 'fib');
    assert.equal(fib?.status, 'both');
    assert.equal(r.stderr, '');
  });

  test('0x against clinic flame: text, and the note on stderr that clinic keeps no times', () => {
    const r = runCli(['diff', ZERO_X, CLINIC], ROOT);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\bfib\b/);
    assert.match(r.stderr, /32363\.clinic-flame-samples: these samples carry no times: each counts as 1 ms \(shares are exact\)/);
    const bad = runCli(['diff', ZERO_X, path.join(FIXTURES, 'zero-x')], ROOT);
    assert.equal(bad.status, 0, 'a folder of 0x runs: the newest');
    const none = runCli(['diff', ZERO_X, FIXTURES], ROOT);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /is not 0x or clinic flame output/);
  });
});

describe('perf-lens hotspots on 0x and clinic flame data', () => {
  test('a 0x folder: the documented JSON, fib on top', () => {
    const folder = path.join(FIXTURES, 'zero-x', '32035.0x');
    const r = runCli(['hotspots', folder, '--format', 'json'], ROOT);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out).slice(0, DOCUMENTED_KEYS.length), DOCUMENTED_KEYS);
    assert.equal(out.profile, path.join(folder, 'isolate-0x7e028d0-32035-32035-v8.log.json'));
    assert.equal(out.hotspots[0].functionName, 'fib');
    assert.equal(out.hotspots[0].line, 3);
    assert.equal(out.hotspots[0].calls, null);
  });

  test('a .clinic folder in text: fib on top, and the note that clinic keeps no times', () => {
    // --as-recorded: V8's own place of fib, whether or not the profiled hot.js is still on this machine.
    const r = runCli(['hotspots', path.join(FIXTURES, 'clinic', '.clinic'), '--my-code', '--as-recorded'], ROOT);
    assert.equal(r.status, 0, r.stderr);
    const firstRow = r.stdout.split('\n').find((l) => /^\s+\d+\.\d\s/.test(l));
    assert.match(firstRow ?? '', /\bfib\s+\/tmp\/zx\/fx\/hot\.js:3:13$/);
    assert.match(r.stdout, /these samples carry no times: each counts as 1 ms \(shares are exact\)/);
  });

  test('a folder that is neither: exit 2 and one line', () => {
    const dir = makeTree({ 'empty/.keep': '' });
    try {
      const r = runCli(['hotspots', 'empty'], dir);
      assert.equal(r.status, 2);
      assert.equal(r.stderr, `perf-lens: ${path.join(dir, 'empty')} is not 0x or clinic flame output (no isolate-*-v8.log.json, ticks.json or *.clinic-flame-samples in it)\n`);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});

describe('perf-lens profile --with-0x', () => {
  let project: string;
  before(() => {
    project = makeTree({
      'busy.js': [
        'function crunch(n) { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i) % 3; return s; }',
        'const end = Date.now() + 500;',
        'let t = 0;',
        'while (Date.now() < end) t += crunch(100000);',
        "if (t < 0) console.log('never');",
      ].join('\n'),
    });
  });
  after(() => fs.rmSync(project, { recursive: true, force: true }));

  test('without 0x in the project: exit 2, one line saying how to add it', () => {
    const r = runCli(['profile', 'busy.js', '--with-0x'], project);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `perf-lens: 0x is not installed in ${project} (no node_modules/.bin/0x): add it to the project with "npm install --save-dev 0x"\n`);
    assert.equal(fs.existsSync(path.join(project, '.perf-lens')), false);
  });

  test('options that do not apply to 0x are refused', () => {
    const r = runCli(['profile', 'busy.js', '--with-0x', '--interval', '100'], project);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^perf-lens: --interval cannot be used with --with-0x/);
  });

  test('with the project\'s 0x: its folder in --out, the hot function first, flamegraph.html named in text', () => {
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    const json = runCli(['profile', 'busy.js', '--with-0x', '--out', 'runs/one.0x', '--format', 'json', '--my-code'], project);
    assert.equal(json.status, 0, json.stderr);
    const out = JSON.parse(json.stdout);
    assert.equal(out.profile, path.join(project, 'runs', 'one.0x'));
    assert.equal(out.partial, false);
    assert.equal(out.hotspots[0].functionName, 'crunch');
    assert.equal(out.hotspots[0].file, path.join(project, 'busy.js'));
    assert.ok(fs.existsSync(path.join(project, 'runs', 'one.0x', 'flamegraph.html')));

    // The same folder again is refused rather than overwritten.
    const again = runCli(['profile', 'busy.js', '--with-0x', '--out', 'runs/one.0x'], project);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /runs\/one\.0x already exists: 0x needs a new folder\n$/);

    const text = runCli(['profile', 'busy.js', '--with-0x'], project);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /profiled by the project's 0x \d+\.\d+\.\d+ \(V8 --prof\); its own flame graph: .*\.perf-lens\/0x\/busy\.js-\d{8}-\d{6}\.0x\/flamegraph\.html\n$/);
  });
});
