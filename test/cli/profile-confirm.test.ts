// Runtime confirmation through the real CLI bundle: perf-lens profile --function on the examples'
// basketTotal (n-plus-one: one findUnique per basket line) lists the finding under confirmedFindings
// with exact counts, prints a line for it in text, and --no-confirm leaves the fields out.
import { test, describe, after } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from './cli-harness';

const SHOP = path.join(__dirname, '..', '..', 'examples', 'node-shop');
const LINES = 300;
const ITERATIONS = 4;
const ARGS = `[require('./db/fake-prisma').createPrisma(), Array.from({ length: ${LINES} }, (_, i) => ({ productId: (i % 50) + 1, quantity: 2 }))]`;
const base = ['profile', 'src/pricing.slow.js', '--function', 'basketTotal', '--args-js', ARGS, '--iterations', String(ITERATIONS)];

describe('perf-lens profile: n-plus-one findings confirmed at runtime', () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-confirm-cli-'));
  after(() => fs.rmSync(outDir, { recursive: true, force: true }));
  test('--format json: confirmedFindings names the findUnique line with calls, perCall, iterations and runs', () => {
    const out = path.join(outDir, 'json.cpuprofile');
    const r = runCli([...base, '--format', 'json', '--out', out], SHOP);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.unconfirmedFindings.length, 0, JSON.stringify(json.unconfirmedFindings));
    assert.equal(json.confirmedFindings.length, 1, JSON.stringify(json));
    const c = json.confirmedFindings[0];
    assert.equal(c.ruleId, 'n-plus-one');
    assert.equal(c.file, path.join(SHOP, 'src/pricing.slow.js'));
    // The README's table: n-plus-one on line 11 (`await prisma.product.findUnique` starts at column 27).
    assert.equal(c.line, 11);
    assert.equal(c.column, 27);
    assert.equal(c.runs, ITERATIONS);
    assert.equal(c.calls, LINES * ITERATIONS);
    assert.equal(c.perCall, LINES);
    assert.equal(c.iterations, LINES * ITERATIONS);
    assert.equal(c.loopStarts, ITERATIONS);
    assert.match(c.message, /prisma\.product\.findUnique/);
    assert.equal(c.confirmation, `confirmed at runtime: 1,200 calls in ${ITERATIONS} runs of basketTotal (${LINES} per run), one per iteration of the for…of loop at line 10`);
  });

  test('text: one line per checked finding', () => {
    const out = path.join(outDir, 'text.cpuprofile');
    const r = runCli([...base, '--out', out], SHOP);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^n-plus-one src\/pricing\.slow\.js:11:27: confirmed at runtime: 1,200 calls in 4 runs of basketTotal \(300 per run\)/m);
  });

  test('--no-confirm: no runtime check, no confirmation fields', () => {
    const out = path.join(outDir, 'off.cpuprofile');
    const r = runCli([...base, '--format', 'json', '--no-confirm', '--no-call-counts', '--out', out], SHOP);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.confirmedFindings, undefined);
    assert.equal(json.unconfirmedFindings, undefined);
  });
});
