// Runtime confirmation of n-plus-one findings with the real harness bundle: a fresh child counts the
// flagged call, its loop body and its loop starts under V8's block coverage; each loop shape is checked
// against the counts it must give (N elements, R runs: N·R calls), and calls that are not one per
// element must stay unconfirmed.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { confirmFindingsAtRuntime, nPlusOneFindings } from '../../../src/runner/profile/confirm-findings';
import { buildHarness } from './helpers';

const DB = `
let queries = 0;
exports.queries = () => queries;
exports.user = {
  async findUnique({ where }) { queries++; await null; return { id: where.id }; },
  async findMany({ where }) { queries++; await null; return [{ id: 1, active: where.active }]; },
  count({ where }) { queries++; return where.id > 0 ? 1 : 0; },
};
`;

const SHAPES = `'use strict';
const db = require('./db.cjs');

async function forOf(ids) {
  const out = [];
  for (const id of ids) {
    out.push(await db.user.findUnique({ where: { id } }));
  }
  return out;
}

async function indexed(ids) {
  const out = [];
  for (let i = 0; i < ids.length; i++) {
    out.push(await db.user.findUnique({ where: { id: ids[i] } }));
  }
  return out;
}

async function whileShift(ids) {
  const queue = [...ids];
  const out = [];
  while (queue.length > 0) {
    const id = queue.shift();
    out.push(await db.user.findUnique({ where: { id } })); // while-call
  }
  return out;
}

function mapped(ids) {
  return Promise.all(ids.map((id) => db.user.findUnique({ where: { id } })));
}

function forEachSync(ids) {
  let n = 0;
  ids.forEach((id) => {
    n += db.user.count({ where: { id } });
  });
  return n;
}

let cache;
async function cachedInLoop(ids) {
  const out = [];
  for (const id of ids) {
    if (!cache) cache = await db.user.findMany({ where: { active: true } });
    out.push(cache.find((u) => u.id === id));
  }
  return out;
}

async function firstFound(ids) {
  for (const id of ids) {
    const u = await db.user.findUnique({ where: { id } });
    if (u) return u;
  }
  return null;
}

async function everyTenth(ids) {
  const out = [];
  for (let i = 0; i < ids.length; i++) {
    if (i % 10 !== 0) continue;
    out.push(await db.user.findUnique({ where: { id: ids[i] } })); // tenth-call
  }
  return out;
}

async function chunked(ids) {
  const out = [];
  for (let i = 0; i < ids.length; i += 10) {
    out.push(...(await db.user.findMany({ where: { id: { in: ids.slice(i, i + 10) } } })));
  }
  return out;
}

function onceBeforeTheLoop(ids) {
  const n = db.user.count({ where: { id: 1 } });
  return ids.map((id) => id * n);
}

module.exports = { forOf, indexed, whileShift, mapped, forEachSync, cachedInLoop, firstFound, everyTenth, chunked, onceBeforeTheLoop };
`;

const ESM = `
import { createRequire } from 'node:module';
const db = createRequire(import.meta.url)('./db.cjs');
export async function loadAll(ids) {
  const users = [];
  for (const id of ids) users.push(await db.user.findUnique({ where: { id } }));
  return users;
}
`;

/** 1-based line of the first line holding `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${JSON.stringify(needle)} not found`);
  return i + 1;
}

const N = 40;
const RUNS = 3;
const IDS = Array.from({ length: N }, (_, i) => i + 1);

describe('runtime confirmation of n-plus-one findings', () => {
  let harness: string;
  let harnessDir: string;
  let dir: string;
  before(() => {
    ({ harness, dir: harnessDir } = buildHarness());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-confirm-test-'));
    fs.writeFileSync(path.join(dir, 'db.cjs'), DB);
    fs.writeFileSync(path.join(dir, 'shapes.cjs'), SHAPES);
    fs.writeFileSync(path.join(dir, 'users.mjs'), ESM);
  });
  after(() => {
    fs.rmSync(harnessDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // A generous budget: RUNS calls always fit, so the counts are exact multiples.
  const check = (exportName: string, module = 'shapes.cjs') =>
    confirmFindingsAtRuntime({ module: path.join(dir, module), exportName, args: [IDS], cwd: dir, harness, calls: RUNS, profiledMs: 5000 });

  /** The checked finding on the line holding `needle`. */
  const at = async (exportName: string, needle: string, module = 'shapes.cjs') => {
    const report = await check(exportName, module);
    assert.equal(report.runs, RUNS, report.note);
    const line = lineOf(module === 'shapes.cjs' ? SHAPES : ESM, needle);
    const f = report.findings.find((x) => x.line === line);
    assert.ok(f, `a checked finding on line ${line}: ${JSON.stringify(report.findings.map((x) => x.line))}`);
    return f;
  };

  test('the fixture has the findings the cases need (and none for the batched chunks)', () => {
    const lines = nPlusOneFindings(SHAPES, 'shapes.cjs').map((f) => f.line);
    for (const needle of ['findUnique({ where: { id } })', 'id: ids[i]', 'count({ where: { id } })', 'findMany({ where: { active']) {
      assert.ok(lines.includes(lineOf(SHAPES, needle)), needle);
    }
    assert.ok(!lines.includes(lineOf(SHAPES, 'in: ids.slice')), 'the batched query per chunk is no finding');
  });

  for (const [name, needle, kind] of [
    ['forOf', 'findUnique({ where: { id } })', 'for…of'],
    ['indexed', 'findUnique({ where: { id: ids[i] } }));', 'for'],
    ['whileShift', '// while-call', 'while'],
    ['mapped', 'ids.map((id) => db.user', 'callback'],
    ['forEachSync', 'n += db.user.count', 'callback'],
  ] as const) {
    test(`${name}: ${kind}, confirmed with ${N} calls per run`, async () => {
      const f = await at(name, needle);
      assert.equal(f.loopKind, kind);
      assert.equal(f.calls, N * RUNS);
      assert.equal(f.iterations, N * RUNS);
      assert.equal(f.perCall, N);
      assert.equal(f.loopStarts, RUNS);
      assert.equal(f.confirmed, true, f.confirmation);
      assert.match(f.confirmation, new RegExp(`^confirmed at runtime: ${N * RUNS} calls in ${RUNS} runs of ${name} \\(${N} per run\\)`));
    });
  }

  test('an ES module: for…of with an awaited query per element is confirmed', async () => {
    const f = await at('loadAll', 'users.push(await', 'users.mjs');
    assert.equal(f.calls, N * RUNS);
    assert.equal(f.confirmed, true, f.confirmation);
  });

  test('a query cached on the first iteration is not confirmed: 1 call per run, not one per element', async () => {
    const f = await at('cachedInLoop', 'if (!cache) cache =');
    // The module-level cache survives the runs: one call in all.
    assert.equal(f.calls, 1);
    assert.equal(f.iterations, N * RUNS);
    assert.equal(f.confirmed, false);
    assert.match(f.confirmation, /not once per element/);
  });

  test('a loop left at the first element found is not confirmed: one iteration per start', async () => {
    const f = await at('firstFound', 'const u = await db.user.findUnique');
    assert.equal(f.calls, RUNS);
    assert.equal(f.iterations, RUNS);
    assert.equal(f.confirmed, false);
    assert.match(f.confirmation, /too few elements/);
  });

  test('a call on every tenth index is not confirmed: 4 calls per run against 40 iterations', async () => {
    const f = await at('everyTenth', '// tenth-call');
    assert.equal(f.calls, (N / 10) * RUNS);
    assert.equal(f.iterations, N * RUNS);
    assert.equal(f.confirmed, false);
  });

  test('a function that never reaches the flagged code: every finding checked says it did not run', async () => {
    const report = await check('onceBeforeTheLoop');
    assert.equal(report.runs, RUNS);
    assert.ok(report.findings.length > 0);
    for (const f of report.findings) {
      assert.equal(f.confirmed, false);
      assert.equal(f.calls, 0);
      assert.match(f.confirmation, /did not run in 3 runs of onceBeforeTheLoop/);
    }
  });

  test('batched chunks: one findMany per 10 ids is no finding, so nothing is confirmed for it', async () => {
    const report = await check('chunked');
    const line = lineOf(SHAPES, 'in: ids.slice');
    assert.ok(!report.findings.some((f) => f.line === line));
    assert.ok(!report.findings.some((f) => f.confirmed), 'nothing that chunked runs is confirmed');
  });

  test('a module without n-plus-one findings starts no child and says why', async () => {
    fs.writeFileSync(path.join(dir, 'plain.cjs'), 'exports.sum = (xs) => xs.reduce((a, b) => a + b, 0);\n');
    const report = await confirmFindingsAtRuntime({ module: path.join(dir, 'plain.cjs'), exportName: 'sum', args: [IDS], cwd: dir, harness, calls: 1, profiledMs: 10 });
    assert.deepEqual(report.findings, []);
    assert.equal(report.runs, 0);
    assert.match(report.note ?? '', /plain\.cjs has no n-plus-one finding/);
  });

  test('a target that throws while counted: no findings, the error in the note', async () => {
    fs.writeFileSync(path.join(dir, 'throws.cjs'), `const db = require('./db.cjs');\nexports.boom = async (ids) => { for (const id of ids) await db.user.findUnique({ where: { id } }); throw new Error('kaput'); };\n`);
    const report = await confirmFindingsAtRuntime({ module: path.join(dir, 'throws.cjs'), exportName: 'boom', args: [IDS], cwd: dir, harness, calls: 2, profiledMs: 10 });
    assert.deepEqual(report.findings, []);
    assert.match(report.note ?? '', /boom threw: kaput/);
  });
});
