// Stopping a profile run early: time limits (a partial profile) and cancellation (a rejection), for
// targets that come back to the harness and for ones that never do, and always without leftovers.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProfileTargetError, profileFunction } from '../../../src/runner/profile/run-profile';
import { buildHarness, isGone, readProfile, waitForJson, writeFixtures } from './helpers';

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

  test('time limit during the warm-up: no profile, one sentence', async () => {
    const pidFile = path.join(dir, 'warmup-pids.json');
    await assert.rejects(
      profileFunction({ ...base(), exportName: 'spin', args: [pidFile], warmupMs: 50, timeoutMs: 300, outFile: path.join(dir, 'out', 'warm.cpuprofile') }),
      (e: unknown) => {
        assert.ok(e instanceof ProfileTargetError);
        assert.equal(e.message, 'the run was stopped before profiling started (while warming up)');
        return true;
      },
    );
    const { harness: pid } = JSON.parse(fs.readFileSync(pidFile, 'utf8')) as { harness: number };
    assert.ok(await isGone(pid));
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
