import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProfileFormatError, importFromCpuProfile } from '../../../src/core/profile/import/cpuprofile';
import { importFromZeroX, importFromZeroXTicks, isZeroX, isZeroXTicks } from '../../../src/core/profile/import/zero-x';
import { callFrameOfCode, parseJsName, urlOfLocation } from '../../../src/core/profile/import/v8-frames';
import { computeHotspots } from '../../../src/core/profile/hotspots';
import { buildFlame } from '../../../src/core/profile/flame';

// A real 0x 6.0.0 run of fixtures/hot.js (see fixtures/trim-fixtures.mjs for how it was made and trimmed).
const LOG = path.join(__dirname, 'fixtures', 'zero-x', '32035.0x', 'isolate-0x7e028d0-32035-32035-v8.log.json');
const readLog = () => JSON.parse(fs.readFileSync(LOG, 'utf8')) as { code: { name: string; type: string; kind?: string }[]; ticks: { tm: number; vm: number; s: number[] }[] };

test('the real 0x log: fib is the top hot spot, sumSquares second, both at their place in hot.js', () => {
  const log = readLog();
  assert.ok(isZeroX(log));
  const profile = importFromZeroX(log);
  // The model is a valid .cpuprofile: the same checks as a file from disk.
  importFromCpuProfile(profile);
  const report = computeHotspots(profile);
  assert.equal(report.sampleCount, log.ticks.length);
  const [first, second] = report.hotspots;
  assert.equal(first.functionName, 'fib');
  assert.equal(first.file, '/tmp/zx/fx/hot.js');
  assert.deepEqual([first.line, first.column], [3, 13]);
  assert.equal(second.functionName, 'sumSquares');
  assert.equal(second.line, 6);
  assert.ok(first.selfPercent > 50, `fib ${first.selfPercent}%`);
  // Its recursion counted once: total is not a multiple of self.
  assert.ok(first.totalPercent < 100 && first.totalPercent >= first.selfPercent);
  // main calls both: its total covers theirs.
  const main = report.hotspots.find((h) => h.functionName === 'main');
  assert.ok(main && main.totalPercent >= first.totalPercent + second.totalPercent - 0.01);
});

test('the real 0x log keeps the samples\' own times', () => {
  const log = readLog();
  const profile = importFromZeroX(log);
  const first = log.ticks[0].tm;
  const last = log.ticks[log.ticks.length - 1].tm;
  assert.equal(profile.startTime, first);
  assert.equal(Array.from(profile.timeDeltas).reduce((a, b) => a + b, 0), last - first);
  assert.ok(profile.endTime > last);
  const report = computeHotspots(profile);
  // V8's --prof samples about once a millisecond.
  assert.ok(report.intervalUs > 500 && report.intervalUs < 3000, `interval ${report.intervalUs} µs`);
});

test('GC ticks become (garbage collector), ticks with no known frame (program), as in a .cpuprofile', () => {
  const log = readLog();
  const gcTicks = log.ticks.filter((t) => t.vm === 1).length;
  const unplaced = log.ticks.filter((t) => t.vm !== 1 && t.s.every((c, i) => i % 2 === 1 || c < 0 || !log.code[c])).length;
  assert.ok(gcTicks > 0 && unplaced > 0, 'the fixture has both');
  const report = computeHotspots(importFromZeroX(log));
  const perSample = report.sampledMs / report.sampleCount;
  assert.ok(report.gcMs > 0 && Math.abs(report.gcMs / perSample - gcTicks) < gcTicks, `gc ${report.gcMs} ms for ${gcTicks} ticks`);
  assert.ok(report.programMs > 0);
});

test('native frames are named by what they are and have no file; 0x\'s own preload frames are dropped', () => {
  const profile = importFromZeroX(readLog());
  const names = profile.nodes.map((n) => n.callFrame);
  const cpp = names.find((f) => f.functionName.endsWith(' [CPP]'));
  assert.ok(cpp);
  assert.equal(cpp.url, '');
  assert.ok(!names.some((f) => /0x[\\/]lib[\\/]preload/.test(f.url)));
  const flame = buildFlame(profile);
  assert.ok(flame.frames.some((f) => f.name === 'fib' && f.kind === 'user'));
  assert.ok(flame.frames.some((f) => f.name.endsWith('[CPP]') && f.kind === 'native'));
});

test('V8 code names: place, tier markers, spaces, anonymous functions and Windows paths', () => {
  assert.deepEqual(parseJsName('fib /app/hot.js:3:13'), { functionName: 'fib', location: '/app/hot.js', line: 3, column: 13 });
  assert.deepEqual(parseJsName('*fib /app/hot.js:3:13')?.functionName, 'fib');
  assert.deepEqual(parseJsName('~fib /app/hot.js:3')?.column, 0);
  assert.deepEqual(parseJsName(' node:internal/main/run_main_module:1:1'), { functionName: '', location: 'node:internal/main/run_main_module', line: 1, column: 1 });
  assert.deepEqual(parseJsName('get total /my app/src/a b.js:10:5'), { functionName: 'get total', location: '/my app/src/a b.js', line: 10, column: 5 });
  assert.deepEqual(parseJsName('run C:\\work\\app.js:2:1')?.location, 'C:\\work\\app.js');
  assert.equal(parseJsName('RegExp: ^a+$'), undefined);
  assert.equal(urlOfLocation('/my app/x.js'), 'file:///my%20app/x.js');
  assert.equal(urlOfLocation('C:\\work\\app.js'), 'file:///C:/work/app.js');
  assert.equal(urlOfLocation('node:fs'), 'node:fs');
  assert.deepEqual(callFrameOfCode({ name: '*fib /app/hot.js:3:13', type: 'JS', kind: 'Opt' }), { functionName: 'fib', scriptId: '0', url: 'file:///app/hot.js', lineNumber: 2, columnNumber: 12 });
  assert.equal(callFrameOfCode({ name: 'ArrayPrototypePush', type: 'CODE', kind: 'Builtin' }).functionName, 'ArrayPrototypePush [Builtin]');
  assert.equal(callFrameOfCode({ name: '/usr/bin/node', type: 'SHARED_LIB' }).functionName, '/usr/bin/node [SHARED_LIB]');
});

test('0x ticks.json (stacks without times) counts each sample as 1 ms', () => {
  const stacks = [
    [{ name: 'main /app/a.js:1:1', type: 'JS' }, { name: 'hot /app/a.js:5:1', type: 'JS', kind: 'Opt' }],
    [{ name: 'main /app/a.js:1:1', type: 'JS' }, { name: 'hot /app/a.js:5:1', type: 'JS', kind: 'Unopt' }],
    [{ name: 'main /app/a.js:1:1', type: 'JS' }],
    [],
  ];
  assert.ok(isZeroXTicks(stacks));
  const report = computeHotspots(importFromZeroXTicks(stacks));
  assert.equal(report.sampleCount, 4);
  assert.equal(report.sampledMs, 4);
  // Optimized and interpreted code of the same function are one function.
  assert.deepEqual(report.hotspots.map((h) => [h.functionName, h.selfMs, h.totalMs]), [['hot', 2, 2], ['main', 1, 3]]);
  assert.equal(report.programMs, 1);
});

test('data that is not 0x output, or is damaged, fails with one sentence', () => {
  const cases: [unknown, RegExp][] = [
    [{ nodes: [] }, /^not 0x data: expected a preprocessed V8 log/],
    [{ code: [], ticks: [] }, /^the 0x data has no samples/],
    [{ code: [], ticks: [{ s: [] }] }, /^tick 0 of the 0x data has no time "tm"/],
    [{ code: [], ticks: [{ tm: 1, s: ['x', 0] }] }, /^tick 0 of the 0x data has a malformed stack/],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => importFromZeroX(input), (e: unknown) => e instanceof ProfileFormatError && message.test(e.message) && !e.message.includes('\n'));
  }
  assert.ok(!isZeroXTicks([]));
  assert.ok(!isZeroXTicks([[1, 2]]));
  assert.throws(
    () => importFromZeroXTicks([[{ name: 'a', type: 'JS' }], [{ name: 1 }]]),
    (e: unknown) => e instanceof ProfileFormatError && e.message === 'sample 1 of the 0x ticks has a frame without a "name" and a "type"',
  );
});
