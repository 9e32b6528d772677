// Spawns the real CLI bundle on temp folders, as a user or a CI job would.
import { test, describe, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLEAN_TS, N_PLUS_ONE_TS, ROOT, cliBundle, makeTree, runCli } from './cli-harness';
import { sarifProblems } from './sarif-shape';

const JSON_KEYS = ['file', 'line', 'column', 'endLine', 'endColumn', 'ruleId', 'severity', 'message'];
const FLAGGED = ['with space.ts', 'ünïcødé.ts', '-dash.ts', `quote'"q.ts`, path.join('sub', 'b.gen.ts')];

let dir: string;
before(() => {
  cliBundle();
  dir = makeTree({
    'with space.ts': N_PLUS_ONE_TS,
    'ünïcødé.ts': N_PLUS_ONE_TS,
    '-dash.ts': N_PLUS_ONE_TS,
    [`quote'"q.ts`]: N_PLUS_ONE_TS,
    'clean.ts': CLEAN_TS,
    '.gitignore': 'ignored-dir/\n*.gen.ts\n',
    'ignored-dir/x.ts': N_PLUS_ONE_TS,
    'a.gen.ts': N_PLUS_ONE_TS,
    'sub/.gitignore': '!b.gen.ts\n',
    'sub/b.gen.ts': N_PLUS_ONE_TS,
    'node_modules/pkg/index.ts': N_PLUS_ONE_TS,
    'dist/out.ts': N_PLUS_ONE_TS,
    'bin.js': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0x3e, 0]),
    'bundle.min.js': `${'var a=function(){return 1};'.repeat(200_000)}`,
    'small.min.js': `${'var a=1;'.repeat(10_000)}`,
    'broken.ts': 'export function f( {\n',
    'latin1.ts': Buffer.from('export const s = "caf\xe9";\n', 'latin1'),
  });
});

function json(stdout: string): Record<string, unknown>[] {
  return JSON.parse(stdout) as Record<string, unknown>[];
}
function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '');
}
/** Exit 2 with exactly one line on stderr, matching `pattern`, and no stack trace. */
function assertUsageError(r: { status: number | null; stderr: string }, pattern: RegExp) {
  assert.equal(r.status, 2, r.stderr);
  const lines = stderrLines(r.stderr);
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^perf-lens: /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

describe('perf-lens lint on a hostile tree', () => {
  test('--format json: exactly the public keys, 1-based positions, only non-ignored files, exit 1', () => {
    const r = runCli(['lint', '--format', 'json'], dir);
    assert.equal(r.status, 1, r.stderr);
    const findings = json(r.stdout);
    for (const f of findings) {
      assert.deepEqual(Object.keys(f), JSON_KEYS);
      for (const k of ['line', 'column', 'endLine', 'endColumn']) assert.ok(Number.isInteger(f[k]) && (f[k] as number) >= 1, k);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(f.severity as string));
    }
    assert.deepEqual([...new Set(findings.map((f) => f.file))].sort(), [...FLAGGED].sort());
    const query = findings.find((f) => f.ruleId === 'n-plus-one' && f.file === 'with space.ts');
    assert.ok(query, 'the query in a loop is reported');
    assert.equal(query.line, 3);
    const line3 = N_PLUS_ONE_TS.split('\n')[2];
    assert.ok(line3.slice((query.column as number) - 1, (query.endColumn as number) - 1).includes('findUnique'));
  });

  test('bad files are one-line notes on stderr and never stop the run', () => {
    const r = runCli(['lint', '--format', 'json'], dir);
    const notes = stderrLines(r.stderr);
    const about = (file: string) => notes.filter((l) => l.startsWith(`note: ${file}: `));
    assert.match(about('bin.js')[0] ?? '', /binary/);
    assert.match(about('bundle.min.js')[0] ?? '', /MB limit/);
    assert.match(about('small.min.js')[0] ?? '', /minified/);
    assert.match(about('broken.ts')[0] ?? '', /syntax error at \d+:\d+/);
    assert.match(about('latin1.ts')[0] ?? '', /not valid UTF-8/);
    assert.equal(notes.length, 5, r.stderr);
  });

  test('text format: clickable path:line:col lines and a summary', () => {
    const r = runCli(['lint'], dir);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines.find((l) => l.startsWith('with space.ts:3:')) ?? '', /^with space\.ts:3:\d+ {2}warning {2}.+ {2}n-plus-one$/);
    assert.match(lines[lines.length - 1], /^\d+ problems? \(.*\) in 5 files; 11 files linted, 5 notes on stderr\.$/);
  });

  test('SARIF: valid 2.1.0 shape, encoded relative URIs, notifications for the notes', () => {
    const r = runCli(['lint', '--format', 'sarif'], dir);
    assert.equal(r.status, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    assert.deepEqual(sarifProblems(log), []);
    const run = log.runs[0];
    const uris = new Set(run.results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri));
    assert.deepEqual([...uris].sort(), ['-dash.ts', 'quote\'%22q.ts', 'sub/b.gen.ts', 'with%20space.ts', '%C3%BCn%C3%AFc%C3%B8d%C3%A9.ts'].sort());
    assert.equal(run.invocations[0].toolExecutionNotifications.length, 5);
    assert.equal(run.invocations[0].executionSuccessful, true);
    assert.ok(run.tool.driver.rules.find((x: { id: string }) => x.id === 'n-plus-one').help.markdown?.includes('perf-lens-disable-next-line n-plus-one'));
  });

  test('a file name starting with "-" works after "--" and is an unknown option before it', () => {
    const ok = runCli(['lint', '--format', 'json', '--', '-dash.ts'], dir);
    assert.equal(ok.status, 1, ok.stderr);
    assert.deepEqual([...new Set(json(ok.stdout).map((f) => f.file))], ['-dash.ts']);
    assertUsageError(runCli(['lint', '-dash.ts'], dir), /Unknown option '-d'|-dash/);
  });

  test('explicitly named files are linted even when ignored or in node_modules', () => {
    const r = runCli(['lint', '--format', 'json', 'a.gen.ts', 'ignored-dir/x.ts', 'node_modules/pkg/index.ts'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual([...new Set(json(r.stdout).map((f) => f.file))], ['a.gen.ts', path.join('ignored-dir', 'x.ts'), path.join('node_modules', 'pkg', 'index.ts')]);
  });

  test('--rule runs only the named rules', () => {
    const other = runCli(['lint', '--rule', 'quadratic-building', '--rule', 'unbounded-concurrency', 'clean.ts', 'with space.ts'], dir);
    assert.equal(other.status, 0, other.stdout + other.stderr);
    assert.match(other.stdout, /^No performance hints; 2 files linted\.\n$/);
    const r = runCli(['lint', '--rule', 'n-plus-one', '--format', 'json', 'with space.ts'], dir);
    assert.equal(r.status, 1);
    assert.ok(json(r.stdout).every((f) => f.ruleId === 'n-plus-one'));
  });
});

describe('perf-lens lint --config', () => {
  function withConfig(settings: unknown, args: string[] = []) {
    const file = path.join(dir, '..', `${path.basename(dir)}-config-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, typeof settings === 'string' ? settings : JSON.stringify(settings));
    return runCli(['lint', '--format', 'json', '--config', file, ...args], dir);
  }

  test('severity overrides and "off" apply', () => {
    const error = withConfig({ severity: { 'n-plus-one': 'error' } }, ['with space.ts']);
    assert.equal(error.status, 1);
    const found = json(error.stdout).filter((f) => f.ruleId === 'n-plus-one');
    assert.ok(found.length > 0);
    assert.ok(found.every((f) => f.severity === 'error'));
    const off = withConfig({ severity: { 'n-plus-one': 'off' } }, ['with space.ts']);
    assert.equal(off.status, 0);
    assert.deepEqual(json(off.stdout), []);
  });

  test('exclude globs drop walked files', () => {
    const r = withConfig({ exclude: ['sub/**', '*ïc*'] });
    assert.deepEqual([...new Set(json(r.stdout).map((f) => f.file))].sort(), ['-dash.ts', `quote'"q.ts`, 'with space.ts'].sort());
  });

  test('a bad config is exit 2 with one sentence naming the problem', () => {
    assertUsageError(withConfig({ severity: { 'n-plus-one': 'loud' } }), /"severity\.n-plus-one" must be one of/);
    assertUsageError(withConfig({ maxFileSize: 10 }), /unknown key "maxFileSize"/);
    assertUsageError(withConfig('{ "severity": '), /is not valid JSON/);
    assertUsageError(runCli(['lint', '--config', 'nope.json'], dir), /cannot read --config nope\.json \(ENOENT\)/);
  });
});

describe('perf-lens exit codes and usage', () => {
  test('a clean tree exits 0; an empty folder too', () => {
    const clean = makeTree({ 'a.ts': CLEAN_TS, 'lib/b.ex': 'defmodule B do\n  def f(x), do: x + 1\nend\n' });
    const r = runCli(['lint', '--format', 'json'], clean);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(json(r.stdout), []);
    assert.equal(r.stderr, '');
    const empty = makeTree({});
    const e = runCli(['lint'], empty);
    assert.equal(e.status, 0);
    assert.equal(e.stdout, 'No performance hints; 0 files linted.\n');
  });

  test('--max-warnings tolerates warnings but not errors', () => {
    assert.equal(runCli(['lint', '--max-warnings', '100', 'with space.ts'], dir).status, 0);
    assert.equal(runCli(['lint', '--max-warnings', '0', 'with space.ts'], dir).status, 1);
    assertUsageError(runCli(['lint', '--max-warnings', 'many'], dir), /--max-warnings must be a whole number/);
  });

  test('--jobs: worker threads give the same output, in the same order, as the main thread', () => {
    // Enough files for the pool to start (lint-files.ts: MIN_FILES_FOR_WORKERS), with findings, a clean
    // file, a syntax error and a binary file spread among them.
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) {
      const name = `src/m${String(i).padStart(2, '0')}.ts`;
      files[name] = i % 3 === 0 ? N_PLUS_ONE_TS : i % 3 === 1 ? CLEAN_TS : `${CLEAN_TS}\nconst s = { ...a, b: [...c, d] };\n`;
    }
    files['src/m07.ts'] = 'export function f( {\n';
    const t = makeTree(files);
    fs.writeFileSync(path.join(t, 'src/m08.ts'), Buffer.from([0, 1, 2, 3]));
    const one = runCli(['lint', '--format', 'json', '--jobs', '1'], t);
    const two = runCli(['lint', '--format', 'json', '--jobs', '2'], t);
    assert.equal(one.status, 1, one.stderr);
    assert.equal(two.status, 1, two.stderr);
    assert.ok(json(one.stdout).length >= 20, 'the tree has findings');
    assert.equal(two.stdout, one.stdout);
    assert.deepEqual(stderrLines(two.stderr), stderrLines(one.stderr));
    assert.match(two.stderr, /m07\.ts: syntax error/);
    assert.match(two.stderr, /m08\.ts: skipped: binary file/);
    assertUsageError(runCli(['lint', '--jobs', '0'], t), /--jobs must be a whole number from 1 to 64 \(got "0"\)/);
    assertUsageError(runCli(['lint', '-j', 'all'], t), /--jobs must be a whole number/);
  });

  test('test files are skipped unless --include-tests', () => {
    const t = makeTree({ 'src/user.test.ts': N_PLUS_ONE_TS });
    assert.equal(runCli(['lint'], t).status, 0);
    assert.equal(runCli(['lint', '--include-tests'], t).status, 1);
  });

  test('usage errors are one line and exit 2', () => {
    assertUsageError(runCli(['lint', 'no/such/path.ts'], dir), /no such file or folder: no\/such\/path\.ts/);
    assertUsageError(runCli(['lint', '--rule', 'n-plus-two'], dir), /unknown rule "n-plus-two" \(valid rules: n-plus-one, unbounded-concurrency, quadratic-building\)/);
    assertUsageError(runCli(['lint', '--format', 'xml'], dir), /--format must be one of text, json, sarif/);
    assertUsageError(runCli(['lint', '--format'], dir), /--format/);
    assertUsageError(runCli(['frobnicate'], dir), /unknown command "frobnicate"/);
  });

  test('--help, lint --help and --version', () => {
    const help = runCli(['--help'], dir);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: perf-lens <command>/);
    assert.match(help.stdout, /\n {2}lint {2}/);
    const lintHelp = runCli(['lint', '-h'], dir);
    assert.equal(lintHelp.status, 0);
    assert.match(lintHelp.stdout, /--format <text\|json\|sarif>/);
    const version = runCli(['--version'], dir);
    assert.equal(version.stdout, `${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
    const none = runCli([], dir);
    assert.equal(none.status, 2);
    assert.match(none.stdout, /^Usage:/);
  });
});

describe('bin/perf-lens.js', () => {
  test('runs the bundle, and says how to build it when dist is missing', () => {
    const pkg = makeTree({});
    fs.mkdirSync(path.join(pkg, 'bin'));
    fs.copyFileSync(path.join(ROOT, 'bin', 'perf-lens.js'), path.join(pkg, 'bin', 'perf-lens.js'));
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    const missing = spawnSync(process.execPath, [path.join(pkg, 'bin', 'perf-lens.js'), '--version'], { encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'perf-lens: dist/cli.js is missing; run `npm run build` first\n');
    fs.mkdirSync(path.join(pkg, 'dist'));
    fs.copyFileSync(cliBundle(), path.join(pkg, 'dist', 'cli.js'));
    const ok = spawnSync(process.execPath, [path.join(pkg, 'bin', 'perf-lens.js'), '--version'], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
