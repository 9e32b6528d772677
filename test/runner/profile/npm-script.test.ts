// profileNpmScript with the real npm, real processes and the real preload bundle.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProfileOptionsError, ProfileTargetError } from '../../../src/runner/profile/run-profile';
import { profileNpmScript, readNpmScripts } from '../../../src/runner/profile/npm-script';
import { withPreload } from '../../../src/runner/profile/profile-processes';
import { isGone, readProfile, waitForJson } from './helpers';
import { FIB, buildPreload, processTempDirs, writeProject } from './process-tree-helpers';

const HOSTILE = 'we ird "q" \'s\' ;touch pwned-name; $(touch pwned-sub)';

describe('profileNpmScript', () => {
  let preload: string;
  let preloadDir: string;
  let dir: string;
  before(() => {
    ({ preload, dir: preloadDir } = buildPreload());
    dir = writeProject({
      'package.json': {
        name: 'npm-script-fixture',
        private: true,
        scripts: {
          work: 'node work.js',
          two: 'node light.js && node heavy.js',
          [HOSTILE]: 'node work.js',
          fail: 'node fails.js',
          spin: 'node spin.js',
          echo: 'echo no node here',
          term: 'node parent.js',
        },
      },
      'work.js': `const fs = require('node:fs');\n${FIB}\nlet s = 0;\nfor (let i = 0; i < 30; i++) s += fib(22);\nfs.writeFileSync('argv.json', JSON.stringify(process.argv.slice(2)));\n`,
      'light.js': 'let s = 0; for (let i = 0; i < 1000; i++) s += i;\n',
      'heavy.js': `${FIB}\nfunction heavy() { let s = 0; const end = Date.now() + 300; while (Date.now() < end) s += fib(20); return s; }\nheavy();\n`,
      'fails.js': "console.error('the fixture failed on purpose');\nprocess.exit(3);\n",
      // A parent that ends its busy child with SIGTERM, as test runners end their workers.
      'parent.js': `const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ['busy.js'], { stdio: 'inherit' });
setTimeout(() => child.kill('SIGTERM'), 700);
child.on('exit', (code, signal) => require('node:fs').writeFileSync('child-exit.json', JSON.stringify({ code, signal })));
`,
      // Busy in slices, as a worker between tasks: a SIGTERM waits for the event loop while a JS listener is on.
      'busy.js': 'function busy() { const end = Date.now() + 20; while (Date.now() < end); setImmediate(busy); }\nbusy();\n',
      'spin.js': `require('node:fs').writeFileSync('spin.json', JSON.stringify({ pid: process.pid }));\nfunction spin() { for (;;) {} }\nspin();\n`,
    });
  });
  after(() => {
    fs.rmSync(preloadDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('npm run work: the node process is profiled, its arguments arrive as typed, the temp folder is removed', async () => {
    const tempBefore = processTempDirs();
    const outFile = path.join(dir, 'out', 'work.cpuprofile');
    const args = ['two words', '$(touch pwned-arg)', '"quoted"; touch pwned-arg2'];
    const r = await profileNpmScript({ name: 'work', argv: args, cwd: dir, outFile, preloadPath: preload });
    assert.equal(r.profilePath, outFile);
    assert.equal(r.partial, false);
    // npm's own process is not profiled: only `node work.js`.
    assert.equal(r.processes.length, 1, JSON.stringify(r.processes));
    assert.match(r.processes[0].command, /work\.js/);
    assert.equal(r.pid, r.processes[0].pid);
    assert.ok(r.sampleCount > 0);
    const profile = readProfile(outFile);
    assert.ok(profile.nodes.some((n) => n.callFrame.functionName === 'fib' && n.callFrame.url.endsWith('work.js') && (n.hitCount ?? 0) > 0), 'fib has samples');
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'argv.json'), 'utf8')), args);
    for (const f of ['pwned-arg', 'pwned-arg2']) assert.equal(fs.existsSync(path.join(dir, f)), false, `${f} must not exist`);
    assert.deepEqual(processTempDirs().filter((d) => !tempBefore.includes(d)), []);
  });

  test('two node processes: the one with the most CPU time is chosen, the other is listed', async () => {
    const r = await profileNpmScript({ name: 'two', cwd: dir, outFile: path.join(dir, 'out', 'two.cpuprofile'), preloadPath: preload, keepOtherProfiles: true });
    assert.equal(r.processes.length, 2, JSON.stringify(r.processes));
    const [chosen, other] = r.processes;
    assert.match(chosen.command, /heavy\.js/);
    assert.match(other.command, /light\.js/);
    assert.ok(chosen.cpuMs > other.cpuMs);
    assert.ok(readProfile(r.profilePath).nodes.some((n) => n.callFrame.functionName === 'heavy'));
    assert.equal(other.profilePath, path.join(dir, 'out', `two.${other.pid}.cpuprofile`));
    assert.ok(Array.isArray(readProfile(other.profilePath!).nodes));
  });

  test('a script name with spaces, quotes, ; and $(...) reaches npm as one argument, never a shell of ours', async () => {
    const r = await profileNpmScript({ name: HOSTILE, cwd: dir, outFile: path.join(dir, 'out', 'hostile.cpuprofile'), preloadPath: preload });
    assert.match(r.processes[0].command, /work\.js/);
    for (const f of ['pwned-name', 'pwned-sub']) assert.equal(fs.existsSync(path.join(dir, f)), false, `${f} must not exist`);
  });

  test('a child ended by SIGTERM: its profile is written first, and it still dies by SIGTERM', async () => {
    const r = await profileNpmScript({ name: 'term', cwd: dir, outFile: path.join(dir, 'out', 'term.cpuprofile'), preloadPath: preload, timeoutMs: 30_000, keepOtherProfiles: true });
    assert.equal(r.partial, false);
    // Which one used more CPU depends on the machine's load: find them by their scripts.
    const busy = r.processes.find((p) => /busy\.js$/.test(p.command));
    const parent = r.processes.find((p) => /parent\.js$/.test(p.command));
    assert.ok(busy && parent, JSON.stringify(r.processes));
    assert.equal(busy.endedBy, 'signal');
    assert.equal(parent.endedBy, 'exit');
    assert.ok(readProfile(busy.profilePath!).nodes.some((n) => n.callFrame.functionName === 'busy' && (n.hitCount ?? 0) > 0));
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'child-exit.json'), 'utf8')), { code: null, signal: 'SIGTERM' });
  });

  test('a failing script: the exit code and the tail of its stderr', async () => {
    await assert.rejects(profileNpmScript({ name: 'fail', cwd: dir, outFile: path.join(dir, 'out', 'fail.cpuprofile'), preloadPath: preload }), (e: unknown) => {
      assert.ok(e instanceof ProfileTargetError);
      assert.match(e.message, /^npm run fail exited with code \d+$/);
      assert.notEqual(e.exitCode, 0);
      assert.match(e.stderrTail, /the fixture failed on purpose/);
      return true;
    });
  });

  test('a script that runs no node process says so', async () => {
    await assert.rejects(
      profileNpmScript({ name: 'echo', cwd: dir, outFile: path.join(dir, 'out', 'echo.cpuprofile'), preloadPath: preload }),
      /^ProfileTargetError: npm run echo ran no Node\.js process that could be profiled$/,
    );
  });

  // Issue 11, item 9 (the README: "On --timeout or Ctrl-C every process stops its profile"): the CLI's Ctrl-C keeps them.
  test('keepPartialOnAbort: an abort stops every process, and the partial profile is kept', async () => {
    fs.rmSync(path.join(dir, 'spin.json'), { force: true });
    const outFile = path.join(dir, 'out', 'spin-abort.cpuprofile');
    const controller = new AbortController();
    const run = profileNpmScript({ name: 'spin', cwd: dir, outFile, preloadPath: preload, signal: controller.signal, keepPartialOnAbort: true });
    const { pid } = await waitForJson<{ pid: number }>(path.join(dir, 'spin.json'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    controller.abort(new Error('interrupted'));
    const r = await run;
    assert.deepEqual([r.partial, r.aborted], [true, true]);
    assert.match(r.note ?? '', /^interrupted: /);
    assert.ok(readProfile(outFile).nodes.some((n) => n.callFrame.functionName === 'spin' && (n.hitCount ?? 0) > 0), 'spin has samples');
    assert.ok(await isGone(pid));
  });

  test('a script that never ends: stopped at the time limit with a partial profile, its process gone', async () => {
    fs.rmSync(path.join(dir, 'spin.json'), { force: true });
    const outFile = path.join(dir, 'out', 'spin.cpuprofile');
    const r = await profileNpmScript({ name: 'spin', cwd: dir, outFile, preloadPath: preload, timeoutMs: 1500 });
    assert.equal(r.partial, true);
    assert.equal(r.processes[0].endedBy, 'stop');
    assert.ok(readProfile(outFile).nodes.some((n) => n.callFrame.functionName === 'spin' && (n.hitCount ?? 0) > 0), 'spin has samples');
    const { pid } = JSON.parse(fs.readFileSync(path.join(dir, 'spin.json'), 'utf8')) as { pid: number };
    assert.ok(await isGone(pid));
  });

  test('cancelled: rejects with the abort reason and kills the whole tree', async () => {
    fs.rmSync(path.join(dir, 'spin.json'), { force: true });
    const controller = new AbortController();
    const run = profileNpmScript({ name: 'spin', cwd: dir, outFile: path.join(dir, 'out', 'cancel.cpuprofile'), preloadPath: preload, signal: controller.signal });
    const { pid } = await waitForJson<{ pid: number }>(path.join(dir, 'spin.json'));
    controller.abort(new Error('cancelled by the test'));
    await assert.rejects(run, /cancelled by the test/);
    assert.ok(await isGone(pid));
  });

  test('bad names are refused before anything starts, in one sentence', async () => {
    const o = { cwd: dir, outFile: path.join(dir, 'out', 'x.cpuprofile'), preloadPath: preload };
    await assert.rejects(profileNpmScript({ ...o, name: 'nope' }), (e: unknown) => {
      assert.ok(e instanceof ProfileOptionsError);
      assert.match(e.message, /^package\.json has no script named "nope" \(scripts: work, two, .*echo, term\)$/);
      return true;
    });
    await assert.rejects(profileNpmScript({ ...o, name: '--prefix=/' }), /^ProfileOptionsError: an npm script name cannot start with "-" \(got "--prefix=\/"\)$/);
    await assert.rejects(profileNpmScript({ ...o, name: 'work', cwd: path.join(dir, 'out') }), /^ProfileOptionsError: there is no package\.json in /);
  });

  test('the preload in a folder whose path has spaces and quotes still loads (NODE_OPTIONS quoting as Node parses it)', async () => {
    const odd = path.join(preloadDir, 'a dir "with" quotes');
    fs.mkdirSync(odd, { recursive: true });
    fs.copyFileSync(preload, path.join(odd, 'profile-preload.js'));
    const r = await profileNpmScript({ name: 'work', cwd: dir, outFile: path.join(dir, 'out', 'odd.cpuprofile'), preloadPath: path.join(odd, 'profile-preload.js') });
    assert.match(r.processes[0].command, /work\.js/);
  });

  test('readNpmScripts keeps only string scripts', () => {
    const d = writeProject({ 'package.json': { scripts: { a: 'node a.js', b: 42 } } });
    try {
      assert.deepEqual(readNpmScripts(d), { a: 'node a.js' });
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });

  test('withPreload keeps the user\'s NODE_OPTIONS and quotes a path with spaces, quotes and backslashes', () => {
    assert.equal(withPreload(undefined, '/a/b.js'), '--require "/a/b.js"');
    assert.equal(withPreload(' --max-old-space-size=100 ', '/my dir/"x"\\y.js'), '--max-old-space-size=100 --require "/my dir/\\"x\\"\\\\y.js"');
  });
});
