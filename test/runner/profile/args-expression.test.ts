// Arguments as a JavaScript expression, evaluated in the target module's scope (real harness, real runs).
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProfileOptionsError, ProfileTargetError } from '../../../src/runner/profile/run-profile';
// profileFunction / profileScript through the helpers: every profile produced is checked for the hot-spot invariants.
import { buildHarness, profileFunction } from './helpers';

describe('profileFunction with an arguments expression', () => {
  let harness: string;
  let harnessDir: string;
  let dir: string;
  before(() => {
    ({ harness, dir: harnessDir } = buildHarness());
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-argsx-')));
    // A CommonJS module whose helper and constant are NOT exported, and which records what it was called with.
    fs.writeFileSync(
      path.join(dir, 'rows.cjs'),
      [
        "'use strict';",
        "const fs = require('node:fs');",
        "const PREFIX = 'row-';",
        'function makeRows(n) { return Array.from({ length: n }, (_, i) => PREFIX + i); }',
        'function total(rows, out) {',
        '  fs.writeFileSync(out, JSON.stringify({ n: rows.length, first: rows[0] }));',
        '  let s = 0;',
        '  for (const r of rows) s += r.length;',
        '  return s;',
        '}',
        'module.exports = { total };',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'rows.mjs'),
      [
        "import * as fs from 'node:fs';",
        "export function makeRows(n) { return Array.from({ length: n }, (_, i) => 'm' + i); }",
        'export function total(rows, out) { fs.writeFileSync(out, JSON.stringify({ n: rows.length, first: rows[0] })); return rows.length; }',
      ].join('\n'),
    );
  });
  after(() => {
    fs.rmSync(harnessDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const base = () => ({ cwd: dir, harnessPath: harness, iterations: 3, warmupMs: 0, args: [] as unknown[] });
  const seen = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as { n: number; first: string };

  test('CommonJS: the module\'s own unexported helpers and constants are in scope', async () => {
    const out = path.join(dir, 'seen-cjs.json');
    const r = await profileFunction({ ...base(), module: path.join(dir, 'rows.cjs'), exportName: 'total', argsExpression: `[makeRows(1000), ${JSON.stringify(out)}]`, outFile: path.join(dir, 'p1.cpuprofile') });
    assert.equal(r.calls, 3);
    assert.deepEqual(seen(out), { n: 1000, first: 'row-0' });
  });

  test('an ES module: its exports are in scope, by name or as `exports`', async () => {
    const out = path.join(dir, 'seen-esm.json');
    await profileFunction({ ...base(), module: path.join(dir, 'rows.mjs'), exportName: 'total', argsExpression: `[exports.makeRows(7), ${JSON.stringify(out)}]`, outFile: path.join(dir, 'p2.cpuprofile') });
    assert.deepEqual(seen(out), { n: 7, first: 'm0' });
    await profileFunction({ ...base(), module: path.join(dir, 'rows.mjs'), exportName: 'total', argsExpression: `[makeRows(9), ${JSON.stringify(out)}]`, outFile: path.join(dir, 'p3.cpuprofile') });
    assert.deepEqual(seen(out), { n: 9, first: 'm0' });
    await assert.rejects(
      profileFunction({ ...base(), module: path.join(dir, 'rows.mjs'), exportName: 'total', argsExpression: '[hidden(1)]', outFile: path.join(dir, 'p4.cpuprofile') }),
      (e: unknown) => e instanceof ProfileTargetError && /hidden is not defined \(in an ES module or a TypeScript file only its exports are in scope\)$/.test(e.message),
    );
  });

  test('one sentence for an expression that throws, does not parse, or is not an array; an empty one is refused', async () => {
    const cases: [string, RegExp][] = [
      ['[nope(1)]', /^the arguments expression threw: nope is not defined$/],
      ['[1,', /^the arguments expression does not parse: /],
      ['42', /^the arguments expression must give an array of arguments, e\.g\. \[makeOrders\(1000\)\] \(it gave number\)$/],
    ];
    for (const [argsExpression, message] of cases) {
      await assert.rejects(
        profileFunction({ ...base(), module: path.join(dir, 'rows.cjs'), exportName: 'total', argsExpression, outFile: path.join(dir, 'bad.cpuprofile') }),
        (e: unknown) => e instanceof ProfileTargetError && message.test(e.message),
        argsExpression,
      );
    }
    await assert.rejects(
      profileFunction({ ...base(), module: path.join(dir, 'rows.cjs'), exportName: 'total', argsExpression: '  ', outFile: path.join(dir, 'x.cpuprofile') }),
      (e: unknown) => e instanceof ProfileOptionsError && /empty/.test(e.message),
    );
  });
});
