// The differential flame graph's data for two big profiles of the same code: buildDiffFlame (both
// buildFlame passes and the merge by stack path) and diffFlames alone (the merge), on two generated
// profiles of 100k nodes each (the same call tree, 10% of its nodes renamed in the second, different
// samples), medians of 5 runs.
//
//   node bench/profile/diff-flame.mjs [nodes]     (default 100000; needs dist/engine.js: npm run build)
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { callTree, lcg } from './call-tree.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const enginePath = path.join(root, 'dist', 'engine.js');
if (!fs.existsSync(enginePath)) {
  console.error('dist/engine.js is missing: npm run build first.');
  process.exit(2);
}
const engine = createRequire(import.meta.url)(enginePath);
const nodeCount = Number(process.argv[2] ?? 100_000);

// The same call tree (call-tree.mjs) in both runs, every tenth function renamed in the second; own samples.
function generate(seed, renamed) {
  const rand = lcg(seed);
  const { nodes } = callTree(nodeCount, { renamed });
  const samples = [];
  const timeDeltas = [];
  for (let i = 0; i < 300_000; i++) {
    samples.push(2 + Math.floor(rand() * (nodeCount - 1)));
    timeDeltas.push(900 + Math.floor(rand() * 400));
  }
  return { nodes, startTime: 0, endTime: timeDeltas.reduce((a, b) => a + b, 0) + 1000, samples, timeDeltas };
}
const before = generate(11, false);
const after = generate(23, true);
const flameBefore = engine.profile.buildFlame(before);
const flameAfter = engine.profile.buildFlame(after);
const norm = { mode: 'run', before: { sampledUs: flameBefore.totalUs[0], sampleCount: 300_000 }, after: { sampledUs: flameAfter.totalUs[0], sampleCount: 300_000 } };

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const whole = [];
const merge = [];
const layout = [];
let merged = 0;
for (let i = 0; i < 5; i++) {
  let t = performance.now();
  const d = engine.compare.buildDiffFlame(before, after);
  whole.push(performance.now() - t);
  merged = d.frame.length;
  t = performance.now();
  engine.compare.diffFlames(flameBefore, flameAfter, norm);
  merge.push(performance.now() - t);
  t = performance.now();
  engine.profile.layoutFlame(d, 0, 0.0005);
  layout.push(performance.now() - t);
}
console.log(
  `differential flame graph of two ${nodeCount.toLocaleString('en-US')}-node profiles (300,000 samples each; ${merged.toLocaleString('en-US')} merged frames): ` +
    `buildDiffFlame median ${median(whole).toFixed(0)} ms, of which the merge (diffFlames) ${median(merge).toFixed(0)} ms; layoutFlame median ${median(layout).toFixed(1)} ms (5 runs)`,
);
console.log(JSON.stringify({ nodes: nodeCount, mergedFrames: merged, buildDiffFlameMs: median(whole), diffFlamesMs: median(merge), layoutMs: median(layout) }));
