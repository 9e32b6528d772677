import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProfileFormatError, importFromCpuProfile } from '../../../src/core/profile/import/cpuprofile';
import { importFromClinicFlame, isClinicFlame } from '../../../src/core/profile/import/clinic';
import { computeHotspots } from '../../../src/core/profile/hotspots';

// A real `clinic flame -- node hot.js` run (clinic 13.0.0; see fixtures/trim-fixtures.mjs).
const SAMPLES = path.join(__dirname, 'fixtures', 'clinic', '.clinic', '32363.clinic-flame', '32363.clinic-flame-samples');

test('real clinic flame samples: fib is the top hot spot, at its place in hot.js', () => {
  const samples = JSON.parse(fs.readFileSync(SAMPLES, 'utf8')) as unknown[][];
  assert.ok(isClinicFlame(samples));
  const profile = importFromClinicFlame(samples);
  importFromCpuProfile(profile);
  const report = computeHotspots(profile);
  assert.equal(report.sampleCount, samples.length);
  // No times in clinic's samples: 1 ms each.
  assert.equal(report.sampledMs, samples.length);
  const [first] = report.hotspots;
  assert.deepEqual([first.functionName, first.file, first.line], ['fib', '/tmp/zx/fx/hot.js', 3]);
  const sumSquares = report.hotspots.find((h) => h.functionName === 'sumSquares');
  assert.ok(sumSquares && sumSquares.selfPercent < first.selfPercent);
  // The samples whose top frame is fib, counted straight from the file.
  const fibTop = samples.filter((s) => (s.at(-1) as { name: string } | undefined)?.name.startsWith('fib ')).length;
  assert.equal(first.selfMs, fibTop);
});

test('what is not clinic flame samples fails with one sentence', () => {
  for (const input of [{ mainDirectory: '/app' }, [], 'x', [[{ nope: 1 }]]]) {
    assert.ok(!isClinicFlame(input));
    assert.throws(() => importFromClinicFlame(input), (e: unknown) => e instanceof ProfileFormatError && /^not clinic flame samples/.test(e.message));
  }
});
