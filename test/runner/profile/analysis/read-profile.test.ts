// readProfile (src/runner/profile/analysis/read-profile.ts) on single files: read in chunks into the same profile as JSON.parse
// gives, and one sentence for every way a file can be wrong, the file left as it was.
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importFromCpuProfile } from '../../../../src/core/profile/import/cpuprofile';
import { ProfileReadError, readProfile } from '../../../../src/runner/profile/analysis/read-profile';
import { writeGeneratedProfile, writeRealProfile } from './profile-files';

const viaJsonParse = (file: string) => importFromCpuProfile(JSON.parse(fs.readFileSync(file, 'utf8')));

describe('readProfile: files', () => {
  let dir: string;
  let real: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-read-'));
    real = writeRealProfile(dir).profile;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a real node --cpu-prof profile: the same as JSON.parse, samples and deltas in typed arrays', () => {
    const p = readProfile(real).profile;
    const expected = viaJsonParse(real);
    assert.ok(p.samples instanceof Int32Array && p.timeDeltas instanceof Int32Array);
    assert.deepEqual(p.nodes, expected.nodes);
    assert.deepEqual(Array.from(p.samples), expected.samples);
    assert.deepEqual(Array.from(p.timeDeltas), expected.timeDeltas);
    assert.equal(p.startTime, expected.startTime);
    assert.equal(p.endTime, expected.endTime);
  });

  test('a file of several 1 MB chunks: every sample, in order', () => {
    const file = path.join(dir, 'big.cpuprofile');
    writeGeneratedProfile(file, 400_000);
    assert.ok(fs.statSync(file).size > 3 * (1 << 20), `${fs.statSync(file).size} bytes`);
    const p = readProfile(file).profile;
    const expected = viaJsonParse(file);
    assert.equal(p.samples.length, 400_000);
    assert.deepEqual(Array.from(p.samples), expected.samples);
    assert.deepEqual(Array.from(p.timeDeltas), expected.timeDeltas);
  });

  test('bad files: one sentence each, naming the file; the file untouched', () => {
    const text = fs.readFileSync(real, 'utf8');
    const write = (name: string, content: string | Buffer) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, content);
      return f;
    };
    const cases: [string, RegExp][] = [
      [path.join(dir, 'missing.cpuprofile'), /^cannot read .*missing\.cpuprofile \(ENOENT\)$/],
      [dir, /^.* is not 0x or clinic flame output \(no isolate-\*-v8\.log\.json, ticks\.json or \*\.clinic-flame-samples in it\)$/],
      [write('empty.cpuprofile', ''), /^.*empty\.cpuprofile is not valid JSON \(Unexpected end of JSON input\)$/],
      [write('half.cpuprofile', text.slice(0, text.length >> 1)), /^.*half\.cpuprofile is not valid JSON \(/],
      [write('cut-in-samples.cpuprofile', text.slice(0, text.indexOf('"samples":[') + 20)), /^.*cut-in-samples\.cpuprofile is not valid JSON \(Unexpected end of JSON input\)$/],
      [write('binary.cpuprofile', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])), /^.*binary\.cpuprofile is not valid JSON \(it starts with byte 0x89, where a profile starts with "\{" or "\["\)$/],
      [write('text.cpuprofile', 'hello'), /^.*text\.cpuprofile is not valid JSON \(it starts with "h"/],
      [write('not-a-profile.cpuprofile', '{ "hello": 1 }'), /^.*not-a-profile\.cpuprofile: not a V8 CPU profile: expected an object with "nodes", "samples" and "startTime"$/],
      [write('other.json', '{ "hello": 1, "world": [] }'), /^.*other\.json: not a profile format Perf Lens reads: the JSON is an object with "hello" and "world", where a V8 \.cpuprofile .*, 0x's preprocessed V8 log .*, 0x's ticks\.json .* or clinic flame samples .* was expected$/],
      [write('number.json', '42'), /^.*number\.json is not valid JSON \(it starts with "4"/],
      [write('list.json', '[1, 2]'), /^.*list\.json: not 0x ticks: expected a list of stacks of V8 code entries/],
      [write('bad-deltas.cpuprofile', text.replace(/"timeDeltas":\[(-?\d+),/, '"timeDeltas":[')), /^.*bad-deltas\.cpuprofile: \d+ samples but \d+ time deltas: the file may be truncated$/],
    ];
    for (const [file, message] of cases) {
      const before = fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file) : undefined;
      assert.throws(() => readProfile(file).profile, (e: unknown) => e instanceof ProfileReadError && message.test(e.message) && !e.message.includes('\n'), file);
      if (before) assert.deepEqual(fs.readFileSync(file), before, `${file} untouched`);
    }
  });
});
