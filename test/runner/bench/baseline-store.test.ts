import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BaselineStoreError, baselinePath, baselinesDir, listBaselines, loadBaseline, saveBaseline } from '../../../src/runner/bench/baseline-store';
import { BASELINE_VERSION, createBaseline, type Baseline } from '../../../src/core/bench/baseline';
import type { Environment } from '../../../src/core/bench/environment';

const ENV: Environment = { runtime: 'node v20.20.0', nodeVersion: 'v20.20.0', cpuModel: 'cpu', cpuCount: 2, os: 'Linux', gitCommit: null, gitDirty: null, date: '2026-11-30T10:00:00.000Z' };

const made: string[] = [];
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-baselines-'));
  made.push(dir);
  return dir;
}

const baseline = (name: string, marker = 'parse', samples = [100.25, 99.5, 101]): Baseline =>
  createBaseline(name, ENV, [{ name: marker, file: 'bench/p.bench.ts', line: 2, runs: [{ samples }, { samples: [102] }] }], new Date('2026-11-30T10:05:00Z'));

/** Writes `text` where baseline `name` lives, as a user or another tool might have. */
function plant(root: string, name: string, text: string): string {
  fs.mkdirSync(baselinesDir(root), { recursive: true });
  const file = path.join(baselinesDir(root), `${name}.json`);
  fs.writeFileSync(file, text);
  return file;
}

test('save then load gives the same baseline; the file lives at .perf-lens/baselines/<name>.json and no temp file remains', async () => {
  const root = workspace();
  const b = baseline('main');
  const file = await saveBaseline(root, b);
  assert.equal(file, path.join(root, '.perf-lens', 'baselines', 'main.json'));
  assert.deepEqual(await loadBaseline(root, 'main'), b);
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).results[0].runs[0].samples, [100.25, 99.5, 101]);
  assert.deepEqual(fs.readdirSync(baselinesDir(root)), ['main.json']);
});

test('saving again under the same name replaces an older save', async () => {
  const root = workspace();
  await saveBaseline(root, baseline('main', 'first'));
  await saveBaseline(root, baseline('main', 'second'));
  assert.equal((await loadBaseline(root, 'main')).results[0].name, 'second');
  assert.deepEqual(fs.readdirSync(baselinesDir(root)), ['main.json']);
});

test('a crash between writing and renaming leaves the old baseline intact, and the leftover temp file breaks nothing', async () => {
  const root = workspace();
  const file = await saveBaseline(root, baseline('main', 'before'));
  const before = fs.readFileSync(file);
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'save-then-crash.ts'), root, 'main', 'after'], { encoding: 'utf8' });
  assert.equal(child.signal, 'SIGKILL', child.stderr);
  const temp = child.stdout.trim();
  assert.ok(fs.existsSync(temp), 'the temp file is left behind, as after a real crash');
  assert.equal(path.dirname(temp), baselinesDir(root), 'the temp file is in the same folder (rename stays atomic)');
  assert.match(fs.readFileSync(temp, 'utf8'), /"after"/, 'it was fully written before the crash point');
  assert.deepEqual(fs.readFileSync(file), before, 'the saved baseline is byte-identical');
  assert.equal((await loadBaseline(root, 'main')).results[0].name, 'before');
  assert.deepEqual((await listBaselines(root)).map((b) => b.name), ['main']);
  await saveBaseline(root, baseline('main', 'again'));
  assert.equal((await loadBaseline(root, 'main')).results[0].name, 'again');
});

test('corrupt JSON, a wrong shape and a newer version are refused on load with one sentence, and never overwritten on save', async () => {
  const root = workspace();
  const newer = JSON.stringify({ schema: 'perf-lens-bench-baseline', version: BASELINE_VERSION + 1, results: 'a new layout' });
  const cases: Array<[name: string, text: string, load: RegExp]> = [
    ['corrupt', '{"schema": "perf-lens-bench-baseline", "version": 1, "resu', /^baseline "corrupt" \(.*corrupt\.json\) is not valid JSON \(.+\)$/],
    ['empty', '', /^baseline "empty" \(.*\) is not valid JSON/],
    ['other', JSON.stringify({ hello: 'world' }), /^baseline "other" \(.*\) is refused: it is not a Perf Lens baseline/],
    ['damaged', JSON.stringify({ ...baseline('damaged'), results: [{ name: 'x', file: 'y', runs: [{ samples: ['fast'] }] }] }), /is refused: its results\[0\].runs\[0\].samples\[0\] is not a positive number of nanoseconds$/],
    ['future', newer, /^baseline "future" \(.*\) is refused: it was written by a newer Perf Lens \(baseline version 2; this one reads up to 1\): update Perf Lens$/],
  ];
  for (const [name, text, load] of cases) {
    const file = plant(root, name, text);
    const bytes = fs.readFileSync(file);
    await assert.rejects(loadBaseline(root, name), (e: Error) => e instanceof BaselineStoreError && load.test(e.message) && !e.message.includes('\n'), `load ${name}`);
    await assert.rejects(
      saveBaseline(root, baseline(name)),
      (e: Error) => e instanceof BaselineStoreError && /; it was not overwritten \(save under another name, or move it away\)$/.test(e.message),
      `save ${name}`,
    );
    assert.deepEqual(fs.readFileSync(file), bytes, `${name} is byte-identical after the refusals`);
  }
  const leftovers = fs.readdirSync(baselinesDir(root)).filter((f) => f.endsWith('.tmp'));
  assert.deepEqual(leftovers, [], 'a refused save writes no temp file');
});

test('unsafe names are refused before anything touches the disk', async () => {
  const root = workspace();
  for (const name of ['', '../escape', 'a/b', '..\\x', '.hidden', 'con', 'nul.json', 'a b', 'x'.repeat(101)]) {
    await assert.rejects(saveBaseline(root, baseline(name)), BaselineStoreError, JSON.stringify(name));
    await assert.rejects(loadBaseline(root, name), BaselineStoreError, JSON.stringify(name));
    assert.throws(() => baselinePath(root, name), BaselineStoreError);
  }
  assert.deepEqual(fs.readdirSync(root), [], 'no folder or file was created');
  assert.equal(fs.existsSync(path.join(path.dirname(root), 'escape.json')), false);
});

test('a baseline that loading would refuse (a NaN or zero sample) is not written at all', async () => {
  const root = workspace();
  for (const bad of [[100, NaN], [100, 0]]) {
    await assert.rejects(
      saveBaseline(root, baseline('main', 'parse', bad)),
      (e: Error) => e instanceof BaselineStoreError && /^baseline "main" was not saved because its results\[0\].runs\[0\].samples\[1\] is not a positive number of nanoseconds$/.test(e.message),
    );
  }
  assert.deepEqual(fs.readdirSync(root), []);
});

test('a missing baseline: the message says so and lists the saved ones', async () => {
  const root = workspace();
  await assert.rejects(loadBaseline(root, 'main'), (e: Error) => /^there is no baseline named "main" \(.*main\.json\); none is saved yet$/.test(e.message));
  await saveBaseline(root, baseline('v2'));
  await saveBaseline(root, baseline('v1'));
  await assert.rejects(loadBaseline(root, 'main'), (e: Error) => /there is no baseline named "main" \(.*\); saved: v1, v2$/.test(e.message));
});

test('listing: sorted by name, with size and time; temp files, hidden files, other extensions, folders and unsafe names skipped', async () => {
  const root = workspace();
  assert.deepEqual(await listBaselines(root), [], 'no folder yet: an empty list');
  await saveBaseline(root, baseline('zeta'));
  await saveBaseline(root, baseline('alpha'));
  const dir = baselinesDir(root);
  fs.writeFileSync(path.join(dir, '.alpha.json.123.abc.tmp'), '{');
  fs.writeFileSync(path.join(dir, '.hidden.json'), '{}');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'x');
  fs.writeFileSync(path.join(dir, 'con.json'), '{}');
  fs.mkdirSync(path.join(dir, 'folder.json'));
  const list = await listBaselines(root);
  assert.deepEqual(list.map((b) => b.name), ['alpha', 'zeta']);
  assert.equal(list[0].file, path.join(dir, 'alpha.json'));
  assert.equal(list[0].bytes, fs.statSync(path.join(dir, 'alpha.json')).size);
  assert.ok(list[0].modified instanceof Date && !Number.isNaN(list[0].modified.getTime()));
});
