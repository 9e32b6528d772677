// analyzeProfileOffThread (src/runner/profile/analysis/analysis-worker-client.ts) with the real worker bundle: the same
// analysis as in this thread, the calling thread free meanwhile, one sentence for a bad file, abortable.
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { buildFlame } from '../../../../src/core/profile/flame';
import { computeHotspots } from '../../../../src/core/profile/hotspots';
import { enclosingFunctionLookup } from '../../../../src/runner/profile/analysis/enclosing-functions';
import { analyzeProfile } from '../../../../src/runner/profile/analysis/analyze-profile';
import { analyzeProfileOffThread, profileWorkerPath } from '../../../../src/runner/profile/analysis/analysis-worker-client';
import { isHarnessFrame } from '../../../../src/runner/profile/run-profile';
import { ProfileReadError, readProfile } from '../../../../src/runner/profile/analysis/read-profile';
import { writeGeneratedProfile, writeRealProfile } from './profile-files';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const FLAME = path.join(ROOT, 'test', 'core', 'profile', 'fixtures', 'clinic', '.clinic', '32363.clinic-flame');

/** Builds src/runner/profile/analysis/analysis-worker.ts the way esbuild.mjs does, into a fresh folder under test-output/. */
function buildWorker(): string {
  fs.mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
  const out = fs.mkdtempSync(path.join(ROOT, 'test-output', 'profile-worker-'));
  esbuild.buildSync({
    entryPoints: { 'profile-worker': path.join(ROOT, 'src/runner/profile/analysis/analysis-worker.ts') },
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  return out;
}

describe('analyzeProfileOffThread', () => {
  let dir: string;
  let out: string;
  let workerScript: string;
  let real: { script: string; profile: string };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-worker-'));
    out = buildWorker();
    workerScript = path.join(out, 'profile-worker.js');
    real = writeRealProfile(dir);
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  });

  test('profileWorkerPath finds the bundle only where it was built', () => {
    assert.equal(profileWorkerPath(out), workerScript);
    assert.equal(profileWorkerPath(dir), undefined);
  });

  test('a real profile: what Profile Function computes in its own thread, from the worker', async () => {
    const result = await analyzeProfileOffThread(real.profile, { workerScript });
    assert.deepEqual(result, analyzeProfile(real.profile));
    // The same three analyses as Profile Function's own calls (profile-function-command.ts).
    const profile = readProfile(real.profile).profile;
    const lookup = enclosingFunctionLookup();
    assert.deepEqual(result.all, computeHotspots(profile, { enclosingFunction: lookup, hidden: isHarnessFrame, limit: 1000 }));
    assert.deepEqual(result.myCode, computeHotspots(profile, { enclosingFunction: lookup, hidden: isHarnessFrame, myCodeOnly: true }));
    assert.deepEqual(result.flame, buildFlame(profile, { enclosingFunction: lookup, hidden: isHarnessFrame }));
    // The script's own function is the hottest of the user's code, its loop line the hottest line.
    assert.equal(result.myCode.hotspots[0].file, real.script);
    assert.ok(['hot', 'caller'].includes(result.myCode.hotspots[0].functionName), result.myCode.hotspots[0].functionName);
    assert.equal(result.myCode.hotLines[0].file, real.script);
    assert.ok(result.all.hotspots.length > result.myCode.hotspots.length, 'all functions, node internals too');
    assert.ok(Array.isArray(result.flame.frame) && result.flame.frame.length > 1, 'the flame graph, as plain arrays');
  });

  test('without the inlining correction: the profile as V8 recorded it', async () => {
    const result = await analyzeProfileOffThread(real.profile, { workerScript, inliningCorrection: false, limit: 5 });
    const profile = readProfile(real.profile).profile;
    assert.deepEqual(result.all, computeHotspots(profile, { hidden: isHarnessFrame, limit: 5 }));
  });

  test('clinic flame data (a folder) through the worker: the same as in this thread', async () => {
    const result = await analyzeProfileOffThread(FLAME, { workerScript, inliningCorrection: false });
    assert.deepEqual(result, analyzeProfile(FLAME, { inliningCorrection: false }));
    assert.equal(result.all.hotspots[0].functionName, 'fib');
  });

  test('the calling thread keeps running while a big profile is read', async () => {
    const file = path.join(dir, 'big.cpuprofile');
    writeGeneratedProfile(file, 1_500_000);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const result = await analyzeProfileOffThread(file, { workerScript });
      assert.equal(result.all.sampleCount, 1_500_000);
    } finally {
      clearInterval(timer);
    }
    assert.ok(ticks >= 3, `the timer ran ${ticks} times meanwhile`);
  });

  test('a bad file: ProfileReadError with the one sentence; the file untouched', async () => {
    const text = fs.readFileSync(real.profile, 'utf8');
    const truncated = path.join(dir, 'truncated.cpuprofile');
    fs.writeFileSync(truncated, text.slice(0, text.length - 100));
    const other = path.join(dir, 'other.cpuprofile');
    fs.writeFileSync(other, '{"hello":1}');
    const cases: [string, RegExp][] = [
      [truncated, /^.*truncated\.cpuprofile is not valid JSON \(Unexpected end of JSON input\)$/],
      [other, /^.*other\.cpuprofile: not a V8 CPU profile/],
      [path.join(dir, 'missing.cpuprofile'), /^cannot read .*missing\.cpuprofile \(ENOENT\)$/],
    ];
    for (const [file, message] of cases) {
      const before = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
      await assert.rejects(analyzeProfileOffThread(file, { workerScript }), (e: unknown) => e instanceof ProfileReadError && message.test(e.message) && !e.message.includes('\n'));
      if (before) assert.deepEqual(fs.readFileSync(file), before);
    }
  });

  test('aborted: rejects with the reason, before or during the work', async () => {
    const reason = new Error('closed');
    await assert.rejects(analyzeProfileOffThread(real.profile, { workerScript }, AbortSignal.abort(reason)), (e) => e === reason);
    const controller = new AbortController();
    const pending = analyzeProfileOffThread(real.profile, { workerScript }, controller.signal);
    controller.abort(reason);
    await assert.rejects(pending, (e) => e === reason);
  });

  test('no worker bundle: a clear error', async () => {
    await assert.rejects(analyzeProfileOffThread(real.profile, { workerScript: path.join(dir, 'nope.js') }), /the profile worker failed|stopped before answering/);
  });
});
