// TypeScript targets run by the harness (transpiled on load): exact call counts placed on the .ts
// lines through the source map the harness produced, and n-plus-one findings of a .ts module confirmed
// at runtime on their .ts lines. CommonJS (.ts) and ESM (.mts importing a .ts) both.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { callCountLookupFor } from '../../../src/runner/profile/call-counts';
import { confirmFindingsAtRuntime } from '../../../src/runner/profile/confirm-findings';
import { readProfile } from '../../../src/runner/profile/analysis/read-profile';
import { functionsInSource } from '../../../src/core/profile/source-functions';
// profileFunction / profileScript through the helpers: every profile produced is checked for the hot-spot invariants.
import { buildHarness, profileFunction } from './helpers';

// Types, an interface, an enum and a parameter property move the JavaScript away from the .ts lines.
const SHAPES_TS = [
  "import type { Stats } from './types';",
  '',
  'interface Point {',
  '  x: number;',
  '  y: number;',
  '}',
  '',
  'export enum Unit {',
  '  Px = 1,',
  '  Em = 16,',
  '}',
  '',
  'export class Grid {',
  '  constructor(private readonly unit: Unit, public readonly origin: Point = { x: 0, y: 0 }) {}',
  '',
  '  static of(unit: Unit): Grid {',
  '    return new Grid(unit);',
  '  }',
  '}',
  '',
  'function cell(i: number, scale: number): number {',
  '  return Math.sqrt(i * scale) * Unit.Em;',
  '}',
  '',
  'export function hot(n: number, scale: number = 2): number {',
  '  let s = 0;',
  '  for (let i = 0; i < n; i++) s += cell(i, scale);',
  '  Grid.of(Unit.Px);',
  '  return s;',
  '}',
  '',
  'export function stats(): Stats {',
  '  return { grid: Grid.of(Unit.Px) };',
  '}',
  '',
].join('\n');

const TYPES_TS = 'export interface Stats {\n  grid: unknown;\n}\n';

const UTIL_TS = [
  'export interface Opts {',
  '  scale: number;',
  '}',
  '',
  'export function crunch(n: number, o: Opts = { scale: 3 }): number {',
  '  let total = 0;',
  '  for (let i = 0; i < n; i++) total += Math.sqrt(i) * o.scale;',
  '  return total;',
  '}',
  '',
].join('\n');

const MAIN_MTS = [
  "import { crunch, type Opts } from './util.js';",
  '',
  'const opts: Opts = { scale: 2 };',
  '',
  'export function run(n: number): number {',
  '  return crunch(n, opts) + crunch(n, opts);',
  '}',
  '',
].join('\n');

const ORDERS_TS = [
  "import { db, type User } from './db';",
  '',
  'interface Order {',
  '  id: number;',
  '  customerId: number;',
  '}',
  '',
  'export async function ordersWithCustomers(orders: Order[]): Promise<(Order & { customer: User | null })[]> {',
  '  const result: (Order & { customer: User | null })[] = [];',
  '  for (const order of orders) {',
  '    const customer: User | null = await db.user.findUnique({ where: { id: order.customerId } });',
  '    result.push({ ...order, customer });',
  '  }',
  '  return result;',
  '}',
  '',
].join('\n');

const DB_TS = [
  'export interface User {',
  '  id: number;',
  '}',
  'export const db = {',
  '  user: {',
  '    async findUnique(q: { where: { id: number } }): Promise<User | null> {',
  '      await null;',
  '      return { id: q.where.id };',
  '    },',
  '  },',
  '};',
  '',
].join('\n');

const ITERATIONS = 30;

describe('TypeScript: call counts and runtime confirmation on the .ts lines', () => {
  let harness: string;
  let harnessDir: string;
  let dir: string;
  const files: Record<string, string> = { 'shapes.ts': SHAPES_TS, 'types.ts': TYPES_TS, 'util.ts': UTIL_TS, 'main.mts': MAIN_MTS, 'orders.ts': ORDERS_TS, 'db.ts': DB_TS };
  before(() => {
    ({ harness, dir: harnessDir } = buildHarness());
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-ts-counts-')));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  });
  after(() => {
    fs.rmSync(harnessDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The count the lookup gives for a function of a .ts file, asked where the .ts source puts it. */
  const countOf = (profilePath: string, file: string, name: string): number | undefined => {
    const lookup = callCountLookupFor(readProfile(profilePath).profile, profilePath);
    assert.ok(lookup, 'the call counts belong to this profile');
    const f = functionsInSource(files[file], file).find((x) => x.name === name);
    assert.ok(f, `${name} is in ${file}`);
    return lookup(pathToFileURL(path.join(dir, file)).href, f.line, f.column, name);
  };

  test('a .ts module (CommonJS): exact counts for the export, its helper and a static method', async () => {
    const r = await profileFunction({ cwd: dir, harnessPath: harness, warmupMs: 50, callCounts: true, module: 'shapes.ts', exportName: 'hot', args: [500], iterations: ITERATIONS, outFile: path.join(dir, 'out', 'hot.cpuprofile') });
    assert.equal(r.callCountsNote, undefined);
    assert.equal(countOf(r.profilePath, 'shapes.ts', 'hot'), ITERATIONS);
    assert.equal(countOf(r.profilePath, 'shapes.ts', 'cell'), ITERATIONS * 500);
    assert.equal(countOf(r.profilePath, 'shapes.ts', 'Grid.of'), ITERATIONS);
    // Never called: no count (0 is not answered).
    assert.equal(countOf(r.profilePath, 'shapes.ts', 'stats'), undefined);
  });

  test('an .mts module importing util.ts (ESM hooks): counts in both files', async () => {
    const r = await profileFunction({ cwd: dir, harnessPath: harness, warmupMs: 50, callCounts: true, module: 'main.mts', exportName: 'run', args: [300], iterations: ITERATIONS, outFile: path.join(dir, 'out', 'run.cpuprofile') });
    assert.equal(r.callCountsNote, undefined);
    assert.equal(countOf(r.profilePath, 'main.mts', 'run'), ITERATIONS);
    assert.equal(countOf(r.profilePath, 'util.ts', 'crunch'), 2 * ITERATIONS);
  });

  test('a .ts file changed after the run: its counts are dropped, not misplaced', async () => {
    const r = await profileFunction({ cwd: dir, harnessPath: harness, warmupMs: 50, callCounts: true, module: 'shapes.ts', exportName: 'hot', args: [100], iterations: 5, outFile: path.join(dir, 'out', 'hot2.cpuprofile') });
    assert.equal(countOf(r.profilePath, 'shapes.ts', 'hot'), 5);
    fs.writeFileSync(path.join(dir, 'shapes.ts'), `// edited\n${SHAPES_TS}`);
    try {
      assert.equal(countOf(r.profilePath, 'shapes.ts', 'hot'), undefined);
    } finally {
      fs.writeFileSync(path.join(dir, 'shapes.ts'), SHAPES_TS);
    }
  });

  test('a .ts module: its n-plus-one finding is confirmed at runtime on its .ts line', async () => {
    const orders = Array.from({ length: 25 }, (_, i) => ({ id: i, customerId: i % 5 }));
    const report = await confirmFindingsAtRuntime({ module: path.join(dir, 'orders.ts'), exportName: 'ordersWithCustomers', args: [orders], cwd: dir, harness, calls: 2, profiledMs: 5000 });
    assert.equal(report.runs, 2, report.note);
    assert.equal(report.findings.length, 1, JSON.stringify(report));
    const f = report.findings[0];
    assert.equal(f.line, 11);
    assert.equal(f.column, ORDERS_TS.split('\n')[10].indexOf('db.user.findUnique') + 1);
    assert.equal(f.loopLine, 10);
    assert.equal(f.calls, 50);
    assert.equal(f.perCall, 25);
    assert.equal(f.confirmed, true, f.confirmation);
    assert.match(f.message, /db\.user\.findUnique/);
    assert.equal(f.confirmation, 'confirmed at runtime: 50 calls in 2 runs of ordersWithCustomers (25 per run), one per iteration of the for…of loop at line 10');
  });
});
