import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type DiscoveryNote, PathNotFoundError, discoverFiles } from '../../../src/runner/files/file-discovery';

function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-discovery-')));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

async function found(paths: string[], cwd: string, extra: Parameters<typeof discoverFiles>[1] = {}) {
  return (await discoverFiles(paths, { cwd, ...extra })).map((f) => f.display.split(path.sep).join('/'));
}

describe('discoverFiles', () => {
  test('keeps linted languages in sorted order and skips dependency and build folders', async () => {
    const dir = tree({
      'b.ts': '', 'a.js': '', 'lib/x.ex': '', 'lib/y.exs': '', 'README.md': '', 'types.d.ts': '',
      'node_modules/p/i.js': '', '_build/dev/a.ex': '', 'deps/d/a.ex': '', 'dist/a.js': '',
      'coverage/c.js': '', '.perf-lens/r.js': '', 'src/deep/node_modules/q.js': '', 'c.mts': '', 'd.tsx': '',
    });
    assert.deepEqual(await found([], dir), ['a.js', 'b.ts', 'c.mts', 'd.tsx', 'lib/x.ex', 'lib/y.exs']);
  });

  test('honours nested .gitignore files with negation, anchoring and dir-only patterns', async () => {
    const dir = tree({
      '.gitignore': 'generated/\n*.gen.ts\n!keep.gen.ts\n/root-only.ts\n',
      'a.gen.ts': '', 'keep.gen.ts': '', 'root-only.ts': '', 'generated/g.ts': '',
      'pkg/root-only.ts': '', 'pkg/.gitignore': '!b.gen.ts\nlocal.js\n', 'pkg/b.gen.ts': '', 'pkg/local.js': '',
      'pkg/ok.ts': '', 'other/local.js': '',
    });
    assert.deepEqual(await found(['.'], dir), ['keep.gen.ts', 'other/local.js', 'pkg/b.gen.ts', 'pkg/ok.ts', 'pkg/root-only.ts']);
    assert.deepEqual(await found(['.'], dir, { gitignore: false }), [
      'a.gen.ts', 'generated/g.ts', 'keep.gen.ts', 'other/local.js', 'pkg/b.gen.ts', 'pkg/local.js', 'pkg/ok.ts',
      'pkg/root-only.ts', 'root-only.ts',
    ]);
  });

  test('inside a git repository, .gitignore files above the walked folder and .git/info/exclude apply', async () => {
    const dir = tree({
      '.git/info/exclude': 'excluded.ts\n', '.gitignore': 'secret/\n', 'app/a.ts': '', 'app/excluded.ts': '',
      'app/secret/s.ts': '',
    });
    assert.deepEqual(await found(['app'], dir), ['app/a.ts']);
  });

  test('explicitly named files are kept even when ignored; other languages get a note', async () => {
    const dir = tree({ '.gitignore': '*.gen.ts\n', 'x.gen.ts': '', 'node_modules/m/i.js': '', 'notes.txt': '' });
    const notes: DiscoveryNote[] = [];
    const files = await found(['x.gen.ts', 'node_modules/m/i.js', 'notes.txt'], dir, { onNote: (n) => notes.push(n) });
    assert.deepEqual(files, ['x.gen.ts', 'node_modules/m/i.js']);
    assert.equal(notes.length, 1);
    assert.equal(notes[0].file, 'notes.txt');
    assert.match(notes[0].message, /not a JavaScript, TypeScript or Elixir file/);
  });

  test('a missing path rejects with PathNotFoundError naming it, before any walking', async () => {
    const dir = tree({ 'a.ts': '' });
    await assert.rejects(discoverFiles(['.', 'missing dir'], { cwd: dir }), (e: unknown) => {
      assert.ok(e instanceof PathNotFoundError);
      assert.equal(e.message, 'no such file or folder: missing dir');
      return true;
    });
  });

  test('symlink loops do not hang; folder links are not followed, file links are kept', async () => {
    const dir = tree({ 'a/x.ts': '', 'real.ts': '' });
    fs.symlinkSync('..', path.join(dir, 'a', 'loop'));
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'self'));
    fs.symlinkSync(path.join(dir, 'real.ts'), path.join(dir, 'link.ts'));
    fs.symlinkSync(path.join(dir, 'gone.ts'), path.join(dir, 'broken.ts'));
    const notes: DiscoveryNote[] = [];
    assert.deepEqual(await found([], dir, { onNote: (n) => notes.push(n) }), ['a/x.ts', 'link.ts', 'real.ts']);
    assert.equal(notes.length, 1);
    assert.equal(notes[0].file, 'broken.ts');
    assert.match(notes[0].message, /broken symbolic link/);
  });

  test('overlapping paths give each file once; paths outside the working directory stay as given', async () => {
    const dir = tree({ 'src/a.ts': '', 'src/b/c.ts': '' });
    const cwd = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-cwd-')));
    assert.deepEqual(await found(['src', 'src/b', 'src/a.ts'], dir), ['src/a.ts', 'src/b/c.ts']);
    const abs = await found([path.join(dir, 'src')], cwd);
    assert.deepEqual(abs, [path.join(dir, 'src/a.ts'), path.join(dir, 'src/b/c.ts')]);
    const rel = await found([path.relative(cwd, path.join(dir, 'src', 'b'))], cwd);
    assert.deepEqual(rel, [path.relative(cwd, path.join(dir, 'src/b/c.ts'))]);
    assert.ok(rel[0].startsWith('../'));
  });

  test('include and exclude globs select walked files relative to the working directory', async () => {
    const dir = tree({ 'src/a.ts': '', 'src/legacy/b.ts': '', 'scripts/s.js': '', 'src/x.min.js': '' });
    assert.deepEqual(await found([], dir, { include: ['src/**'], exclude: ['src/legacy/**', '*.min.js'] }), ['src/a.ts']);
  });

  test('an aborted signal stops the walk', async () => {
    const dir = tree({ 'a.ts': '' });
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await assert.rejects(discoverFiles([], { cwd: dir, signal: ac.signal }), /stop/);
  });
});
