// Saved runs and "the previous run" of a function (src/core/profile/profile-store-names.ts) and the Compare panel's title (src/extension/compare/saved-runs.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { comparisonTitle } from '../../../src/extension/compare/saved-runs';
import { parseRunName, previousRun, runsNewestFirst, stampLabel } from '../../../src/core/profile/profile-store-names';

const FOLDER = [
  'report-20261130-100502.cpuprofile',
  'report-20261130-100311.cpuprofile',
  'report-20261129-235959.cpuprofile',
  'report-20261130-100502.cpuprofile.coverage.json',
  'sum-of-squares-20261130-100400.cpuprofile',
  'sum-of-squares-20261130-100100.cpuprofile',
  'Orders.total-20261130-090000.cpuprofile',
  'CPU.20261130.100000.123.0.001.cpuprofile',
  'notes.txt',
];

test('parseRunName: the function name (dashes allowed) and the stamp; anything else is not a saved run', () => {
  assert.deepEqual(parseRunName('sum-of-squares-20261130-100400.cpuprofile'), { file: 'sum-of-squares-20261130-100400.cpuprofile', name: 'sum-of-squares', stamp: '20261130-100400' });
  for (const f of ['report.cpuprofile', 'report-2026113-100502.cpuprofile', 'report-20261130-100502.cpuprofile.coverage.json', '-20261130-100502.cpuprofile', 'CPU.20261130.100000.123.0.001.cpuprofile']) {
    assert.equal(parseRunName(f), undefined, f);
  }
});

test('runsNewestFirst: saved runs only, by time, newest first', () => {
  assert.deepEqual(
    runsNewestFirst(FOLDER).map((r) => r.file),
    [
      'report-20261130-100502.cpuprofile',
      'sum-of-squares-20261130-100400.cpuprofile',
      'report-20261130-100311.cpuprofile',
      'sum-of-squares-20261130-100100.cpuprofile',
      'Orders.total-20261130-090000.cpuprofile',
      'report-20261129-235959.cpuprofile',
    ],
  );
});

test('previousRun: the newest older run of the same function; none for the first run or a file of another name', () => {
  assert.equal(previousRun(FOLDER, 'report-20261130-100502.cpuprofile')?.file, 'report-20261130-100311.cpuprofile');
  assert.equal(previousRun(FOLDER, 'report-20261130-100311.cpuprofile')?.file, 'report-20261129-235959.cpuprofile');
  assert.equal(previousRun(FOLDER, 'report-20261129-235959.cpuprofile'), undefined);
  // "sum-of-squares" is not a run of "sum" or "squares".
  assert.equal(previousRun(FOLDER, 'sum-of-squares-20261130-100400.cpuprofile')?.file, 'sum-of-squares-20261130-100100.cpuprofile');
  assert.equal(previousRun(FOLDER, 'Orders.total-20261130-090000.cpuprofile'), undefined);
  assert.equal(previousRun(FOLDER, 'CPU.20261130.100000.123.0.001.cpuprofile'), undefined);
  // A run not (yet) listed in the folder still finds its predecessor.
  assert.equal(previousRun(FOLDER, 'report-20261201-080000.cpuprofile')?.file, 'report-20261130-100502.cpuprofile');
});

test('labels: the stamp as UTC date and time; the title names the function and both times', () => {
  assert.equal(stampLabel('20261130-100502'), '2026-11-30 10:05:02 UTC');
  assert.equal(comparisonTitle('report-20261130-100311.cpuprofile', 'report-20261130-100502.cpuprofile'), 'report: 2026-11-30 10:03:11 → 10:05:02 UTC');
  assert.equal(comparisonTitle('report-20261129-235959.cpuprofile', 'report-20261130-100502.cpuprofile'), 'report: 2026-11-29 23:59:59 → 2026-11-30 10:05:02 UTC');
  assert.equal(comparisonTitle('a.cpuprofile', 'b.cpuprofile'), 'a.cpuprofile → b.cpuprofile');
});
