// The main job on the bundled examples: builds Perf Lens, then runs every capability the CLI has on examples/:
// the performance hints (`perf-lens lint`, also as SARIF), CPU profiles (`perf-lens profile`, `hotspots`, an
// HTML report, an n-plus-one hint confirmed at runtime) of a quadratic function next to its fixed twin, and
// benchmarks with a saved baseline. Later capabilities add their step here.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const node = process.execPath;

function step(title, args, okCodes = [0]) {
  console.log(`\n=== ${title}\n$ perf-lens ${args.join(' ')}\n`);
  const r = spawnSync(node, [path.join(root, 'dist/cli.js'), ...args], { cwd: root, stdio: 'inherit' });
  if (!okCodes.includes(r.status ?? -1)) {
    console.error(`demo: "${title}" failed with exit code ${r.status ?? r.signal}`);
    process.exit(1);
  }
}

const build = spawnSync(node, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

// Exit code 1 means "findings": exactly what the examples are for.
step('Performance hints on the examples (Node + Elixir)', ['lint', 'examples'], [0, 1]);

// The same findings as SARIF 2.1.0, the file GitHub code scanning uploads.
const sarif = spawnSync(node, [path.join(root, 'dist/cli.js'), 'lint', 'examples', '--format', 'sarif'], { cwd: root, encoding: 'utf8' });
if (![0, 1].includes(sarif.status ?? -1)) {
  console.error(`demo: SARIF export failed: ${sarif.stderr.trim()}`);
  process.exit(1);
}
fs.writeFileSync(path.join(root, 'dist/examples.sarif'), sarif.stdout);
console.log(`\n=== SARIF: ${JSON.parse(sarif.stdout).runs[0].results.length} results written to dist/examples.sarif`);

// CPU profiles: packingSlip() in its quadratic form (the rope is flattened on every name) and fixed, called
// over and over with the same 5,000 names for 1 s each. The call counts tell the story; the hot spots say where.
const names = JSON.stringify([Array.from({ length: 5000 }, (_, i) => `Widget ${i + 1}`)]);
const demoDir = path.join('dist', 'demo');
fs.mkdirSync(path.join(root, demoDir), { recursive: true });
const calls = {};
for (const twin of ['slow', 'fast']) {
  const out = path.join(demoDir, `packingSlip-${twin}.cpuprofile`);
  const args = ['profile', `examples/node-shop/src/reports/csv.${twin}.js`, '--function', 'packingSlip', '--args', names, '--duration', '1000', '--my-code', '--out', out];
  console.log(`\n=== CPU profile of packingSlip (${twin} twin), 5,000 names\n$ perf-lens ${args.join(' ').replace(names, "'[[\"Widget 1\", …]]'")}\n`);
  const r = spawnSync(node, [path.join(root, 'dist/cli.js'), ...args], { cwd: root, encoding: 'utf8' });
  process.stdout.write(r.stdout);
  if (r.status !== 0) {
    console.error(`demo: profiling the ${twin} twin failed: ${r.stderr.trim()}`);
    process.exit(1);
  }
  calls[twin] = Number(/^(\d+) calls of packingSlip/m.exec(r.stdout)?.[1] ?? NaN);
}
console.log(`\n=== packingSlip: ${calls.slow} calls/s quadratic, ${calls.fast} calls/s fixed (${(calls.fast / calls.slow).toFixed(1)}x)`);

// Any saved profile (ours, node --cpu-prof, DevTools) can be read again.
step('Hot spots of the saved profile, as JSON', ['hotspots', path.join(demoDir, 'packingSlip-slow.cpuprofile'), '--my-code', '--limit', '3', '--format', 'json']);

// The same profile as one self-contained HTML page (table + flame graph, no network) to share or keep in CI.
step('An HTML report of that profile', ['hotspots', path.join(demoDir, 'packingSlip-slow.cpuprofile'), '--limit', '5', '--report', path.join(demoDir, 'packingSlip-slow.html')]);

// An n-plus-one hint confirmed at runtime: basketTotal looks up a product per basket line (fake Prisma client).
const basket = "[require('./db/fake-prisma').createPrisma(), Array.from({ length: 300 }, (_, i) => ({ productId: (i % 50) + 1, quantity: 2 }))]";
step('Profile of basketTotal, whose n-plus-one hint is checked at runtime', ['profile', 'examples/node-shop/src/pricing.slow.js', '--function', 'basketTotal', '--args-js', basket, '--iterations', '20', '--my-code', '--out', path.join(demoDir, 'basketTotal.cpuprofile')]);


// Benchmarks (vitest's API, run without vitest): the packingSlip and revenueByCategory twins, and how the
// packingSlip twins scale with input size. Brief settings (3 processes, 100 ms per benchmark) keep the demo
// short; the defaults measure longer and choose the number of processes from the noise they see.
const quick = ['--processes', '3', '--time', '100', '--warmup', '50'];
step('Benchmarks of the examples, saved as baseline "demo"', ['bench', 'examples/node-shop/bench', ...quick, '--save', 'demo']);
step('The packingSlip benchmarks again, compared with "demo" (Markdown for a pull-request comment)', ['bench', 'examples/node-shop/bench/packing-slip.bench.mjs', ...quick, '--compare', 'demo', '--format', 'markdown']);
// Against the last commit, measured in the same run (processes interleaved): what a CI gate should use.
if (fs.existsSync(path.join(root, '.git'))) {
  step('The packingSlip benchmarks against HEAD, both sides in one interleaved run', ['bench', 'examples/node-shop/bench/packing-slip.bench.mjs', ...quick, '--against', 'HEAD'], [0, 1]);
}
step('The revenueByCategory benchmarks with memory per operation (the spread accumulator copies the object per line)', ['bench', 'examples/node-shop/bench/revenue.bench.ts', ...quick, '--memory']);
