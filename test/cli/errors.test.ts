import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT_ERROR, UsageError, reportError } from '../../src/cli/errors';
import { runCli } from '../../src/cli/main';
import { formatSummary } from '../../src/cli/format/text';
import type { FileFinding } from '../../src/runner/lint/lint-files';

function capture(fn: (err: (l: string) => void) => number, debug: string) {
  const saved = process.env.PERF_LENS_DEBUG;
  process.env.PERF_LENS_DEBUG = debug;
  const lines: string[] = [];
  try {
    return { code: fn((l) => lines.push(l)), lines };
  } finally {
    if (saved === undefined) delete process.env.PERF_LENS_DEBUG;
    else process.env.PERF_LENS_DEBUG = saved;
  }
}

test('a usage error is one line and exit 2', () => {
  const r = capture((err) => reportError(new UsageError('bad thing\nsecond line'), err), '');
  assert.equal(r.code, EXIT_ERROR);
  assert.deepEqual(r.lines, ['perf-lens: bad thing']);
});

test('an internal error is one line without the stack, unless PERF_LENS_DEBUG=1', () => {
  const quiet = capture((err) => reportError(new TypeError('x is undefined'), err), '');
  assert.deepEqual(quiet.lines, ['perf-lens: internal error: x is undefined (set PERF_LENS_DEBUG=1 for details)']);
  const loud = capture((err) => reportError(new TypeError('x is undefined'), err), '1');
  assert.equal(loud.lines[0], 'perf-lens: internal error: x is undefined');
  assert.match(loud.lines[1], /^TypeError: x is undefined\n\s+at /);
});

test('a command that throws unexpectedly becomes exit 2, not a crash', async () => {
  const lines: string[] = [];
  const code = await runCli(['lint', '--format', 'json'], {
    cwd: fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-empty-')),
    stdout: () => {
      throw new Error('stdout closed');
    },
    stderr: (l) => lines.push(l),
  });
  assert.equal(code, 2);
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^perf-lens: internal error: stdout closed/);
});

test('the summary counts severities and files', () => {
  const f = (file: string, severity: FileFinding['severity']) => ({ file, severity }) as FileFinding;
  assert.equal(
    formatSummary([f('a.ts', 'error'), f('a.ts', 'warning'), f('b.ts', 'warning'), f('b.ts', 'information')], 7, 2),
    '4 problems (1 error, 2 warnings, 1 info) in 2 files; 7 files linted, 2 notes on stderr.',
  );
  assert.equal(formatSummary([f('a.ts', 'hint')], 1, 0), '1 problem (1 hint) in 1 file; 1 file linted.');
});
