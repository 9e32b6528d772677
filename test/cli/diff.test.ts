// perf-lens diff on two real profiles of the same script, before and after making one function fast.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, runCli } from './cli-harness';

const script = (slowN: number) =>
  [
    `function tokenize(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; }`,
    `function render(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 3; return s; }`,
    `const end = Date.now() + 400;`,
    `let x = 0;`,
    `while (Date.now() < end) { x += tokenize(${slowN}); x += render(20000); }`,
    `if (x < 0) console.log(x);`,
  ].join('\n');

test('perf-lens diff: the function made faster shows the largest drop; JSON and text', () => {
  const dir = makeTree({});
  const profileOnce = (name: string, n: number) => {
    fs.writeFileSync(path.join(dir, 'app.js'), script(n));
    const out = path.join(dir, name);
    const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', out, '--cpu-prof-interval', '500', 'app.js'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return path.join(name, fs.readdirSync(out)[0]);
  };
  const before = profileOnce('before', 400_000);
  const after = profileOnce('after', 4_000);

  const r = runCli(['diff', before, after, '--format', 'json', '--my-code'], dir);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.before, path.join(dir, before));
  const tokenize = out.functions.find((f: { functionName: string }) => f.functionName === 'tokenize');
  const render = out.functions.find((f: { functionName: string }) => f.functionName === 'render');
  assert.ok(tokenize.deltaSelfPercent < -20, `tokenize ${tokenize.deltaSelfPercent}pp`);
  assert.ok(render.deltaSelfPercent > 20, `render ${render.deltaSelfPercent}pp (a larger share of the same run length)`);
  assert.equal(tokenize.status, 'both');

  const text = runCli(['diff', before, after, '--my-code', '--limit', '2'], dir);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^before: before\/.*\.cpuprofile \(\d+ ms sampled\)\nafter:  after\//);
  assert.match(text.stdout, /-\d+\.\dpp  tokenize  app\.js:1/);
  assert.equal(text.stdout.trim().split('\n').length, 4 + 2, '--limit 2 rows');

  const bad = runCli(['diff', before], dir);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^perf-lens: give two profiles \(\.cpuprofile files or 0x \/ clinic flame data\): before and after/);
});
