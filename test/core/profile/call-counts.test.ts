// call-counts.ts on real V8 data: a child process runs a fixture under precise coverage and the CPU
// profiler, and reports the coverage, the profile and each function's [[FunctionLocation]] (where V8's
// call frames place it). Every way a hot spot can name a function must find its exact count.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type ScriptCoverage,
  callCountLookup,
  callCountsMatch,
  isResumableAt,
  lineColumnOfOffset,
  namesAgree,
  parseCallCountFile,
} from '../../../src/core/profile/call-counts';
import { computeHotspots } from '../../../src/core/profile/hotspots';
import { importFromCpuProfile } from '../../../src/core/profile/import/cpuprofile';
import type { CpuProfile } from '../../../src/core/profile/model';
import { functionsInSource, innermostFunction } from '../../../src/core/profile/source-functions';

const ROUNDS = 20;

// Each function is called a different number of times per round, so a count found for the wrong
// function cannot pass by accident. `work` burns time so that every caller shows up in the profile.
const FIXTURE = `'use strict';
const work = (n) => { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; };
function helper(n) { return work(n); }
const arrow = (n) => work(n);
const bare = n => work(n);
class Shape {
  constructor(n) { this.v = work(n); }
  area(n) { return work(n); }
  static make(n) { return new Shape(n); }
  get size() { return work(50); }
}
function outer(n) {
  function nested(k) { return work(k); }
  exports.refs.nested = nested;
  let s = 0;
  for (let i = 0; i < 6; i++) s += nested(n);
  return s;
}
const pair = { a: (k) => work(k), b: (k) => work(k) };
async function later(n) { await null; return work(n); }
function* gen(n) { yield work(n); }
function warmOnly() { return 1; }
exports.refs = { work, helper, arrow, bare, Shape, area: Shape.prototype.area, make: Shape.make, outer, a: pair.a, b: pair.b, later, gen, warmOnly };
exports.warmOnly = warmOnly;
exports.round = async function round(n) {
  for (let i = 0; i < 3; i++) helper(n);
  arrow(n); arrow(n);
  bare(n);
  const s = Shape.make(n);
  for (let i = 0; i < 4; i++) s.area(n);
  for (let i = 0; i < 5; i++) s.size;
  outer(n);
  for (let i = 0; i < 7; i++) pair.a(n);
  for (let i = 0; i < 8; i++) pair.b(n);
  await later(n);
  [...gen(n)];
};
`;

/** Calls per round of each function, by V8's name. */
const PER_ROUND: Record<string, number> = {
  helper: 3,
  arrow: 2,
  bare: 1,
  Shape: 1,
  area: 4,
  make: 1,
  'get size': 5,
  outer: 1,
  nested: 6,
  a: 7,
  b: 8,
  round: 1,
  work: 3 + 2 + 1 + 1 + 4 + 5 + 6 + 7 + 8 + 1 + 1,
};
const RESUMABLE = new Set(['later', 'gen', 'round']);

const CAPTURE = `
const { Session } = require('node:inspector');
const fs = require('node:fs');
const [fixture, out, rounds] = process.argv.slice(2);
const s = new Session();
s.connect();
const post = (m, p) => { let r; s.post(m, p || {}, (e, res) => { if (e) throw e; r = res; }); return r; };
(async () => {
  const mod = require(fixture);
  // A warm-up the counts must not include.
  for (let i = 0; i < 5; i++) { await mod.round(10); mod.warmOnly(); }
  post('Profiler.enable');
  post('Runtime.enable');
  post('Profiler.setSamplingInterval', { interval: 100 });
  post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
  post('Profiler.start');
  for (let i = 0; i < Number(rounds); i++) await mod.round(20000);
  const coverage = post('Profiler.takePreciseCoverage').result.filter((c) => c.url.startsWith('file://'));
  const profile = post('Profiler.stop').profile;
  const locations = {};
  for (const [name, fn] of Object.entries({ ...mod.refs, round: mod.round })) {
    globalThis.__fn = fn;
    const { result } = post('Runtime.evaluate', { expression: 'globalThis.__fn' });
    const props = post('Runtime.getProperties', { objectId: result.objectId, ownProperties: true });
    locations[name] = props.internalProperties.find((p) => p.name === '[[FunctionLocation]]').value.value;
  }
  fs.writeFileSync(out, JSON.stringify({ coverage, profile, locations }));
})();
`;

interface Captured {
  coverage: ScriptCoverage[];
  profile: CpuProfile;
  locations: Record<string, { lineNumber: number; columnNumber: number }>;
}

describe('call counts from real coverage', () => {
  let dir: string;
  let url: string;
  let data: Captured;
  let lookup: ReturnType<typeof callCountLookup>;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-call-counts-'));
    const fixture = path.join(dir, 'fixture.cjs');
    fs.writeFileSync(fixture, FIXTURE);
    fs.writeFileSync(path.join(dir, 'capture.cjs'), CAPTURE);
    const out = path.join(dir, 'out.json');
    const r = spawnSync(process.execPath, [path.join(dir, 'capture.cjs'), fixture, out, String(ROUNDS)], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    data = JSON.parse(fs.readFileSync(out, 'utf8')) as Captured;
    url = pathToFileURL(fixture).href;
    lookup = callCountLookup(data.coverage, (u) => (u === url ? FIXTURE : undefined));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const expected = (name: string) => (RESUMABLE.has(name) ? undefined : PER_ROUND[name] * ROUNDS);

  test('V8 counts exactly (the fixture is right): one coverage entry per function, warm-up not included', () => {
    const script = data.coverage.find((c) => c.url === url)!;
    const count = (name: string) => script.functions.find((f) => f.functionName === name)?.ranges[0].count;
    for (const name of ['helper', 'arrow', 'area', 'nested', 'a', 'b', 'work']) assert.equal(count(name), PER_ROUND[name] * ROUNDS, name);
    assert.equal(count('warmOnly'), undefined, 'called only in the warm-up: not reported');
    // Why async functions and generators get no count: V8 counts each resumption.
    assert.equal(count('later'), 2 * ROUNDS);
  });

  test("at V8's own position of each function ([[FunctionLocation]], the profile's call frame position)", () => {
    const v8Name: Record<string, string> = { Shape: 'Shape', make: 'make', round: 'round' };
    for (const [key, loc] of Object.entries(data.locations)) {
      const name = v8Name[key] ?? key;
      const got = lookup(url, loc.lineNumber + 1, loc.columnNumber + 1, name);
      if (key === 'warmOnly') assert.equal(got, undefined, 'never called while counted: no count, not 0');
      else assert.equal(got, expected(name), `${key} at ${loc.lineNumber + 1}:${loc.columnNumber + 1}`);
    }
  });

  test("at every call frame of the fixture in the real profile", () => {
    const profile = importFromCpuProfile(data.profile);
    const frames = profile.nodes.map((n) => n.callFrame).filter((f) => f.url === url && f.functionName !== '');
    assert.ok(frames.some((f) => f.functionName === 'work'), 'the profile has the busy function');
    for (const f of frames) {
      const got = lookup(url, f.lineNumber + 1, f.columnNumber + 1, f.functionName);
      assert.equal(got, expected(f.functionName), `${f.functionName} at ${f.lineNumber + 1}:${f.columnNumber + 1}`);
    }
  });

  test('where the source puts each function (the inlining correction places hot spots there), with its source name', () => {
    const fns = functionsInSource(FIXTURE, 'fixture.cjs');
    const bySourceName: Record<string, string> = {
      helper: 'helper',
      arrow: 'arrow',
      bare: 'bare',
      'Shape.constructor': 'Shape',
      'Shape.area': 'area',
      'Shape.make': 'make',
      'Shape.size': 'get size',
      outer: 'outer',
      nested: 'nested',
      a: 'a',
      b: 'b',
      work: 'work',
      round: 'round',
      later: 'later',
      gen: 'gen',
    };
    for (const [sourceName, name] of Object.entries(bySourceName)) {
      const f = fns.find((x) => x.name === sourceName);
      assert.ok(f, `${sourceName} is in the source`);
      assert.equal(lookup(url, f.line, f.column, sourceName), expected(name), `${sourceName} at ${f.line}:${f.column}`);
    }
  });

  test('two functions on one line are told apart by column; a wrong name or an unknown script has no count', () => {
    const line = FIXTURE.split('\n').findIndex((l) => l.startsWith('const pair')) + 1;
    const text = FIXTURE.split('\n')[line - 1];
    const aCol = text.indexOf('(k)') + 1;
    const bCol = text.lastIndexOf('(k)') + 1;
    assert.equal(lookup(url, line, aCol, 'a'), 7 * ROUNDS);
    assert.equal(lookup(url, line, bCol, 'b'), 8 * ROUNDS);
    assert.equal(lookup(url, line, bCol, '(anonymous)'), 8 * ROUNDS);
    assert.equal(lookup(url, line, bCol, 'a'), undefined, 'the position says b: a name that disagrees gets nothing');
    assert.equal(lookup(url, line, 1, 'a'), 7 * ROUNDS, 'a position before it on its line finds it by name');
    assert.equal(lookup(url, line, 1, '(anonymous)'), undefined, 'but not without a name');
    const loc = data.locations.helper;
    assert.equal(lookup('file:///elsewhere.js', loc.lineNumber + 1, loc.columnNumber + 1, 'helper'), undefined);
    const blind = callCountLookup(data.coverage, () => undefined);
    assert.equal(blind(url, loc.lineNumber + 1, loc.columnNumber + 1, 'helper'), undefined, 'no source text, no count');
  });

  test('computeHotspots fills `calls` from the lookup (and leaves it null without one)', () => {
    const profile = importFromCpuProfile(data.profile);
    const lines = functionsInSource(FIXTURE, 'fixture.cjs');
    const report = computeHotspots(profile, {
      callCount: lookup,
      enclosingFunction: (u, line) => (u === url ? innermostFunction(lines, line) : undefined),
      limit: 1000,
    });
    const mine = report.hotspots.filter((h) => h.file === path.join(dir, 'fixture.cjs'));
    const work = mine.find((h) => h.functionName === 'work');
    assert.equal(work?.calls, PER_ROUND.work * ROUNDS);
    for (const h of mine) {
      if (h.calls === null) continue;
      const name = Object.keys(PER_ROUND).find((n) => namesAgree(h.functionName, n) && h.calls === PER_ROUND[n] * ROUNDS);
      assert.ok(name, `${h.functionName} ${h.line}:${h.column} has ${h.calls} calls`);
    }
    assert.ok(computeHotspots(profile).hotspots.every((h) => h.calls === null));
  });

  test('scripts that share a URL add up (a module loaded twice)', () => {
    const script = data.coverage.find((c) => c.url === url)!;
    const twice = callCountLookup([script, script], (u) => (u === url ? FIXTURE : undefined));
    const loc = data.locations.helper;
    assert.equal(twice(url, loc.lineNumber + 1, loc.columnNumber + 1, 'helper'), 2 * 3 * ROUNDS);
  });
});

test('lineColumnOfOffset: 1-based, \\n, \\r\\n and \\r line ends, UTF-16 columns', () => {
  const at = lineColumnOfOffset('ab\ncd\r\nef\rg😀h');
  assert.deepEqual(at(0), { line: 1, column: 1 });
  assert.deepEqual(at(3), { line: 2, column: 1 });
  assert.deepEqual(at(7), { line: 3, column: 1 });
  assert.deepEqual(at(10), { line: 4, column: 1 });
  assert.deepEqual(at(13), { line: 4, column: 4 }, 'the emoji is two UTF-16 units, as V8 counts');
});

test('isResumableAt: async functions and generators, whatever their form', () => {
  const yes = ['async function f() {}', 'async (x) => x', 'async x => x', 'async m() {}', 'async *g() {}', '*g() {}', 'function* g() {}', 'function *g() {}', 'function /* c */ * g() {}'];
  const no = ['function f() {}', '(x) => x', 'x => x', 'm() {}', 'get size() {}', 'asyncWork() {}', 'constructor(n) {}', "['a' + 'b']() {}"];
  for (const t of yes) assert.equal(isResumableAt(t, 0), true, t);
  for (const t of no) assert.equal(isResumableAt(t, 0), false, t);
});

test('namesAgree: V8 names and the names the source gives', () => {
  const agree: [string, string][] = [
    ['area', 'area'],
    ['Shape.area', 'area'],
    ['exports.spin', 'spin'],
    ['Shape.constructor', 'Shape'],
    ['Box.size', 'get size'],
    ['(anonymous)', 'handler'],
    ['Shape.(anonymous)', ''],
  ];
  const disagree: [string, string][] = [
    ['area', 'perimeter'],
    ['Shape.constructor', 'Circle'],
    ['a', 'b'],
  ];
  for (const [x, y] of agree) assert.ok(namesAgree(x, y) && namesAgree(y, x), `${x} / ${y}`);
  for (const [x, y] of disagree) assert.ok(!namesAgree(x, y) && !namesAgree(y, x), `${x} / ${y}`);
});

test('parseCallCountFile: the counts file, a skipped one, and anything else', () => {
  const good = { format: 'perf-lens-call-counts', version: 1, calls: 3, profile: { startTime: 1, endTime: 2 }, scripts: [{ url: 'file:///a.js', functions: [{ functionName: 'f', isBlockCoverage: false, ranges: [{ startOffset: 0, endOffset: 9, count: 3 }] }] }] };
  const parsed = parseCallCountFile(good);
  assert.ok(parsed && 'scripts' in parsed);
  assert.ok(callCountsMatch(parsed, { startTime: 1, endTime: 2 }));
  assert.ok(!callCountsMatch(parsed, { startTime: 1, endTime: 3 }));
  assert.deepEqual(parseCallCountFile({ format: 'perf-lens-call-counts', version: 1, skipped: 'too slow' }), { format: 'perf-lens-call-counts', version: 1, skipped: 'too slow' });
  for (const bad of [null, 1, {}, { ...good, version: 2 }, { ...good, profile: undefined }, { ...good, scripts: [{ url: 'x' }] }]) {
    assert.equal(parseCallCountFile(bad), undefined, JSON.stringify(bad));
  }
});
