// The worker pool behind `perf-lens lint --jobs`, with the real worker bundle built by esbuild.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { createLintPool, workerScript } from '../../../src/runner/lint/lint-pool';
import { lintOne } from '../../../src/runner/lint/lint-one';
import { loadParsers } from '../../../src/runner/lint/parsers';
import { withDefaults } from '../../../src/core/lint/config';

const ROOT = path.join(__dirname, '..', '..', '..');
const N_PLUS_ONE = 'export async function f(ids: string[]) {\n  for (const id of ids) {\n    await prisma.user.findUnique({ where: { id } });\n  }\n}\n';
const ELIXIR = 'defmodule M do\n  def f(ids), do: Enum.map(ids, fn id -> Repo.get(User, id) end)\nend\n';

describe('lint pool', () => {
  let out: string;
  let files: string;
  before(() => {
    // Inside the repo, so the worker bundle finds the wasm in node_modules like dist/lint-worker.js does.
    fs.mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
    out = fs.mkdtempSync(path.join(ROOT, 'test-output', 'pool-'));
    esbuild.buildSync({
      entryPoints: { 'lint-worker': path.join(ROOT, 'src/runner/lint/lint-worker.ts') },
      outdir: out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'error',
    });
    files = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-pool-'));
    fs.writeFileSync(path.join(files, 'a.ts'), N_PLUS_ONE);
    fs.writeFileSync(path.join(files, 'b.ts'), 'export const x = 1;\n');
    fs.writeFileSync(path.join(files, 'c.ex'), ELIXIR);
    fs.writeFileSync(path.join(files, 'd.ts'), Buffer.from([0, 1, 2]));
  });
  after(() => {
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(files, { recursive: true, force: true });
  });

  test('workerScript finds the bundle only where it was built', () => {
    assert.equal(workerScript(out), path.join(out, 'lint-worker.js'));
    assert.equal(workerScript(files), undefined);
  });

  test('workers return what the main thread computes, for JS, Elixir and a binary file', async () => {
    const config = withDefaults({});
    const parsers = await loadParsers();
    const pool = createLintPool(path.join(out, 'lint-worker.js'), 2, config);
    try {
      const names = ['a.ts', 'b.ts', 'c.ex', 'd.ts', 'a.ts', 'c.ex'];
      const got = await Promise.all(names.map((n) => pool.lint(path.join(files, n), n)));
      const want = names.map((n) => lintOne(path.join(files, n), n, config, parsers));
      assert.deepEqual(got, want);
      assert.equal(got[0].findings[0]?.ruleId, 'n-plus-one');
      assert.equal(got[2].findings[0]?.ruleId, 'n-plus-one');
      assert.deepEqual(got[3].notes, [{ kind: 'skipped', message: 'skipped: binary file' }]);
    } finally {
      await pool.close();
    }
  });

  test('the workers use the config they were given', async () => {
    const pool = createLintPool(path.join(out, 'lint-worker.js'), 1, withDefaults({ rules: { 'n-plus-one': { enabled: false } } }));
    try {
      const r = await pool.lint(path.join(files, 'a.ts'), 'a.ts');
      assert.deepEqual(r.findings, []);
    } finally {
      await pool.close();
    }
  });

  test('close() rejects what is still queued, and a closed pool refuses work', async () => {
    const pool = createLintPool(path.join(out, 'lint-worker.js'), 1, withDefaults({}));
    const pending = Promise.allSettled(Array.from({ length: 20 }, () => pool.lint(path.join(files, 'a.ts'), 'a.ts')));
    await pool.close();
    const settled = await pending;
    assert.ok(settled.some((s) => s.status === 'rejected'), 'queued work is rejected on close');
    await assert.rejects(pool.lint(path.join(files, 'a.ts'), 'a.ts'), /the lint pool is closed/);
  });
});
