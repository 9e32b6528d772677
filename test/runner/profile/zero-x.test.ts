// "Profile with 0x" with the real 0x (the devDependency, linked into a scratch project as the project's
// own), and reading real 0x / clinic flame folders.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeHotspots } from '../../../src/core/profile/hotspots';
import { ZeroXNotFoundError, ZeroXRunError, defaultZeroXDir, findProjectZeroX, profileWithZeroX } from '../../../src/runner/profile/zero-x-run';

const ROOT = path.join(__dirname, '..', '..', '..');

const HOT = [
  "'use strict';",
  'function spin(n) { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i) % 7; return s; }',
  'function light(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }',
  'const end = Date.now() + Number(process.argv[2] || 500);',
  'let total = 0;',
  'while (Date.now() < end) { total += spin(200000); total += light(5000); }',
  "if (total < 0) console.log('never');",
].join('\n');

/** Processes whose command line names `text` (the scratch scripts have unique paths). */
function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text)) found.push(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe('profileWithZeroX', () => {
  let project: string;
  before(() => {
    project = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-0x-')));
    // The project's own 0x: its node_modules is the repository's, where 0x is a devDependency.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(project, 'hot.js'), HOT);
    fs.writeFileSync(path.join(project, 'forever.js'), 'function busy() { let x = 0; for (let i = 0; i < 1e6; i++) x += i; return x; }\nfor (;;) busy();\n');
  });
  after(() => fs.rmSync(project, { recursive: true, force: true }));

  test('finds the project\'s 0x, and none where there is none', () => {
    const found = findProjectZeroX(path.join(project, 'sub', 'dir'));
    assert.ok(found);
    assert.equal(found.bin, path.join(project, 'node_modules', '.bin', '0x'));
    assert.match(found.version, /^\d+\.\d+\.\d+/);
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-no0x-'));
    try {
      assert.equal(findProjectZeroX(bare), undefined);
    } finally {
      fs.rmSync(bare, { recursive: true });
    }
  });

  test('runs the script under 0x: its folder, its flamegraph.html, and the hot function on top', async () => {
    const outDir = defaultZeroXDir(project, 'hot.js');
    const run = await profileWithZeroX({ script: path.join(project, 'hot.js'), argv: ['600'], cwd: project, outDir, timeoutMs: 120_000 });
    assert.equal(run.folder, outDir);
    assert.equal(run.format, '0x');
    assert.equal(run.partial, false);
    assert.ok(run.flamegraphHtml && fs.readFileSync(run.flamegraphHtml, 'utf8').includes('<html'), 'flamegraph.html written');
    assert.match(path.basename(run.dataFile), /^isolate-.*-v8\.log\.json$/);
    const meta = JSON.parse(fs.readFileSync(path.join(outDir, 'meta.json'), 'utf8')) as { argv: string[] };
    assert.deepEqual(meta.argv.slice(-1), ['600']);
    const report = computeHotspots(run.profile, { myCodeOnly: true });
    assert.equal(report.hotspots[0].functionName, 'spin');
    assert.equal(report.hotspots[0].file, path.join(project, 'hot.js'));
    // 0x's V8 log went through a private working folder: nothing left in the project but .perf-lens/.
    assert.deepEqual(fs.readdirSync(project).sort(), ['.perf-lens', 'forever.js', 'hot.js', 'node_modules']);
    assert.deepEqual(fs.readdirSync(path.dirname(outDir)), [path.basename(outDir)]);
  });

  test('a script that never ends is stopped at the time limit and what 0x sampled is kept, labelled partial', async () => {
    const outDir = path.join(project, '.perf-lens', '0x', 'forever.0x');
    const script = path.join(project, 'forever.js');
    const run = await profileWithZeroX({ script, cwd: project, outDir, timeoutMs: 3000 });
    assert.equal(run.partial, true);
    const report = computeHotspots(run.profile, { myCodeOnly: true });
    assert.equal(report.hotspots[0]?.functionName, 'busy');
    assert.deepEqual(processesMentioning(script), []);
  });

  test('an abort ends 0x and the script at once, leaving no folder', async () => {
    const outDir = path.join(project, '.perf-lens', '0x', 'aborted.0x');
    const script = path.join(project, 'forever.js');
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('cancelled by the test')), 1000);
    await assert.rejects(profileWithZeroX({ script, cwd: project, outDir, signal: controller.signal }), /cancelled by the test/);
    assert.equal(fs.existsSync(outDir), false);
    assert.deepEqual(processesMentioning(script), []);
  });

  test('a script that fails is reported with its exit code, 0x\'s data kept', async () => {
    fs.writeFileSync(path.join(project, 'fails.js'), 'process.exitCode = 3;\n');
    const outDir = path.join(project, '.perf-lens', '0x', 'fails.0x');
    await assert.rejects(profileWithZeroX({ script: path.join(project, 'fails.js'), cwd: project, outDir }), (e: unknown) => e instanceof ZeroXRunError && /^the script exited with code 3; 0x kept its data in /.test(e.message));
  });

  test('no 0x in the project: one sentence saying how to add it, nothing run', async () => {
    const bare = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-no0x-')));
    try {
      fs.writeFileSync(path.join(bare, 'x.js'), '');
      await assert.rejects(
        profileWithZeroX({ script: path.join(bare, 'x.js'), cwd: bare, outDir: path.join(bare, 'out.0x') }),
        (e: unknown) => e instanceof ZeroXNotFoundError && e.message === `0x is not installed in ${bare} (no node_modules/.bin/0x): add it to the project with "npm install --save-dev 0x"`,
      );
      assert.deepEqual(fs.readdirSync(bare), ['x.js']);
    } finally {
      fs.rmSync(bare, { recursive: true });
    }
  });
});
