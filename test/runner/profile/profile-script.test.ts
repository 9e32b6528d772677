// profileScript with the real harness bundle: CJS and ESM scripts run as the main program.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProfileTargetError } from '../../../src/runner/profile/run-profile';
// profileFunction / profileScript through the helpers: every profile produced is checked for the hot-spot invariants.
import { buildHarness, isGone, profileScript, readProfile, writeFixtures } from './helpers';

describe('profileScript', () => {
  let harness: string;
  let harnessDir: string;
  let dir: string;
  before(() => {
    ({ harness, dir: harnessDir } = buildHarness());
    dir = writeFixtures();
  });
  after(() => {
    fs.rmSync(harnessDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const script of ['script.cjs', 'script.mjs']) {
    test(`${script} runs as the main program with its argv, and is profiled to the end`, async () => {
      const report = path.join(dir, `${script}.json`);
      const outFile = path.join(dir, 'out', `${script}.cpuprofile`);
      const r = await profileScript({ script, argv: [report, 'two words', '--flag'], cwd: dir, harnessPath: harness, outFile, intervalUs: 500 });
      assert.equal(r.partial, false);
      assert.equal(r.calls, 0);
      assert.equal(r.requestedIntervalUs, 500);
      assert.ok(r.sampleCount > 0);
      const seen = JSON.parse(fs.readFileSync(report, 'utf8')) as { argv: string[] };
      assert.deepEqual(seen.argv, [report, 'two words', '--flag']);
      const profile = readProfile(outFile);
      assert.ok(profile.nodes.some((n) => n.callFrame.functionName === 'fib' && (n.hitCount ?? 0) > 0), 'fib has samples');
    });
  }

  test('a script that would run forever: stopped at the time limit with a partial profile', async () => {
    const pidFile = path.join(dir, 'forever.json');
    const outFile = path.join(dir, 'out', 'forever.cpuprofile');
    const r = await profileScript({ script: path.join(dir, 'forever.cjs'), argv: [pidFile], cwd: dir, harnessPath: harness, outFile, timeoutMs: 400 });
    assert.equal(r.partial, true);
    assert.ok(Array.isArray(readProfile(outFile).nodes));
    const { harness: pid } = JSON.parse(fs.readFileSync(pidFile, 'utf8')) as { harness: number };
    assert.ok(await isGone(pid));
  });

  test('a script that exits with a non-zero code is an error with its stderr', async () => {
    await assert.rejects(
      profileScript({ script: 'fails.cjs', cwd: dir, harnessPath: harness, outFile: path.join(dir, 'out', 'fails.cpuprofile') }),
      (e: unknown) => {
        assert.ok(e instanceof ProfileTargetError);
        assert.equal(e.message, 'the script exited with code 2: something went wrong in the script');
        assert.equal(e.exitCode, 2);
        assert.match(e.stderrTail, /something went wrong in the script/);
        return true;
      },
    );
  });

  test('a missing script is refused before anything starts', async () => {
    await assert.rejects(
      profileScript({ script: 'nope.js', cwd: dir, harnessPath: harness, outFile: path.join(dir, 'out', 'nope.cpuprofile') }),
      /^ProfileOptionsError: the script file does not exist: .*nope\.js$/,
    );
  });
});
