// Stopping a profile run early: time limits (a partial profile) and cancellation (a rejection), for
// targets that come back to the harness and for ones that never do, and always without leftovers.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
// profileFunction / profileScript through the helpers: every profile produced is checked for the hot-spot invariants.
import { buildHarness, isGone, profileFunction, readProfile, waitForJson, writeFixtures } from './helpers';

describe('stopping a profile run', () => {
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
  const base = () => ({ cwd: dir, harnessPath: harness, module: path.join(dir, 'stuck.cjs') });

  test('time limit, target returns between calls: the harness stops at a call boundary with a partial profile', async () => {
    const outFile = path.join(dir, 'out', 'tick.cpuprofile');
    const r = await profileFunction({ ...base(), exportName: 'tick', args: [], iterations: 1e12, warmupMs: 50, timeoutMs: 800, outFile });
    assert.equal(r.partial, true);
    assert.ok(r.calls > 0 && r.calls < 1e12, `calls: ${r.calls}`);
    const profile = readProfile(outFile);
    assert.ok(profile.nodes.length > 0 && profile.samples.length > 0);
  });

  test('time limit, a function that never returns: a partial profile, and the harness is gone', async () => {
    const outFile = path.join(dir, 'out', 'spin.cpuprofile');
    const pidFile = path.join(dir, 'spin-pids.json');
    const r = await profileFunction({ ...base(), exportName: 'spin', args: [pidFile], durationMs: 300, warmupMs: 0, timeoutMs: 800, outFile });
    assert.equal(r.partial, true);
    assert.equal(r.calls, 0);
    assert.ok(r.sampleCount > 0);
    const profile = readProfile(outFile);
    // V8 names it after the assignment: `exports.spin`.
    assert.ok(profile.nodes.some((n) => /(^|\.)spin$/.test(n.callFrame.functionName) && (n.hitCount ?? 0) > 0), 'the busy loop has samples');
    const { harness: pid } = JSON.parse(fs.readFileSync(pidFile, 'utf8')) as { harness: number };
    assert.ok(await isGone(pid), `harness ${pid} is gone`);
  });

  test('time limit: a grandchild the target spawned is killed with the process group', async () => {
    const outFile = path.join(dir, 'out', 'spawner.cpuprofile');
    const pidFile = path.join(dir, 'spawner-pids.json');
    const r = await profileFunction({ ...base(), exportName: 'spawnAndSpin', args: [pidFile], durationMs: 300, warmupMs: 0, timeoutMs: 800, outFile });
    assert.equal(r.partial, true);
    assert.ok(fs.existsSync(outFile));
    const pids = JSON.parse(fs.readFileSync(pidFile, 'utf8')) as { harness: number; grandchild: number };
    assert.ok(await isGone(pids.harness), `harness ${pids.harness} is gone`);
    assert.ok(await isGone(pids.grandchild), `grandchild ${pids.grandchild} is gone`);
  });

  // Issue 11, item 9: this used to be "the run was stopped before profiling started (while warming up)"
  // and no profile at all.
  test('time limit, a function that never returns during the warm-up: said so, and a partial profile of where it spins', async () => {
    const pidFile = path.join(dir, 'warmup-pids.json');
    const outFile = path.join(dir, 'out', 'warm.cpuprofile');
    const r = await profileFunction({ ...base(), exportName: 'spin', args: [pidFile], warmupMs: 50, timeoutMs: 300, outFile });
    assert.equal(r.partial, true);
    assert.equal(r.stoppedInsideCall, true);
    assert.equal(r.stoppedWhileWarmingUp, true);
    assert.equal(r.calls, 0);
    assert.equal(r.note, 'spin did not return within the 300 ms limit: it was stopped inside the call (during the warm-up), and the partial profile shows where it was spinning');
    const profile = readProfile(outFile);
    assert.ok(profile.nodes.some((n) => /(^|\.)spin$/.test(n.callFrame.functionName) && (n.hitCount ?? 0) > 0), 'the busy loop has samples');
    const { harness: pid } = JSON.parse(fs.readFileSync(pidFile, 'utf8')) as { harness: number };
    assert.ok(await isGone(pid));
  });

  test('keepPartialOnAbort (the CLI\'s Ctrl-C): a function that never returns is stopped inside its call, its partial profile kept', async () => {
    const pidFile = path.join(dir, 'abort-keep-pids.json');
    const outFile = path.join(dir, 'out', 'abort-keep.cpuprofile');
    const controller = new AbortController();
    const run = profileFunction({ ...base(), exportName: 'spawnAndSpin', args: [pidFile], warmupMs: 0, signal: controller.signal, keepPartialOnAbort: true, outFile });
    const pids = await waitForJson<{ harness: number; grandchild: number }>(pidFile);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const t0 = Date.now();
    controller.abort(new Error('interrupted'));
    const r = await run;
    assert.ok(Date.now() - t0 < 2500, `stopped through the watchdog, not killed after the grace period (${Date.now() - t0} ms)`);
    assert.deepEqual([r.partial, r.aborted, r.stoppedInsideCall], [true, true, true]);
    assert.match(r.note ?? '', /^spawnAndSpin did not return before it was interrupted: it was stopped inside the call/);
    assert.ok(readProfile(outFile).nodes.some((n) => /spawnAndSpin$/.test(n.callFrame.functionName) && (n.hitCount ?? 0) > 0));
    assert.ok(await isGone(pids.harness), `harness ${pids.harness} is gone`);
    assert.ok(await isGone(pids.grandchild), `grandchild ${pids.grandchild} is gone`);
  });

  test('keepPartialOnAbort: a function that returns stops at a call boundary with its partial profile', async () => {
    const outFile = path.join(dir, 'out', 'abort-tick.cpuprofile');
    const controller = new AbortController();
    const run = profileFunction({ ...base(), exportName: 'tick', args: [], iterations: 1e12, warmupMs: 50, signal: controller.signal, keepPartialOnAbort: true, outFile });
    setTimeout(() => controller.abort(new Error('interrupted')), 700);
    const r = await run;
    assert.deepEqual([r.partial, r.aborted, r.stoppedInsideCall], [true, true, undefined]);
    assert.ok(r.calls > 0);
    assert.match(r.note ?? '', /^interrupted: the partial profile covers the run until then/);
    assert.ok(readProfile(outFile).samples.length > 0);
  });

  test('abort rejects with the signal reason and leaves no process behind', async () => {
    const pidFile = path.join(dir, 'abort-pids.json');
    const controller = new AbortController();
    const reason = new Error('cancelled by the test');
    const run = profileFunction({
      ...base(),
      exportName: 'spawnAndWait',
      args: [pidFile],
      durationMs: 60_000,
      warmupMs: 0,
      signal: controller.signal,
      outFile: path.join(dir, 'out', 'abort.cpuprofile'),
    });
    const pids = await waitForJson<{ harness: number; grandchild: number }>(pidFile);
    controller.abort(reason);
    await assert.rejects(run, (e: unknown) => e === reason);
    assert.ok(await isGone(pids.harness), `harness ${pids.harness} is gone`);
    assert.ok(await isGone(pids.grandchild), `grandchild ${pids.grandchild} is gone`);
  });

  test('abort of a function that never returns: rejects after the grace period, nothing left', async () => {
    const pidFile = path.join(dir, 'abort-spin-pids.json');
    const controller = new AbortController();
    const run = profileFunction({
      ...base(),
      exportName: 'spawnAndSpin',
      args: [pidFile],
      warmupMs: 0,
      signal: controller.signal,
      outFile: path.join(dir, 'out', 'abort-spin.cpuprofile'),
    });
    const pids = await waitForJson<{ harness: number; grandchild: number }>(pidFile);
    controller.abort();
    await assert.rejects(run, { name: 'AbortError' });
    assert.ok(await isGone(pids.harness), `harness ${pids.harness} is gone`);
    assert.ok(await isGone(pids.grandchild), `grandchild ${pids.grandchild} is gone`);
  });

  test('an already aborted signal rejects at once', async () => {
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await assert.rejects(
      profileFunction({ ...base(), exportName: 'tick', args: [], signal: controller.signal, outFile: path.join(dir, 'out', 'never.cpuprofile') }),
      /too late/,
    );
    assert.equal(fs.existsSync(path.join(dir, 'out', 'never.cpuprofile')), false);
  });
});
