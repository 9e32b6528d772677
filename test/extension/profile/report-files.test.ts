// The file choices of "Save Profile as HTML Report…" (src/extension/profile/report-files.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { defaultReportPath, newestProfile } from '../../../src/extension/profile/report-files';

test('the newest .cpuprofile is the default; other files and an empty folder give none', () => {
  assert.equal(
    newestProfile([
      { name: 'old.cpuprofile', mtimeMs: 10 },
      { name: 'new.cpuprofile', mtimeMs: 30 },
      { name: 'newer.cpuprofile.coverage.json', mtimeMs: 40 },
      { name: 'notes.txt', mtimeMs: 50 },
    ]),
    'new.cpuprofile',
  );
  assert.equal(newestProfile([{ name: 'a.cpuprofile', mtimeMs: 1 }, { name: 'B.CPUPROFILE', mtimeMs: 2 }]), 'B.CPUPROFILE');
  assert.equal(newestProfile([{ name: 'b.cpuprofile', mtimeMs: 5 }, { name: 'c.cpuprofile', mtimeMs: 5 }, { name: 'a.cpuprofile', mtimeMs: 5 }]), 'c.cpuprofile');
  assert.equal(newestProfile([{ name: 'x.json', mtimeMs: 1 }]), undefined);
  assert.equal(newestProfile([]), undefined);
});

test('the report is named after the profile, beside it', () => {
  assert.equal(defaultReportPath('/ws/.perf-lens/profiles/work-20260101-120000.cpuprofile'), '/ws/.perf-lens/profiles/work-20260101-120000.html');
  assert.equal(defaultReportPath('/tmp/profile'), '/tmp/profile.html');
  assert.equal(defaultReportPath('C:\\p\\a.b.cpuprofile'), 'C:\\p\\a.b.html');
});
