// Importing a long 0x run: the real 0x fixture's ticks repeated (times shifted) to the given count, then
// importFromZeroX (frames interned once, stacks merged into the tree) timed, medians of 3 runs.
//
//   node bench/profile/zero-x-import.mjs [repeats]     (default 200 = 138,400 ticks; needs dist/engine.js: npm run build)
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const enginePath = path.join(root, 'dist', 'engine.js');
if (!fs.existsSync(enginePath)) {
  console.error('dist/engine.js is missing: npm run build first.');
  process.exit(2);
}
const engine = createRequire(import.meta.url)(enginePath);
const repeats = Number(process.argv[2] ?? 200);
const fixture = path.join(root, 'test', 'core', 'profile', 'fixtures', 'zero-x', '32035.0x', 'isolate-0x7e028d0-32035-32035-v8.log.json');
const log = JSON.parse(fs.readFileSync(fixture, 'utf8'));
const span = log.ticks[log.ticks.length - 1].tm + 1000;
const ticks = [];
for (let k = 0; k < repeats; k++) for (const t of log.ticks) ticks.push({ ...t, tm: t.tm + k * span });
const frames = ticks.reduce((a, t) => a + t.s.length / 2, 0);
const times = [];
let profile;
for (let run = 0; run < 3; run++) {
  const t0 = performance.now();
  profile = engine.profile.importFromZeroX({ ...log, ticks });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const ms = times[1];
console.log(`importFromZeroX: ${ticks.length} ticks (${frames} frames) in ${ms.toFixed(0)} ms (median of 3), ${profile.nodes.length} nodes`);
console.log(JSON.stringify({ bench: 'zero-x-import', ticks: ticks.length, frames, medianMs: Math.round(ms), nodes: profile.nodes.length }));
