import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { gatherEnvironment } from '../../../src/runner/bench/environment';

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' }).trim();

const made: string[] = [];
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-env-'));
  made.push(dir);
  return dir;
}

test('Node version, CPU, OS and the given date are recorded', async () => {
  const env = await gatherEnvironment(tempDir(), { now: new Date('2026-11-30T10:00:00Z') });
  assert.equal(env.nodeVersion, process.version);
  assert.equal(env.runtime, `node ${process.version}`);
  assert.equal(env.cpuModel, os.cpus()[0].model.trim());
  assert.equal(env.cpuCount, os.cpus().length);
  assert.equal(env.os, `${os.type()} ${os.release()} ${os.arch()}`);
  assert.equal(env.date, '2026-11-30T10:00:00.000Z');
});

test('in a git repository: HEAD and the dirty flag (tracked changes only)', async () => {
  const dir = tempDir();
  git(dir, 'init', '-q');
  fs.writeFileSync(path.join(dir, 'a.js'), 'x\n');
  git(dir, 'add', 'a.js');
  git(dir, 'commit', '-qm', 'first');
  const head = git(dir, 'rev-parse', 'HEAD');
  let env = await gatherEnvironment(dir);
  assert.deepEqual([env.gitCommit, env.gitDirty], [head, false]);
  fs.writeFileSync(path.join(dir, 'scratch.js'), 'untracked\n');
  env = await gatherEnvironment(dir);
  assert.equal(env.gitDirty, false, 'an untracked file does not make it dirty');
  fs.writeFileSync(path.join(dir, 'a.js'), 'changed\n');
  env = await gatherEnvironment(dir);
  assert.deepEqual([env.gitCommit, env.gitDirty], [head, true]);
});

test('a repository without commits, a folder outside any repository, and no git at all: null git fields, no error', async () => {
  const fresh = tempDir();
  git(fresh, 'init', '-q');
  const none = tempDir();
  for (const [dir, options] of [[fresh, {}], [none, {}], [none, { git: path.join(none, 'no-such-git') }]] as const) {
    const env = await gatherEnvironment(dir, options);
    assert.deepEqual([env.gitCommit, env.gitDirty], [null, null], dir);
  }
});

test('a workspace path with shell metacharacters is only ever a cwd, never a command line', async () => {
  const dir = path.join(tempDir(), 'a; touch pwned $(id) `x`');
  fs.mkdirSync(dir);
  git(dir, 'init', '-q');
  fs.writeFileSync(path.join(dir, 'f'), '1');
  git(dir, 'add', 'f');
  git(dir, 'commit', '-qm', 'c');
  const env = await gatherEnvironment(dir);
  assert.equal(env.gitCommit, git(dir, 'rev-parse', 'HEAD'));
  assert.equal(fs.existsSync(path.join(path.dirname(dir), 'pwned')), false);
});
