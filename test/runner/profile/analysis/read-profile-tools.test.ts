// readProfile on the real 0x and clinic flame fixtures, and on folders that are neither.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeHotspots } from '../../../../src/core/profile/hotspots';
import { ProfileReadError, clinicFlameRuns, readProfile } from '../../../../src/runner/profile/analysis/read-profile';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'core', 'profile', 'fixtures');
const ZERO_X = path.join(FIXTURES, 'zero-x', '32035.0x');
const CLINIC = path.join(FIXTURES, 'clinic', '.clinic');
const FLAME = path.join(CLINIC, '32363.clinic-flame');

const top = (target: string) => computeHotspots(readProfile(target).profile).hotspots[0].functionName;

describe('readProfile', () => {
  let scratch: string;
  before(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-0xread-'));
  });
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  test('a 0x folder, its data file, and a folder holding 0x runs', () => {
    const data = readProfile(ZERO_X);
    assert.equal(data.format, '0x');
    assert.equal(data.dataFile, path.join(ZERO_X, 'isolate-0x7e028d0-32035-32035-v8.log.json'));
    assert.equal(data.estimatedTimes, false);
    assert.equal(data.flamegraphHtml, undefined, 'the fixture has no flamegraph.html');
    assert.equal(top(ZERO_X), 'fib');
    assert.equal(top(data.dataFile), 'fib');
    assert.equal(top(path.dirname(ZERO_X)), 'fib');
  });

  test('a clinic flame folder, its samples file, the .clinic folder and the project holding it', () => {
    for (const target of [FLAME, path.join(FLAME, '32363.clinic-flame-samples'), CLINIC, path.dirname(CLINIC)]) {
      const data = readProfile(target);
      assert.equal(data.format, 'clinic-flame', target);
      assert.equal(data.estimatedTimes, true);
      assert.equal(top(target), 'fib');
    }
    assert.deepEqual(clinicFlameRuns(path.dirname(CLINIC)), [FLAME]);
  });

  test('clinic\'s page beside the run is found, and names the run when given', () => {
    // The fixture leaves clinic's 750 kB page out; any file of that name stands for it here.
    const dot = path.join(scratch, 'page', '.clinic');
    fs.mkdirSync(dot, { recursive: true });
    fs.cpSync(FLAME, path.join(dot, '7.clinic-flame'), { recursive: true });
    fs.writeFileSync(path.join(dot, '7.clinic-flame.html'), '<html></html>');
    assert.equal(readProfile(path.join(dot, '7.clinic-flame')).flamegraphHtml, path.join(dot, '7.clinic-flame.html'));
    assert.equal(readProfile(path.join(dot, '7.clinic-flame.html')).dataFile, path.join(dot, '7.clinic-flame', '32363.clinic-flame-samples'));
  });

  test('the newest of several clinic flame runs, said so', () => {
    const dot = path.join(scratch, 'two', '.clinic');
    fs.mkdirSync(dot, { recursive: true });
    fs.cpSync(FLAME, path.join(dot, '100.clinic-flame'), { recursive: true });
    fs.cpSync(FLAME, path.join(dot, '200.clinic-flame'), { recursive: true });
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dot, '200.clinic-flame'), old, old);
    const data = readProfile(dot);
    assert.equal(data.note, 'the newest of 2 clinic flame runs: 100.clinic-flame');
    assert.equal(path.basename(path.dirname(data.dataFile)), '100.clinic-flame');
  });

  test('a .cpuprofile is read as before', () => {
    const file = path.join(scratch, 'x.cpuprofile');
    const frame = (functionName: string) => ({ functionName, scriptId: '1', url: 'file:///x.js', lineNumber: 0, columnNumber: 0 });
    fs.writeFileSync(file, JSON.stringify({ nodes: [{ id: 1, callFrame: frame('(root)'), children: [2] }, { id: 2, callFrame: frame('f') }], startTime: 0, endTime: 2, samples: [2], timeDeltas: [1] }));
    const data = readProfile(file);
    assert.equal(data.format, 'cpuprofile');
    assert.equal(top(file), 'f');
  });

  test('folders that are not 0x or clinic flame output, or are damaged: one sentence each', () => {
    const make = (name: string, files: Record<string, string>) => {
      const dir = path.join(scratch, name);
      fs.mkdirSync(dir, { recursive: true });
      for (const [f, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), text);
      }
      return dir;
    };
    const cases: [string, RegExp][] = [
      [make('empty', {}), /is not 0x or clinic flame output \(no isolate-\*-v8\.log\.json, ticks\.json or \*\.clinic-flame-samples in it\)$/],
      [make('doctor', { '.clinic/1.clinic-doctor/1.clinic-doctor-processstat': '' }), /holds clinic doctor data, which has no CPU samples: only clinic flame runs can be opened$/],
      [make('raw.0x', { 'isolate-0x1-5-5-v8.log': 'v8-version,11\n' }), /holds a V8 log that 0x has not processed \(the run was interrupted\?\): run "0x --visualize-only .*raw\.0x" to process it$/],
      [make('kernel.0x', { 'stacks.5.out': '' }), /is 0x --kernel-tracing output/],
      [make('cut.0x', { 'isolate-0x1-5-5-v8.log.json': '{"code":[{"name":"a"' }), /is not valid JSON \(.*\): the run may not have finished writing it$/],
      [make('wrong.0x', { 'isolate-0x1-5-5-v8.log.json': '{"code":[],"ticks":[]}' }), /: the 0x data has no samples: the program may have ended before V8 took one$/],
      [make('bad.clinic-flame', { 'x.clinic-flame-samples': '{"a":1}' }), /x\.clinic-flame-samples: not clinic flame samples/],
      [path.join(scratch, 'missing'), /^cannot read .*missing \(ENOENT\)$/],
    ];
    for (const [target, message] of cases) {
      assert.throws(() => readProfile(target), (e: unknown) => e instanceof ProfileReadError && message.test(e.message) && !e.message.includes('\n'), target);
    }
  });
});
