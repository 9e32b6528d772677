// The history's reading of saved baselines (src/runner/bench/baseline-history.ts) on real files: readable
// ones digested, corrupt and newer-version ones left out with their sentence and left byte for byte as they were.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readBaselineHistory } from '../../../src/runner/bench/baseline-history';
import { baselinesDir, saveBaseline } from '../../../src/runner/bench/baseline-store';
import { BASELINE_VERSION, createBaseline } from '../../../src/core/bench/baseline';
import { benchmarkKey } from '../../../src/core/bench/model';
import type { Environment } from '../../../src/core/bench/environment';

const ENV: Environment = { runtime: 'node', nodeVersion: 'v22', cpuModel: 'cpu', cpuCount: 2, os: 'Linux', gitCommit: '0123abc', gitDirty: false, date: '2026-11-30T10:00:00.000Z' };
const made: string[] = [];
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-history-'));
  made.push(dir);
  return dir;
}
const result = (ns: number) => ({ name: 'parse', file: 'bench/p.bench.ts', runs: [{ samples: [ns, ns * 1.01] }, { samples: [ns * 0.99, ns] }, { samples: [ns * 1.02, ns] }] });

test('readable baselines are digested; a corrupt and a newer-version one are left out with one sentence each, untouched', async () => {
  const root = workspace();
  await saveBaseline(root, createBaseline('v1', ENV, [result(1000)], new Date('2026-11-01T00:00:00Z')));
  await saveBaseline(root, createBaseline('v2', ENV, [result(1100)], new Date('2026-11-02T00:00:00Z')));
  const corrupt = path.join(baselinesDir(root), 'broken.json');
  const newer = path.join(baselinesDir(root), 'future.json');
  fs.writeFileSync(corrupt, '{"schema": "perf-lens-bench-baseline", ');
  const newerText = JSON.stringify({ schema: 'perf-lens-bench-baseline', version: BASELINE_VERSION + 1, results: 'a new layout' });
  fs.writeFileSync(newer, newerText);

  const h = await readBaselineHistory(root);
  assert.deepEqual(h.names, ['broken', 'future', 'v1', 'v2']);
  assert.deepEqual(h.digests.map((d) => [d.name, d.commit, Math.round(d.means[benchmarkKey({ file: 'bench/p.bench.ts', name: 'parse' })].mean)]).sort(), [['v1', '0123abc', 1003], ['v2', '0123abc', 1104]]);
  assert.equal(h.skipped.length, 2);
  assert.ok(h.skipped.some((s) => /^Left out of the history: baseline "broken" \(.*broken\.json\) is not valid JSON \(.*\)\.$/.test(s)), h.skipped.join('\n'));
  assert.ok(h.skipped.some((s) => /^Left out of the history: baseline "future" \(.*\) is refused: it was written by a newer Perf Lens .*: update Perf Lens\.$/.test(s)), h.skipped.join('\n'));
  assert.equal(fs.readFileSync(corrupt, 'utf8'), '{"schema": "perf-lens-bench-baseline", ');
  assert.equal(fs.readFileSync(newer, 'utf8'), newerText);
});

test('only the `cap` most recently written files are read; no folder means no history', async () => {
  const root = workspace();
  for (let i = 0; i < 4; i++) {
    const file = await saveBaseline(root, createBaseline(`r${i}`, ENV, [result(1000 + i)], new Date(Date.UTC(2026, 10, 1 + i))));
    fs.utimesSync(file, new Date(1e12 + i * 1e6), new Date(1e12 + i * 1e6));
  }
  const h = await readBaselineHistory(root, 2);
  assert.deepEqual(h.names, ['r0', 'r1', 'r2', 'r3']);
  assert.deepEqual(h.digests.map((d) => d.name).sort(), ['r2', 'r3']);
  assert.deepEqual(await readBaselineHistory(workspace()), { names: [], digests: [], skipped: [] });
});
