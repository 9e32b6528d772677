// Two profile files compared (src/runner/profile/analysis/compare-profiles.ts): real function profiles with call counts
// from the real harness, and written files for the call-count fallback and the read errors.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareProfileFiles, compareProfileFilesInWorker, profiledCalls } from '../../../../src/runner/profile/analysis/compare-profiles';
import { spawnSync } from 'node:child_process';
import { callCountsPath } from '../../../../src/runner/profile/call-counts';
import { ProfileReadError, readProfile } from '../../../../src/runner/profile/analysis/read-profile';
import { compareTimes } from '../../../../src/core/profile/diff-flame';
import { computeHotspots } from '../../../../src/core/profile/hotspots';
// profileFunction / profileScript through the helpers: every profile produced is checked for the hot-spot invariants.
import { buildHarness, profileFunction } from '../helpers';

// Work done in builtins (join, JSON.stringify), which run as fast with V8's optimizer off: the counting
// pass after each profile fits in its time budget.
const HOT = `'use strict';
const WORDS = Array.from({ length: 200000 }, (_, i) => 'w' + ((i * 7919) % 100003));
function joinWords(n) {
  return WORDS.slice(0, n).join(',').length;
}
function encodeWords(n) {
  return JSON.stringify(WORDS.slice(0, n)).length;
}
function report(joins, encodes) {
  let total = 0;
  for (const n of joins) total += joinWords(n);
  for (const n of encodes) total += encodeWords(n);
  return total;
}
module.exports = { report };
`;

describe('compareProfileFiles', () => {
  let dir: string;
  let harnessDir: string;
  let harness: string;
  before(() => {
    ({ dir: harnessDir, harness } = buildHarness());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-compare-'));
    fs.writeFileSync(path.join(dir, 'hot.js'), HOT);
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(harnessDir, { recursive: true, force: true });
  });

  test('two real runs of a function with call counts compare per call: four times the work in one callee is slower, per function and in the flame graph', async () => {
    const run = (name: string, args: unknown[]) =>
      profileFunction({ module: 'hot.js', exportName: 'report', args, iterations: 400, warmupMs: 100, outFile: path.join(dir, name), cwd: dir, harnessPath: harness, callCounts: true });
    const older = await run('report-20260101-100000.cpuprofile', [[5000], [5000]]);
    const newer = await run('report-20260101-100500.cpuprofile', [[5000], [20_000]]);
    assert.ok(older.coveragePath && newer.coveragePath, `both runs have call counts: ${older.callCountsNote ?? ""} ${newer.callCountsNote ?? ""}`);

    const c = compareProfileFiles(older.profilePath, newer.profilePath);
    assert.equal(c.before.calls, older.calls);
    assert.equal(c.after.calls, newer.calls);
    assert.equal(c.flame.norm.mode, 'call');
    assert.ok(c.before.durationMs > 0 && c.after.durationMs > 0);
    // The table (hot spots) and the flame graph share one base: each run's sampled time.
    for (const [run, side] of [[older, 'before'], [newer, 'after']] as const) {
      const sampledMs = computeHotspots(readProfile(run.profilePath).profile).sampledMs;
      assert.ok(Math.abs(sampledMs - c.flame.norm[side].sampledUs / 1000) < 1e-6, `${side}: ${sampledMs} ms vs ${c.flame.norm[side].sampledUs} µs`);
    }

    const encode = c.functions.find((f) => f.functionName === 'encodeWords');
    assert.ok(encode, c.functions.map((f) => f.functionName).join(', '));
    assert.equal(encode.line, 6);
    const change = compareTimes(c.flame.norm, encode.beforeSelfMs * 1000, encode.afterSelfMs * 1000);
    assert.equal(change.verdict, 'slower');
    assert.ok(change.after > 2 * change.before, `µs per call ${change.before} → ${change.after}`);
    // In the flame graph, under report (the harness spliced out), encodeWords is red.
    const d = c.flame;
    const at = d.frame.findIndex((f, i) => d.frames[f].name === 'encodeWords' && d.frames[d.frame[d.parent[i]]].name === 'report');
    assert.ok(at > 0, `no report → encodeWords in ${d.frame.map((f, i) => '  '.repeat(d.depth[i]) + d.frames[f].name).join('\n')}`);
    assert.ok(d.change[at] > 0, `change ${d.change[at]}`);
    assert.equal(d.frames[d.frame[d.parent[d.parent[at]]]].name, '(root)');
  });

  test('a call-count file of another profile, or none, falls back to shares of the run', () => {
    const profile = { nodes: [{ id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 } }], startTime: 1000, endTime: 5000, samples: [1, 1], timeDeltas: [0, 2000] };
    const a = path.join(dir, 'a.cpuprofile');
    const b = path.join(dir, 'b.cpuprofile');
    fs.writeFileSync(a, JSON.stringify(profile));
    fs.writeFileSync(b, JSON.stringify(profile));
    const counts = (startTime: number) => JSON.stringify({ format: 'perf-lens-call-counts', version: 1, calls: 42, profile: { startTime, endTime: 5000 }, scripts: [] });
    fs.writeFileSync(callCountsPath(a), counts(1000));
    fs.writeFileSync(callCountsPath(b), counts(999));
    assert.equal(profiledCalls(a, readProfile(a).profile), 42);
    assert.equal(profiledCalls(b, readProfile(b).profile), undefined);
    const c = compareProfileFiles(a, b);
    assert.equal(c.flame.norm.mode, 'run');
    assert.deepEqual([c.before.calls, c.after.calls, c.before.durationMs], [42, undefined, 4]);
    fs.writeFileSync(callCountsPath(b), '{ not json');
    assert.equal(profiledCalls(b, readProfile(b).profile), undefined);
  });

  test('a missing or malformed profile is one sentence naming the file', () => {
    const good = path.join(dir, 'a.cpuprofile');
    const bad = path.join(dir, 'bad.cpuprofile');
    fs.writeFileSync(bad, '{"nodes": 3}');
    assert.throws(() => compareProfileFiles(path.join(dir, 'gone.cpuprofile'), good), (e: Error) => e instanceof ProfileReadError && /gone\.cpuprofile/.test(e.message) && !e.message.includes('\n'));
    assert.throws(() => compareProfileFiles(good, bad), (e: Error) => e instanceof ProfileReadError && e.message.includes('bad.cpuprofile'));
  });

  test('in a worker thread (the engine bundle, as the extension runs it): the same comparison, and the same one-sentence errors', async () => {
    const root = path.join(__dirname, '..', '..', '..', '..');
    const engine = path.join(root, 'dist', 'engine.js');
    const newest = (dir: string): number =>
      Math.max(0, ...fs.readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs)));
    if (!fs.existsSync(engine) || fs.statSync(engine).mtimeMs < newest(path.join(root, 'src'))) {
      const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    const a = path.join(dir, 'a.cpuprofile');
    const b = path.join(dir, 'b.cpuprofile');
    assert.deepEqual(await compareProfileFilesInWorker(a, b, engine), compareProfileFiles(a, b));
    await assert.rejects(compareProfileFilesInWorker(a, path.join(dir, 'gone.cpuprofile'), engine), (e: Error) => /gone\.cpuprofile/.test(e.message) && !e.message.includes('\n'));
    await assert.rejects(compareProfileFilesInWorker(a, b, path.join(dir, 'no-engine.js')), /no-engine\.js/);
  });
});
