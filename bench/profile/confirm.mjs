// What the runtime confirmation of n-plus-one findings costs: the profiled function run in a fresh
// harness under V8's block coverage with the optimizer off (src/runner/profile/block-count.ts), against
// the same calls in a plain process. Prints, per workload: plain ms per call, counted ms per call, the
// slowdown, the child's whole wall time (start, load, count, write), and the counts it found.
//
//   node esbuild.mjs && node bench/profile/confirm.mjs [runs]      (default 20 calls per workload)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const engine = require(path.join(root, 'dist', 'engine.js'));
const runs = Number(process.argv[2] ?? 20);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-bench-confirm-'));

// A synchronous per-element lookup with real work per element (the optimizer matters most here).
fs.writeFileSync(
  path.join(dir, 'sync.cjs'),
  `const db = { user: { count: ({ where }) => { let s = 0; for (let i = 0; i < 200; i++) s += Math.sqrt(where.id + i); return s > 0 ? 1 : 0; } } };
function scoreAll(ids) {
  let n = 0;
  for (const id of ids) n += db.user.count({ where: { id } });
  return n;
}
module.exports = { scoreAll };
`,
);

const shop = path.join(root, 'examples', 'node-shop');
const basket = (n) => `[require('./db/fake-prisma').createPrisma(), Array.from({ length: ${n} }, (_, i) => ({ productId: (i % 50) + 1, quantity: 1 }))]`;
const workloads = [
  { name: 'basketTotal, 2,000 lines (async, awaited per line)', module: path.join(shop, 'src', 'pricing.slow.js'), fn: 'basketTotal', expr: basket(2000), cwd: shop },
  { name: 'basketTotal, 10,000 lines', module: path.join(shop, 'src', 'pricing.slow.js'), fn: 'basketTotal', expr: basket(10000), cwd: shop },
  { name: 'scoreAll, 5,000 ids (sync, 200 sqrt per lookup)', module: path.join(dir, 'sync.cjs'), fn: 'scoreAll', expr: '[Array.from({ length: 5000 }, (_, i) => i)]', cwd: dir },
];

/** Plain ms per call in a fresh process, after a warm-up of the same length as the measured calls. */
function plainMsPerCall(w) {
  const code = `
    const m = require(${JSON.stringify(w.module)});
    const args = ((require) => ${w.expr})(require('node:module').createRequire(${JSON.stringify(w.module)}));
    (async () => {
      for (let i = 0; i < ${runs}; i++) await m[${JSON.stringify(w.fn)}](...args);
      const t = performance.now();
      for (let i = 0; i < ${runs}; i++) await m[${JSON.stringify(w.fn)}](...args);
      console.log((performance.now() - t) / ${runs});
    })();`;
  const r = spawnSync(process.execPath, ['-e', code], { cwd: path.dirname(w.module), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

for (const w of workloads) {
  const plain = plainMsPerCall(w);
  const t0 = performance.now();
  const report = await engine.hints.confirmFindingsAtRuntime({
    module: w.module, exportName: w.fn, args: [], argsExpression: w.expr, cwd: w.cwd,
    harness: path.join(root, 'dist', 'profile-harness.js'), calls: runs, profiledMs: 100_000,
  });
  const wall = performance.now() - t0;
  const counted = report.countedMs / report.runs;
  const f = report.findings[0];
  console.log(`${w.name}
  plain ${plain.toFixed(2)} ms/call; counted ${counted.toFixed(2)} ms/call (${(counted / plain).toFixed(1)}x) over ${report.runs} runs; child wall time ${wall.toFixed(0)} ms
  ${f ? `${f.confirmed ? 'confirmed' : 'not confirmed'}: ${f.calls} calls, ${f.iterations} iterations, ${f.loopStarts} loop starts` : report.note}`);
}
fs.rmSync(dir, { recursive: true, force: true });
