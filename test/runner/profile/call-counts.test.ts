// Exact call counts of a function profile (profileFunction with callCounts), with the real harness
// bundle: the counting pass after the profile, the call-count file next to it, and the lookup that
// reads it back. Functions are found where the source puts them (as hot spots are placed).
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { callCountLookupFor, callCountsPath } from '../../../src/runner/profile/call-counts';
import { readProfile } from '../../../src/runner/profile/analysis/read-profile';
import { functionsInSource } from '../../../src/core/profile/source-functions';
import { parseCallCountFile } from '../../../src/core/profile/call-counts';
// profileFunction / profileScript through the helpers: every profile produced is checked for the hot-spot invariants.
import { buildHarness, profileFunction } from './helpers';

const FIXTURES: Record<string, string> = {
  'lib.cjs': `
const fs = require('node:fs');
function parseRow(line) { return line.split(',').map(Number); }
let ready = false;
function init() { ready = true; }
let total = 0;
function work(text, countFile) {
  if (!ready) init();
  if (countFile && total++ === 0) process.on('exit', () => fs.writeFileSync(countFile, String(total)));
  let s = 0;
  for (const line of [text, text, text]) s += parseRow(line)[0];
  return s;
}
module.exports = { work };
`,
  'async.mjs': `
function digits(s) { return s.replace(/[^0-9]/g, '').length; }
export async function fetchAll(s) {
  await null;
  return digits(s) + digits(s);
}
`,
  'shapes.mjs': `
function side(n) { return Math.sqrt(n); }
export class Geometry {
  static area(w, h) { return side(w) * side(h); }
}
`,
  'later.cjs': `
let calls = 0;
exports.hangsLater = async () => { if (++calls > 5) await new Promise(() => {}); };
let spins = 0;
exports.spinsLater = () => { if (++spins > 5) for (;;) {} };
function slowOne() { let s = 0; for (let i = 0; i < 2e6; i++) s += i % 3; return s; }
exports.slow = () => slowOne();
`,
};

describe('call counts of a function profile', () => {
  let harness: string;
  let harnessDir: string;
  let dir: string;
  before(() => {
    ({ harness, dir: harnessDir } = buildHarness());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-call-counts-'));
    for (const [name, text] of Object.entries(FIXTURES)) fs.writeFileSync(path.join(dir, name), text);
  });
  after(() => {
    fs.rmSync(harnessDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const base = () => ({ cwd: dir, harnessPath: harness, warmupMs: 50, callCounts: true });

  /** The count of the function named `name` in `file`, asked where the source puts it. */
  const countOf = (profilePath: string, file: string, name: string): number | undefined => {
    const lookup = callCountLookupFor(readProfile(profilePath).profile, profilePath);
    assert.ok(lookup, 'the call counts belong to this profile');
    const f = functionsInSource(FIXTURES[file], file).find((x) => x.name === name);
    assert.ok(f, `${name} is in ${file}`);
    return lookup(pathToFileURL(path.join(dir, file)).href, f.line, f.column, name);
  };

  test('iterations 25: the function 25, its helper called 3 times a call 75; the warm-up is not counted', async () => {
    const outFile = path.join(dir, 'out', 'work.cpuprofile');
    const countFile = path.join(dir, 'work-count.txt');
    const r = await profileFunction({ ...base(), warmupMs: 0, iterations: 25, module: path.join(dir, 'lib.cjs'), exportName: 'work', args: ['1,2,3', countFile], outFile });
    assert.equal(r.calls, 25);
    assert.equal(r.coveragePath, callCountsPath(outFile));
    assert.equal(r.coveragePath, `${outFile}.coverage.json`);
    assert.equal(r.callCountsNote, undefined);
    assert.equal(countOf(outFile, 'lib.cjs', 'work'), 25);
    assert.equal(countOf(outFile, 'lib.cjs', 'parseRow'), 75);
    assert.equal(countOf(outFile, 'lib.cjs', 'init'), undefined, 'called on the first call only: not while counted');
    // The counting pass is a second run of as many calls.
    assert.equal(fs.readFileSync(countFile, 'utf8'), '50');

    const file = parseCallCountFile(JSON.parse(fs.readFileSync(r.coveragePath, 'utf8')));
    assert.ok(file && 'scripts' in file);
    assert.equal(file.calls, 25);
    assert.ok(file.scripts.every((s) => s.url.startsWith('file://')), 'no node: internals');
    assert.ok(!file.scripts.some((s) => s.url.endsWith('profile-harness.js')), 'not the harness itself');
    assert.ok(file.scripts.some((s) => s.url === pathToFileURL(path.join(dir, 'lib.cjs')).href && typeof s.hash === 'string'));
  });

  test('an async function: no count for it (V8 counts its resumptions), exact counts for its sync helper', async () => {
    const outFile = path.join(dir, 'out', 'fetch.cpuprofile');
    const r = await profileFunction({ ...base(), iterations: 40, module: path.join(dir, 'async.mjs'), exportName: 'fetchAll', args: ['a1b2c3'], outFile });
    assert.ok(r.coveragePath, r.callCountsNote);
    assert.equal(countOf(outFile, 'async.mjs', 'digits'), 80);
    assert.equal(countOf(outFile, 'async.mjs', 'fetchAll'), undefined);
  });

  test('a CommonJS module profiled with an arguments expression (the harness appends its evaluator to the source) keeps its counts', async () => {
    const outFile = path.join(dir, 'out', 'work-expr.cpuprofile');
    const r = await profileFunction({ ...base(), warmupMs: 0, iterations: 10, module: path.join(dir, 'lib.cjs'), exportName: 'work', args: [], argsExpression: "['4,5,6']", outFile });
    assert.ok(r.coveragePath, r.callCountsNote);
    assert.equal(countOf(outFile, 'lib.cjs', 'work'), 10);
    assert.equal(countOf(outFile, 'lib.cjs', 'parseRow'), 30);
  });

  test('a static method named Class.method', async () => {
    const outFile = path.join(dir, 'out', 'area.cpuprofile');
    const r = await profileFunction({ ...base(), iterations: 30, module: path.join(dir, 'shapes.mjs'), exportName: 'Geometry.area', args: [3, 4], outFile });
    assert.ok(r.coveragePath, r.callCountsNote);
    assert.equal(countOf(outFile, 'shapes.mjs', 'Geometry.area'), 30);
    assert.equal(countOf(outFile, 'shapes.mjs', 'side'), 60);
  });

  test('without callCounts: no counting pass, and an earlier run\'s counts for the same path are removed', async () => {
    const outFile = path.join(dir, 'out', 'again.cpuprofile');
    const first = await profileFunction({ ...base(), iterations: 5, module: path.join(dir, 'lib.cjs'), exportName: 'work', args: ['1'], outFile });
    assert.ok(first.coveragePath && fs.existsSync(first.coveragePath));
    const second = await profileFunction({ ...base(), callCounts: false, iterations: 5, module: path.join(dir, 'lib.cjs'), exportName: 'work', args: ['1'], outFile });
    assert.equal(second.coveragePath, undefined);
    assert.equal(second.callCountsNote, undefined);
    assert.ok(!fs.existsSync(callCountsPath(outFile)));
    assert.equal(callCountLookupFor(readProfile(outFile).profile, outFile), undefined);
  });

  test('counts from another profile at the same path are not used', async () => {
    const outFile = path.join(dir, 'out', 'swap.cpuprofile');
    const r = await profileFunction({ ...base(), iterations: 5, module: path.join(dir, 'lib.cjs'), exportName: 'work', args: ['1'], outFile });
    const saved = fs.readFileSync(r.coveragePath!);
    await profileFunction({ ...base(), callCounts: false, iterations: 5, module: path.join(dir, 'lib.cjs'), exportName: 'work', args: ['1'], outFile });
    fs.writeFileSync(callCountsPath(outFile), saved);
    assert.equal(callCountLookupFor(readProfile(outFile).profile, outFile), undefined);
  });

  test('a counting pass that would take too long is skipped with the reason; the profile stands', async () => {
    const outFile = path.join(dir, 'out', 'slow.cpuprofile');
    const r = await profileFunction({ ...base(), iterations: 200, module: path.join(dir, 'later.cjs'), exportName: 'slow', args: [], outFile });
    assert.equal(r.partial, false);
    assert.equal(r.calls, 200);
    assert.equal(r.coveragePath, undefined);
    assert.match(r.callCountsNote ?? '', /^counting 200 calls (would take about [\d.]+ s with V8's optimizer off, over the [\d.]+ s allowed|takes longer than the [\d.]+ s allowed with V8's optimizer off); fewer iterations would do$/);
    assert.ok(!fs.existsSync(callCountsPath(outFile)), 'no file is left for the skipped pass');
    assert.ok(fs.existsSync(outFile));
  });

  test('stopped while counting (a call that never settles, then one that never returns): the complete profile, no counts', async () => {
    const hang = path.join(dir, 'out', 'hang.cpuprofile');
    const r = await profileFunction({ ...base(), warmupMs: 0, iterations: 5, timeoutMs: 800, module: path.join(dir, 'later.cjs'), exportName: 'hangsLater', args: [], outFile: hang });
    assert.equal(r.partial, false, 'the profile itself was complete');
    assert.equal(r.calls, 5);
    assert.equal(r.coveragePath, undefined);
    assert.equal(r.callCountsNote, 'the run was stopped while calls were being counted');

    const spin = path.join(dir, 'out', 'spin.cpuprofile');
    const s = await profileFunction({ ...base(), warmupMs: 0, iterations: 5, timeoutMs: 800, module: path.join(dir, 'later.cjs'), exportName: 'spinsLater', args: [], outFile: spin });
    assert.equal(s.partial, false);
    assert.equal(s.coveragePath, undefined);
    assert.equal(s.callCountsNote, 'the run was stopped while calls were being counted');
  });
});
