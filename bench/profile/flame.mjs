// The flame graph's data for a big profile: buildFlame (merging stacks, self/total per frame) and
// layoutFlame (x/width per frame) on a generated profile of 100k nodes, medians of 5 runs.
//
//   node bench/profile/flame.mjs [nodes]     (default 100000; needs dist/engine.js: npm run build)
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { callTree } from './call-tree.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const enginePath = path.join(root, 'dist', 'engine.js');
if (!fs.existsSync(enginePath)) {
  console.error('dist/engine.js is missing: npm run build first.');
  process.exit(2);
}
const engine = createRequire(import.meta.url)(enginePath);
const nodeCount = Number(process.argv[2] ?? 100_000);

const { nodes, rand } = callTree(nodeCount);
const samples = [];
const timeDeltas = [];
for (let i = 0; i < 300_000; i++) {
  samples.push(2 + Math.floor(rand() * (nodeCount - 1)));
  timeDeltas.push(900 + Math.floor(rand() * 400));
}
const profile = { nodes, startTime: 0, endTime: timeDeltas.reduce((a, b) => a + b, 0) + 1000, samples, timeDeltas };

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const build = [];
const layout = [];
for (let i = 0; i < 5; i++) {
  let t = performance.now();
  const data = engine.profile.buildFlame(profile);
  build.push(performance.now() - t);
  t = performance.now();
  engine.profile.layoutFlame(data, 0, 0.0005);
  layout.push(performance.now() - t);
}
console.log(`flame graph data for ${nodeCount.toLocaleString('en-US')} profile nodes, 300,000 samples: buildFlame median ${median(build).toFixed(0)} ms, layoutFlame median ${median(layout).toFixed(1)} ms (5 runs)`);
console.log(JSON.stringify({ nodes: nodeCount, buildMs: median(build), layoutMs: median(layout) }));
