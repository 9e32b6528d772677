// The pure half of the "Profile" CodeLens: labels, which functions get a lens, the lens's target, and
// (with the real harness) that every lens target can be called, and a real profile's times land on the
// right lenses — the profiled function's and its not-exported helper's.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { callableFunctions } from '../../../src/core/profile/callable-functions';
import { computeHotspots, type Hotspot } from '../../../src/core/profile/hotspots';
import { functionsInSource } from '../../../src/core/profile/source-functions';
import { enclosingFunctionLookup } from '../../../src/runner/profile/analysis/enclosing-functions';
import { callCountLookupFor } from '../../../src/runner/profile/call-counts';
import { isHarnessFrame, profileFunction } from '../../../src/runner/profile/run-profile';
import { readProfile } from '../../../src/runner/profile/analysis/read-profile';
import { chooseAtCursor, chooseTarget, lastTimeLabel, namesWord, parseProfileTarget, profileLenses } from '../../../src/extension/profile/profile-lens-model';
import { buildHarness } from '../../runner/profile/helpers';

const hs = (o: Partial<Hotspot>): Hotspot => ({
  functionName: 'f',
  file: '/w/a.js',
  line: 1,
  column: 10,
  selfMs: 0,
  selfPercent: 0,
  totalMs: 0,
  totalPercent: 0,
  calls: null,
  ...o,
});

test('last-time labels: ms with two figures below 10, whole above; percent likewise; calls grouped when counted', () => {
  assert.equal(lastTimeLabel(hs({ selfMs: 4.234, selfPercent: 17.2, totalMs: 12.4, totalPercent: 48.3 })), 'self 4.2 ms (17%) · total 12 ms (48%)');
  assert.equal(lastTimeLabel(hs({ selfMs: 0, selfPercent: 0, totalMs: 1980.5, totalPercent: 99.96, calls: 1234567 })), 'self 0 ms (0%) · total 1981 ms (100%) · 1,234,567 calls');
  assert.equal(lastTimeLabel(hs({ selfMs: 0.042, selfPercent: 0.25, totalMs: 0.042, totalPercent: 0.25, calls: 1 })), 'self 0.04 ms (0.3%) · total 0.04 ms (0.3%) · 1 call');
});

const textOf = (text: string) => (line: number) => text.split('\n')[line - 1];

const SRC = `'use strict';
function wordCount(n) {
  const parts = [];
  for (let i = 0; i < n; i++) parts.push('w' + i);
  return parts.join(' ').split(' ').sort().length;
}
function report(rows) {
  return rows.map((r) => wordCount(r)).reduce((a, b) => a + b, 0);
}
class Stats {
  static mean(xs) { return report(xs) / xs.length; }
  spread() { return 0; }
}
module.exports = { report, Stats };
`;

test('which functions get a lens: "Profile" on what the harness can call; times alone on other named functions with samples', () => {
  const file = '/w/hot.js';
  const callable = callableFunctions(SRC, file);
  const uri = pathToFileURL(file).href;
  const lineText = textOf(SRC);
  const before = profileLenses({ uri, file, callable, lineText });
  assert.deepEqual(
    before.map((l) => [l.line, l.title, l.target?.name]),
    [
      [7, 'Profile', 'report'],
      [11, 'Profile', 'Stats.mean'],
    ],
    'no profile yet: a lens per callable function, none on the helper, the instance method or the callback',
  );
  assert.deepEqual(before[0].target, { uri, name: 'report', line: 7 });

  const after = profileLenses({
    uri,
    file,
    lineText,
    callable,
    hotspots: [
      hs({ file, functionName: 'wordCount', line: 2, column: 10, selfMs: 900, selfPercent: 90, totalMs: 900, totalPercent: 90, calls: 3000 }),
      // V8 names the method `mean`; the column is off (no source at hand), so the name decides.
      hs({ file, functionName: 'mean', line: 11, column: 3, selfMs: 1, selfPercent: 0.1, totalMs: 950, totalPercent: 95 }),
      hs({ file, functionName: '(anonymous)', line: 8, column: 19, selfMs: 5, selfPercent: 0.5, totalMs: 905, totalPercent: 90.5 }),
      hs({ file: '/w/other.js', functionName: 'report', line: 7, column: 10, selfMs: 50, selfPercent: 5, totalMs: 50, totalPercent: 5 }),
      hs({ file, functionName: 'spread', line: 12, column: 3, selfMs: 0, selfPercent: 0, totalMs: 0.5, totalPercent: 0.05 }),
    ],
  });
  assert.deepEqual(
    after.map((l) => [l.line, l.title, l.target?.name ?? null]),
    [
      [2, 'last profile: self 900 ms (90%) · total 900 ms (90%) · 3,000 calls', null],
      [7, 'Profile', 'report'],
      [11, 'Profile · last: self 1.0 ms (0.1%) · total 950 ms (95%)', 'Stats.mean'],
      [12, 'last profile: self 0 ms (0%) · total 0.5 ms (0.1%)', null],
    ],
    "another file's report is not this report; the anonymous callback gets no lens of its own",
  );
  assert.match(after[0].tooltip, /not exported/);

  // The file was edited since: wordCount moved down a line, so its old line no longer names it.
  const edited = `// a new first line\n${SRC}`;
  const moved = profileLenses({ uri, file, lineText: textOf(edited), callable: callableFunctions(edited, file), hotspots: [hs({ file, functionName: 'wordCount', line: 2, column: 10, selfMs: 9, selfPercent: 9, totalMs: 9, totalPercent: 9 })] });
  assert.deepEqual(moved.map((l) => l.title), ['Profile', 'Profile'], 'no times above the wrong line');
  assert.equal(namesWord('function reports(rows) {', 'report'), false);
  assert.equal(namesWord('const $report = report$ + report;', 'report'), true);
  assert.equal(namesWord('x.$a', '$a'), true);
});

test('a lens target is checked, then found again in the file as it is now', () => {
  assert.deepEqual(parseProfileTarget({ uri: 'file:///w/a.js', name: 'report', line: 7 }), { uri: 'file:///w/a.js', name: 'report', line: 7 });
  for (const bad of [undefined, null, 'report', { uri: 'http://x/a.js', name: 'a', line: 1 }, { uri: 'file:///a.js', name: '', line: 1 }, { uri: 'file:///a.js', name: 'a', line: 0 }, { uri: 'file:///a.js', name: 'a', line: 1.5 }]) {
    assert.match(parseProfileTarget(bad) as string, /^Perf Lens: Profile Function was given a target it cannot use; .*\.$/, JSON.stringify(bad));
  }
  const callable = callableFunctions(SRC, 'hot.js');
  assert.deepEqual(chooseTarget(callable, { uri: 'file:///hot.js', name: 'Stats.mean', line: 11 }), { name: 'Stats.mean', exportName: 'Stats.mean', line: 11 });
  // Lines moved since the lens was drawn: the same export still answers.
  assert.deepEqual(chooseTarget(callable, { uri: 'file:///hot.js', name: 'report', line: 3 }), { name: 'report', exportName: 'report', line: 7 });
  assert.equal(chooseTarget(callable, { uri: 'file:///hot.js', name: 'wordCount', line: 2 }), undefined);
});

test('the function at the cursor: the innermost callable one; else the innermost named one, for the harness to refuse clearly', () => {
  const functions = functionsInSource(SRC, 'hot.js');
  const callable = callableFunctions(SRC, 'hot.js');
  assert.equal(chooseAtCursor(callable, functions, 8)?.exportName, 'report', 'in the callback inside report');
  assert.equal(chooseAtCursor(callable, functions, 11)?.exportName, 'Stats.mean');
  assert.deepEqual(chooseAtCursor(callable, functions, 4), { name: 'wordCount', exportName: 'wordCount', line: 2 });
  assert.equal(chooseAtCursor(callable, functions, 12)?.exportName, 'Stats.spread');
  assert.equal(chooseAtCursor(callable, functions, 14), undefined);
});

describe('lenses against the real harness', () => {
  let harness: string;
  let harnessDir: string;
  let dir: string;
  const MODULES: Record<string, string> = {
    'hot.js': SRC,
    'esm.mjs': `
export function parse(s) { return String(s).split(',').length; }
const local = (n) => n * 2;
export { local as twice };
export default function main() { return 1; }
export class Geometry { static area(w, h) { return w * h; } }
`,
    'common.cjs': `
const fmt = (x) => String(x);
class Q { static top(xs) { return xs[0]; } }
module.exports = { format: fmt, Q, inline(x) { return x; } };
// Lost: module.exports no longer is the object \`exports\` points to.
exports.late = function () { return 2; };
`,
  };
  before(() => {
    ({ harness, dir: harnessDir } = buildHarness());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-lenses-'));
    for (const [name, text] of Object.entries(MODULES)) fs.writeFileSync(path.join(dir, name), text);
  });
  after(() => {
    fs.rmSync(harnessDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('every function that gets a "Profile" lens is one the harness can call', async () => {
    const tried: string[] = [];
    for (const [name, text] of Object.entries(MODULES)) {
      const module = path.join(dir, name);
      for (const c of callableFunctions(text, module)) {
        const outFile = path.join(dir, 'out', `${name}-${c.exportName}.cpuprofile`);
        const r = await profileFunction({ module, exportName: c.exportName, args: [[1, 2]], iterations: 3, warmupMs: 0, cwd: dir, harnessPath: harness, outFile });
        assert.equal(r.calls, 3, `${name} ${c.exportName}`);
        tried.push(`${name}:${c.exportName}`);
      }
    }
    assert.deepEqual(tried, [
      'hot.js:report',
      'hot.js:Stats.mean',
      'esm.mjs:parse',
      'esm.mjs:twice',
      'esm.mjs:default',
      'esm.mjs:Geometry.area',
      'common.cjs:format',
      'common.cjs:Q.top',
      'common.cjs:inline',
    ]);
  });

  test('a real profile with call counts: the profiled function and its hot helper show their last times and calls', async () => {
    const module = path.join(dir, 'hot.js');
    const outFile = path.join(dir, 'out', 'report.cpuprofile');
    const run = await profileFunction({
      module,
      exportName: 'report',
      args: [],
      // Work in built-ins (push, join, sort), which V8's optimizer being off for the counting pass does not slow
      // down, so the pass fits its time budget (a plain loop runs about 80× slower there).
      argsExpression: '[[2000, 2000, 2000]]',
      iterations: 50,
      intervalUs: 100,
      warmupMs: 50,
      cwd: dir,
      harnessPath: harness,
      outFile,
      callCounts: true,
    });
    assert.ok(run.coveragePath, `call counts were taken: ${run.callCountsNote}`);
    const profile = readProfile(run.profilePath).profile;
    const callCount = callCountLookupFor(profile, run.profilePath, run.coveragePath);
    const report = computeHotspots(profile, { enclosingFunction: enclosingFunctionLookup(), callCount, myCodeOnly: true, hidden: isHarnessFrame, limit: 1000 });
    const lenses = profileLenses({
      uri: pathToFileURL(module).href,
      file: module,
      lineText: textOf(SRC),
      callable: callableFunctions(SRC, module),
      hotspots: report.hotspots,
    });
    const at = (line: number) => lenses.find((l) => l.line === line);
    assert.match(at(7)?.title ?? '', /^Profile · last: self [\d.]+ ms \([\d.]+%\) · total [\d.]+ ms \([\d.]+%\) · [\d,]+ calls$/, JSON.stringify(lenses));
    assert.match(at(2)?.title ?? '', /^last profile: self [\d.]+ ms \([\d.]+%\) · total [\d.]+ ms \([\d.]+%\) · [\d,]+ calls$/, JSON.stringify(lenses));
    const reportCalls = Number(/([\d,]+) calls$/.exec(at(7)!.title)![1].replace(/,/g, ''));
    const helperCalls = Number(/([\d,]+) calls$/.exec(at(2)!.title)![1].replace(/,/g, ''));
    assert.equal(reportCalls, 50, 'the counting pass makes as many calls as were profiled');
    assert.equal(helperCalls, 150, 'three rows a call');
    assert.equal(at(11)?.title, 'Profile', 'Stats.mean did not run');
  });
});
