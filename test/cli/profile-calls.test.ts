// Exact call counts through the real CLI bundle: perf-lens profile --function fills the hot spots'
// `calls` and writes <profile>.coverage.json, which perf-lens hotspots reads back.
import { test, describe, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, runCli } from './cli-harness';

const ROWS = 2000;
const ITERATIONS = 200;

// Builtins (split, map, Number) do most of the work: they run as fast with V8's optimizer off, so the
// counting pass stays well inside its time budget.
const MODULE = [
  "'use strict';",
  'function parseRow(line) {',
  "  return line.split(',').map(Number);",
  '}',
  'function total(text) {',
  '  let s = 0;',
  "  for (const line of text.split('\\n')) s += parseRow(line)[1];",
  '  return s;',
  '}',
  'function slow(n) {',
  '  let s = 0;',
  '  for (let i = 0; i < n; i++) s += i % 3;',
  '  return s;',
  '}',
  'module.exports = { total, slow };',
].join('\n');

interface Hot {
  functionName: string;
  file: string;
  line: number;
  calls: number | null;
}

describe('call counts in perf-lens profile and perf-lens hotspots', () => {
  let dir: string;
  let text: string;
  before(() => {
    dir = makeTree({ 'lib/rows.js': MODULE });
    text = Array.from({ length: ROWS }, (_, i) => `${i},${i * 2},${i % 7},${i / 3}`).join('\n');
  });
  const find = (hotspots: Hot[], name: string) => hotspots.find((h) => h.functionName === name && h.file === path.join(dir, 'lib/rows.js'));

  test('--format json: `calls` numbers for the user\'s functions, and the call-count file beside the profile', () => {
    const r = runCli(['profile', 'lib/rows.js', '--function', 'total', '--args', JSON.stringify([text]), '--iterations', String(ITERATIONS), '--format', 'json', '--my-code', '--out', 'out/rows.cpuprofile'], dir);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.calls, ITERATIONS);
    assert.equal(out.callCountsFile, path.join(dir, 'out/rows.cpuprofile.coverage.json'));
    assert.equal(out.callCountsNote, undefined);
    assert.ok(fs.existsSync(out.callCountsFile));
    assert.equal(find(out.hotspots, 'total')?.calls, ITERATIONS);
    const parseRow = find(out.hotspots, 'parseRow');
    assert.ok(parseRow, JSON.stringify(out.hotspots));
    assert.equal(parseRow.calls, ITERATIONS * ROWS);
    assert.ok(out.hotspots.every((h: Hot) => h.calls === null || Number.isInteger(h.calls)));

    // perf-lens hotspots finds the counts next to the profile...
    const again = JSON.parse(runCli(['hotspots', 'out/rows.cpuprofile', '--format', 'json', '--my-code'], dir).stdout);
    assert.equal(find(again.hotspots, 'parseRow')?.calls, ITERATIONS * ROWS);
    assert.equal(find(again.hotspots, 'total')?.calls, ITERATIONS);
    // ... and has none without them.
    fs.rmSync(out.callCountsFile);
    const bare = JSON.parse(runCli(['hotspots', 'out/rows.cpuprofile', '--format', 'json', '--my-code'], dir).stdout);
    assert.ok(bare.hotspots.length > 0 && bare.hotspots.every((h: Hot) => h.calls === null));
  });

  test('text output: a calls column; --no-call-counts: none, and no file', () => {
    const r = runCli(['profile', 'lib/rows.js', '--function', 'total', '--args', JSON.stringify([text]), '--iterations', String(ITERATIONS), '--my-code', '--out', 'out/text.cpuprofile'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /  total ms   total {6}calls  function\n/);
    assert.match(r.stdout, new RegExp(` ${ITERATIONS * ROWS}  parseRow  lib/rows\\.js:2:\\d+\\n`));

    const n = runCli(['profile', 'lib/rows.js', '--function', 'total', '--args', JSON.stringify([text]), '--iterations', '50', '--format', 'json', '--no-call-counts', '--out', 'out/none.cpuprofile'], dir);
    assert.equal(n.status, 0, n.stderr);
    const out = JSON.parse(n.stdout);
    assert.equal(out.callCountsFile, undefined);
    assert.ok(out.hotspots.every((h: Hot) => h.calls === null));
    assert.ok(!fs.existsSync(path.join(dir, 'out/none.cpuprofile.coverage.json')));
  });

  test('a counting pass over its time budget: calls stay null and the output says why', () => {
    const r = runCli(['profile', 'lib/rows.js', '--function', 'slow', '--args', '[3000000]', '--iterations', '100', '--my-code', '--out', 'out/slow.cpuprofile'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\n\ncall counts skipped: counting 100 calls (would take about [\d.]+ s|takes longer than the [\d.]+ s allowed) with V8's optimizer off.*\n\d+ calls of slow in \d+ ms; sampling: /);
    assert.doesNotMatch(r.stdout, /calls {2}function/);
  });
});
