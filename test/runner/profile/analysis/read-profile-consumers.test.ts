// Every consumer of profiles goes through readProfile, so 0x and clinic flame data open everywhere a
// .cpuprofile does: Compare Profiles, the HTML report, the editor's analysis (here and in the worker bundle).
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importFromZeroX } from '../../../../src/core/profile/import/zero-x';
import { embeddedMessages } from '../../../../src/core/report/report-html';
import type { ShowMessage } from '../../../../src/core/report/report-message';
import { compareProfileFiles } from '../../../../src/runner/profile/analysis/compare-profiles';
import { analyzeProfile } from '../../../../src/runner/profile/analysis/analyze-profile';
import { writeProfileReport } from '../../../../src/runner/report/write-report';
import { webviewAssets } from '../../report/report-fixtures';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'core', 'profile', 'fixtures');
const ZERO_X = path.join(FIXTURES, 'zero-x', '32035.0x');
const CLINIC = path.join(FIXTURES, 'clinic', '.clinic');

describe('0x and clinic flame data in every consumer', () => {
  let dir: string;
  let cpuprofile: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-consumers-'));
    // A real .cpuprofile of the same run: the 0x log made into one, as a file.
    const p = importFromZeroX(JSON.parse(fs.readFileSync(path.join(ZERO_X, 'isolate-0x7e028d0-32035-32035-v8.log.json'), 'utf8')));
    cpuprofile = path.join(dir, 'hot-20260101-101010.cpuprofile');
    fs.writeFileSync(cpuprofile, JSON.stringify({ ...p, samples: Array.from(p.samples), timeDeltas: Array.from(p.timeDeltas) }));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('Compare Profiles: a .cpuprofile against a 0x folder, and 0x against clinic flame', () => {
    const same = compareProfileFiles(cpuprofile, ZERO_X);
    assert.equal(same.before.path, cpuprofile);
    assert.equal(same.after.path, ZERO_X);
    const fib = same.functions.find((f) => f.functionName === 'fib');
    assert.equal(fib?.status, 'both');
    assert.ok(Math.abs(fib!.deltaSelfPercent) < 0.01, `the same samples: ${fib!.deltaSelfPercent}pp`);
    assert.ok(same.flame.frames.length > 1);

    const tools = compareProfileFiles(ZERO_X, CLINIC);
    assert.equal(tools.functions.find((f) => f.functionName === 'fib')?.status, 'both');
    assert.ok(tools.after.durationMs > 0);
  });

  test('the HTML report of a clinic flame folder and of a 0x folder', () => {
    for (const [target, name] of [[CLINIC, 'clinic.html'], [ZERO_X, 'zero-x.html']]) {
      const out = path.join(dir, name);
      writeProfileReport({ profilePath: target, outFile: out, assetsDir: webviewAssets().dir, asRecorded: true });
      const [message] = embeddedMessages(fs.readFileSync(out, 'utf8')) as ShowMessage[];
      assert.equal(message.title, `Hot spots of ${path.basename(target)}`);
      assert.equal(message.report.hotspots[0].functionName, 'fib', target);
      assert.ok(message.flame.frames.some((f) => f.name === 'fib'));
    }
  });

  test('the custom editor\'s analysis: a clinic flame run folder and a 0x data file', () => {
    for (const target of [path.join(CLINIC, '32363.clinic-flame'), path.join(ZERO_X, 'isolate-0x7e028d0-32035-32035-v8.log.json')]) {
      const a = analyzeProfile(target, { inliningCorrection: false });
      assert.equal(a.all.hotspots[0].functionName, 'fib', target);
      assert.ok(a.flame.frames.length > 1);
    }
  });
});
