// profileFunction with the real harness bundle: a CJS, an ESM and a static-method target, iteration
// counts, and the one-sentence errors for missing exports, throwing targets, crashes and bad options.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProfileOptionsError, ProfileTargetError, profileHarnessPath } from '../../../src/runner/profile/run-profile';
// profileFunction / profileScript through the helpers: every profile produced is checked for the hot-spot invariants.
import { buildHarness, profileFunction, readProfile, writeFixtures } from './helpers';

describe('profileFunction', () => {
  let harness: string;
  let harnessDir: string;
  let dir: string;
  before(() => {
    ({ harness, dir: harnessDir } = buildHarness());
    dir = writeFixtures();
  });
  after(() => {
    fs.rmSync(harnessDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const base = () => ({ cwd: dir, harnessPath: harness, durationMs: 300, warmupMs: 50 });

  test('profileHarnessPath finds the bundle only where it was built', () => {
    assert.equal(profileHarnessPath(harnessDir), harness);
    assert.equal(profileHarnessPath(dir), undefined);
  });

  test('a CPU-heavy CJS export: a valid .cpuprofile where the hot function has samples', async () => {
    const outFile = path.join(dir, 'out', 'nested', 'fib.cpuprofile');
    const r = await profileFunction({ ...base(), module: path.join(dir, 'hot.cjs'), exportName: 'fib', args: [20], outFile });
    assert.equal(r.profilePath, outFile);
    assert.equal(r.partial, false);
    assert.ok(r.calls > 0, `calls: ${r.calls}`);
    assert.ok(r.profiledMs >= 300, `profiledMs: ${r.profiledMs}`);
    assert.equal(r.requestedIntervalUs, 1000);
    const profile = readProfile(outFile);
    assert.ok(Array.isArray(profile.nodes) && profile.nodes.length > 0);
    assert.ok(Array.isArray(profile.samples) && Array.isArray(profile.timeDeltas));
    assert.equal(profile.samples.length, profile.timeDeltas.length);
    assert.equal(r.sampleCount, profile.samples.length);
    assert.ok(r.sampleCount > 0);
    const sorted = [...profile.timeDeltas].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    assert.equal(r.achievedIntervalUs, sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
    const fib = profile.nodes.filter((n) => n.callFrame.functionName === 'fib');
    assert.ok(fib.some((n) => (n.hitCount ?? 0) > 0), 'fib has samples');
    assert.ok(fib.every((n) => n.callFrame.url.endsWith('hot.cjs')));
  });

  test('an async ESM export is awaited on every call', async () => {
    const outFile = path.join(dir, 'out', 'crunch.cpuprofile');
    const r = await profileFunction({ ...base(), module: path.join(dir, 'async.mjs'), exportName: 'crunch', args: [20000], outFile, intervalUs: 200 });
    assert.equal(r.partial, false);
    assert.ok(r.calls > 0);
    assert.equal(r.requestedIntervalUs, 200);
    const profile = readProfile(outFile);
    assert.ok(profile.nodes.some((n) => n.callFrame.functionName === 'crunch' && (n.hitCount ?? 0) > 0), 'crunch has samples');
  });

  test('a static method named Class.method', async () => {
    const outFile = path.join(dir, 'out', 'area.cpuprofile');
    const r = await profileFunction({ ...base(), module: path.join(dir, 'shapes.mjs'), exportName: 'Geometry.area', args: [3, 4], outFile });
    assert.ok(r.calls > 0);
    assert.ok(r.sampleCount > 0);
    await assert.rejects(
      profileFunction({ ...base(), module: path.join(dir, 'shapes.mjs'), exportName: 'Geometry.volume', args: [], outFile }),
      { name: 'ProfileTargetError', message: 'shapes.mjs: Geometry has no static method named "volume" (static methods: area, perimeter)' },
    );
  });

  test('iterations mode makes exactly that many profiled calls, after the warm-up calls', async () => {
    const countFile = path.join(dir, 'count-a.txt');
    const r = await profileFunction({
      ...base(),
      warmupMs: 0,
      iterations: 25,
      module: path.join(dir, 'hot.cjs'),
      exportName: 'counted',
      args: [countFile],
      outFile: path.join(dir, 'out', 'counted.cpuprofile'),
    });
    assert.equal(r.calls, 25);
    assert.equal(r.partial, false);
    assert.equal(fs.readFileSync(countFile, 'utf8'), '25');

    const countFile2 = path.join(dir, 'count-b.txt');
    const r2 = await profileFunction({
      ...base(),
      warmupMs: 20,
      iterations: 7,
      module: path.join(dir, 'hot.cjs'),
      exportName: 'counted',
      args: [countFile2],
      outFile: path.join(dir, 'out', 'counted.cpuprofile'),
    });
    assert.equal(r2.calls, 7);
    const total = Number(fs.readFileSync(countFile2, 'utf8'));
    assert.ok(total > 7, `the warm-up called it too (${total} calls in all)`);
  });

  test('a missing export: one sentence that lists the exports', async () => {
    const outFile = path.join(dir, 'out', 'missing.cpuprofile');
    await assert.rejects(profileFunction({ ...base(), module: path.join(dir, 'hot.cjs'), exportName: 'fibonacci', args: [], outFile }), (e: unknown) => {
      assert.ok(e instanceof ProfileTargetError);
      assert.equal(e.message, 'hot.cjs has no export named "fibonacci" (exports: counted, fib, notAFunction)');
      assert.equal(e.exitCode, 1);
      return true;
    });
    await assert.rejects(profileFunction({ ...base(), module: path.join(dir, 'async.mjs'), exportName: 'nope', args: [], outFile }), {
      message: 'async.mjs has no export named "nope" (exports: answer, crunch)',
    });
    await assert.rejects(profileFunction({ ...base(), module: path.join(dir, 'hot.cjs'), exportName: 'notAFunction', args: [], outFile }), {
      message: 'hot.cjs: export "notAFunction" is a number, not a function',
    });
  });

  test('a throwing function: "<export> threw: <first line>", sync or async', async () => {
    const outFile = path.join(dir, 'out', 'throws.cpuprofile');
    await assert.rejects(profileFunction({ ...base(), module: path.join(dir, 'throws.cjs'), exportName: 'boom', args: ['bad input'], outFile }), (e: unknown) => {
      assert.ok(e instanceof ProfileTargetError);
      assert.equal(e.message, 'boom threw: kaput: bad input');
      assert.equal(e.exitCode, 1);
      return true;
    });
    await assert.rejects(profileFunction({ ...base(), warmupMs: 0, module: path.join(dir, 'throws.cjs'), exportName: 'rejects', args: [], outFile }), {
      message: 'rejects threw: no such thing',
    });
  });

  test('a crash (process.exit(3) inside the function) reports the exit code', async () => {
    const outFile = path.join(dir, 'out', 'die.cpuprofile');
    await assert.rejects(profileFunction({ ...base(), module: path.join(dir, 'stuck.cjs'), exportName: 'die', args: [], outFile }), (e: unknown) => {
      assert.ok(e instanceof ProfileTargetError);
      assert.equal(e.message, 'the target exited with code 3 before the profile was written');
      assert.equal(e.exitCode, 3);
      return true;
    });
  });

  test('bad options are refused with one sentence before anything starts', async () => {
    const outFile = path.join(dir, 'out', 'bad.cpuprofile');
    const ok = { ...base(), module: path.join(dir, 'hot.cjs'), exportName: 'fib', args: [10], outFile };
    const cases: [Partial<typeof ok> & { iterations?: number; timeoutMs?: number; intervalUs?: number }, RegExp][] = [
      [{ module: path.join(dir, 'nope.cjs') }, /^the module file does not exist: .*nope\.cjs$/],
      [{ module: path.join(dir, 'hot.py') }, /^the module must be a \.js, \.cjs, \.mjs, \.ts, \.cts, \.mts, \.tsx or \.jsx file: /],
      [{ exportName: ' ' }, /^no export name was given$/],
      [{ iterations: 0 }, /^iterations must be a whole number of at least 1 \(got 0\)$/],
      [{ iterations: 2.5 }, /^iterations must be a whole number of at least 1 \(got 2\.5\)$/],
      [{ durationMs: -1 }, /^durationMs must be a positive number/],
      [{ warmupMs: Number.NaN }, /^warmupMs must be 0 or a positive number/],
      [{ intervalUs: 0 }, /^intervalUs must be a whole number of microseconds/],
      [{ timeoutMs: 0 }, /^timeoutMs must be a positive number/],
      [{ cwd: path.join(dir, 'no-such-folder') }, /^the working folder does not exist: /],
      [{ harnessPath: path.join(dir, 'no-harness.js') }, /^the profile harness does not exist: /],
    ];
    for (const [change, message] of cases) {
      await assert.rejects(profileFunction({ ...ok, ...change }), (e: unknown) => {
        assert.ok(e instanceof ProfileOptionsError, `${JSON.stringify(change)}: ${String(e)}`);
        assert.match(e.message, message);
        return true;
      });
    }
    await assert.rejects(profileFunction({ ...ok, args: [10n] }), /^ProfileOptionsError: args must be JSON values/);
  });
});
