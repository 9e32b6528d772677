// perf-lens profile --npm-script / --test through the real CLI bundle, real npm and real processes.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, runCli } from './cli-harness';

const FIB = 'function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }';

describe('perf-lens profile --npm-script / --test', () => {
  let dir: string;
  before(() => {
    dir = makeTree({
      'package.json': JSON.stringify({ name: 'cli-fixture', private: true, scripts: { work: 'node light.js && node work.js', test: 'node --test' } }),
      'light.js': 'let s = 0; for (let i = 0; i < 1000; i++) s += i;\n',
      'work.js': `${FIB}\nfunction crunch() { let s = 0; const end = Date.now() + 300; while (Date.now() < end) s += fib(20); return s; }\ncrunch();\n`,
      'sum.test.js': `const { test } = require('node:test');\n${FIB}\nfunction slowSum() { let s = 0; for (let i = 0; i < 40; i++) s += fib(22); return s; }\ntest('sums', () => { slowSum(); });\n`,
      'bad.test.js': "const { test } = require('node:test');\ntest('breaks', () => { throw new Error('failing on purpose'); });\n",
    });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('--npm-script, text: hot spots of the busiest process, the other listed', () => {
    const r = runCli(['profile', '--npm-script', 'work', '--out', 'work.cpuprofile'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /crunch/);
    assert.match(r.stdout, /^npm run work: profiled work\.js \(pid \d+\): \d+ ms CPU, \d+ samples, .*work\.cpuprofile$/m);
    assert.match(r.stdout, /^other Node\.js processes of the run \(--all-processes saves their profiles too\):\n {2}light\.js \(pid \d+\)/m);
    assert.ok(fs.existsSync(path.join(dir, 'work.cpuprofile')));
  });

  test('--npm-script, json: the documented keys plus processes, the chosen one first', () => {
    const r = runCli(['profile', '--npm-script', 'work', '--format', 'json', '--out', 'work2.cpuprofile', '--all-processes'], dir);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { profile: string; partial: boolean; hotspots: { functionName: string }[]; processes: { command: string; chosen: boolean; profile: string | null }[] };
    for (const k of ['profile', 'partial', 'durationMs', 'sampleCount', 'hotspots', 'hotLines']) assert.ok(k in j, k);
    assert.equal(j.partial, false);
    assert.ok(j.hotspots.some((h) => h.functionName === 'crunch' || h.functionName === 'fib'));
    assert.equal(j.processes.length, 2);
    assert.deepEqual(j.processes.map((p) => p.chosen), [true, false]);
    assert.match(j.processes[0].command, /work\.js$/);
    assert.match(j.processes[1].profile ?? '', /work2\.\d+\.cpuprofile$/);
    assert.ok(fs.existsSync(j.processes[1].profile!));
  });

  test('--test: the test file with the project runner', () => {
    const r = runCli(['profile', '--test', 'sum.test.js', '--out', 'sum.cpuprofile'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /slowSum|fib/);
    assert.match(r.stdout, /^sum\.test\.js with node:test \(the test script runs node --test\): profiled sum\.test\.js \(pid \d+\)/m);
  });

  test('a failing test file: exit 2, the output tail, one error line', () => {
    const r = runCli(['profile', '--test', 'bad.test.js'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /failing on purpose/);
    assert.match(r.stderr, /perf-lens: the test run \(node:test\) exited with code 1\n$/);
  });

  test('bad usage: unknown script, both modes, --function with --npm-script', () => {
    const unknown = runCli(['profile', '--npm-script', 'nope'], dir);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /package\.json has no script named "nope" \(scripts: work, test\)/);
    assert.match(runCli(['profile', '--npm-script', 'work', '--test', 'sum.test.js'], dir).stderr, /give either --npm-script or --test, not both/);
    assert.match(runCli(['profile', '--npm-script', 'work', '--function', 'f'], dir).stderr, /--function cannot be combined with --npm-script/);
    assert.match(runCli(['profile', 'work.js', '--all-processes'], dir).stderr, /--all-processes needs --npm-script or --test/);
  });
});
