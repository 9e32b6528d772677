import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type FileNote, decode, lintFiles } from '../../../src/runner/lint/lint-files';
import { withDefaults } from '../../../src/core/lint/config';

function tree(files: Record<string, string | Buffer>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-lintfiles-')));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const N_PLUS_ONE = 'export async function f(ids: string[]) {\n  for (const id of ids) {\n    await prisma.user.findUnique({ where: { id } });\n  }\n}\n';

describe('decode', () => {
  test('UTF-8 with and without a BOM; the BOM is dropped as editors do', () => {
    assert.deepEqual(decode(Buffer.from('é = 1', 'utf8')), { text: 'é = 1' });
    assert.deepEqual(decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x')])), { text: 'x' });
  });
  test('UTF-16 with a BOM is decoded', () => {
    assert.deepEqual(decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('let a = 1', 'utf16le')])), { text: 'let a = 1' });
  });
  test('binary and invalid UTF-8 are skipped with one sentence', () => {
    assert.deepEqual(decode(Buffer.from([0x61, 0x00, 0x62])), { skip: 'skipped: binary file' });
    const latin1 = decode(Buffer.from('caf\xe9 = 1', 'latin1'));
    assert.ok('skip' in latin1 && /not valid UTF-8/.test(latin1.skip));
  });
});

describe('lintFiles', () => {
  test('bad files become one-sentence notes and the run goes on', async () => {
    const dir = tree({
      'a-bin.js': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]),
      'b-latin1.ts': Buffer.from('const s = "caf\xe9";\n', 'latin1'),
      'c-syntax.ts': 'function f( {\n',
      'd-bundle.min.js': 'var a=1;'.repeat(5000),
      'e-huge.js': `${'x=1;\n'.repeat(1_100_000)}`,
      'f-fine.ts': 'export const a = 1;\n',
    });
    fs.symlinkSync(path.join(dir, 'nowhere.ts'), path.join(dir, 'g-broken.ts'));
    const streamed: FileNote[] = [];
    const r = await lintFiles([], withDefaults({}), { cwd: dir, onNote: (n) => streamed.push(n) });
    assert.deepEqual(streamed, r.notes);
    const byFile = new Map(r.notes.map((n) => [n.file, n]));
    assert.match(byFile.get('a-bin.js')!.message, /binary/);
    assert.match(byFile.get('b-latin1.ts')!.message, /not valid UTF-8/);
    assert.equal(byFile.get('c-syntax.ts')!.kind, 'parse-error');
    assert.match(byFile.get('d-bundle.min.js')!.message, /minified/);
    assert.match(byFile.get('e-huge.js')!.message, /above the 1\.0 MB limit/);
    assert.match(byFile.get('g-broken.ts')!.message, /broken symbolic link/);
    assert.equal(byFile.has('f-fine.ts'), false);
    for (const n of r.notes) assert.ok(!n.message.includes('\n'), n.message);
    assert.equal(r.fileCount, 6);
  });

  test('a file far above the limit is not even read', async () => {
    const dir = tree({ 'big.js': Buffer.alloc(4_000_000, 0x20) });
    const r = await lintFiles([], withDefaults({ maxFileBytes: 1_000_000 }), { cwd: dir });
    assert.match(r.notes[0].message, /4\.0 MB is above the 1\.0 MB limit/);
  });

  test('findings carry the shown path and the absolute path', async () => {
    const dir = tree({ 'src/q.ts': N_PLUS_ONE, 'src/ok.ts': 'export const a = 1;\n' });
    const r = await lintFiles(['src'], withDefaults({}), { cwd: dir });
    assert.ok(r.findings.length > 0, 'n-plus-one must report a query in a for…of loop');
    for (const f of r.findings) {
      assert.equal(f.file, path.join('src', 'q.ts'));
      assert.equal(f.absolutePath, path.join(dir, 'src', 'q.ts'));
    }
    assert.equal(r.findings.find((f) => f.ruleId === 'n-plus-one')?.line, 3);
  });

  test('test files are linted only when the config says so, even if the project lives under test/', async () => {
    const dir = tree({ 'test/proj/src/q.ts': N_PLUS_ONE, 'test/proj/src/q.test.ts': N_PLUS_ONE });
    const cwd = path.join(dir, 'test', 'proj');
    const off = await lintFiles([], withDefaults({}), { cwd });
    assert.deepEqual([...new Set(off.findings.map((f) => f.file))], [path.join('src', 'q.ts')]);
    const on = await lintFiles([], withDefaults({ includeTestFiles: true }), { cwd });
    assert.deepEqual([...new Set(on.findings.map((f) => f.file))].sort(), [path.join('src', 'q.test.ts'), path.join('src', 'q.ts')]);
  });

  test('Elixir files are linted with the loaded parser', async () => {
    const dir = tree({ 'lib/bad.ex': 'defmodule A do\n  def f(x do\nend\n', 'lib/ok.ex': 'defmodule B do\n  def g, do: 1\nend\n' });
    const r = await lintFiles([], withDefaults({}), { cwd: dir });
    assert.deepEqual(r.notes.map((n) => [n.file, n.kind]), [[path.join('lib', 'bad.ex'), 'parse-error']]);
  });

  test('progress is reported per file, and an aborted run rejects', async () => {
    const dir = tree({ 'a.ts': '', 'b.ts': '', 'c.js': '' });
    const seen: [string, number, number][] = [];
    await lintFiles([], withDefaults({}), { cwd: dir, onFile: (f, done, total) => seen.push([f.display, done, total]) });
    assert.deepEqual(seen, [['a.ts', 1, 3], ['b.ts', 2, 3], ['c.js', 3, 3]]);
    const ac = new AbortController();
    let count = 0;
    const run = lintFiles([], withDefaults({}), { cwd: dir, signal: ac.signal, onFile: () => ++count === 1 && ac.abort(new Error('cancelled')) });
    await assert.rejects(run, /cancelled/);
    assert.equal(count, 1);
  });
});

test('absurdly deep nesting cannot end the run', async () => {
  const dir = tree({ 'a-deep.js': `x = ${'[\n'.repeat(15000)}${']\n'.repeat(15000)};\n`, 'b.ts': N_PLUS_ONE });
  const r = await lintFiles([], withDefaults({}), { cwd: dir });
  assert.equal(r.fileCount, 2);
  for (const n of r.notes) assert.ok(!n.message.includes('\n'));
  assert.ok(r.findings.every((f) => f.file === 'b.ts'));
});
