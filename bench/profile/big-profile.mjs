// Reading a big .cpuprofile: `perf-lens hotspots` on a generated profile of about 100 MB (the size a few
// minutes of a busy server at 1 ms make), wall time and peak memory of the process. Goals (issue 4):
// at most 2 s and at most 3x the file size in memory. Then the editor's way: analyzeProfileOffThread
// (dist/engine.js, a worker thread doing everything the Hot Spots view needs), its wall time, the memory
// it adds to the process (peak RSS minus RSS before the call), and the longest stall of the calling
// thread meanwhile (the extension host is flagged unresponsive after 3 s).
//
//   node bench/profile/big-profile.mjs [targetMB] [--keep <file>]   (default 100; needs dist/ (npm run build) and /usr/bin/time)
//   --keep writes the generated profile to <file> and leaves it there (to profile the reader, say).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const engine = path.join(root, 'dist', 'engine.js');
if (![cli, engine, path.join(root, 'dist', 'profile-worker.js')].every((f) => fs.existsSync(f))) {
  console.error('dist/ is missing or incomplete: npm run build first.');
  process.exit(2);
}

/** Run as `node -e OFF_THREAD <engine.js> <file>`: the editor's call, timed, with the calling thread watched. */
const OFF_THREAD = `
const [engine, file] = process.argv.slice(1);
const e = require(engine);
const before = process.memoryUsage().rss;
const t0 = performance.now();
let last = t0, longest = 0;
const timer = setInterval(() => { const now = performance.now(); longest = Math.max(longest, now - last); last = now; }, 10);
e.profile.analyzeProfileOffThread(file, {}).then((r) => {
  clearInterval(timer);
  const ms = performance.now() - t0;
  if (r.all.hotspots.length === 0 || r.flame.frame.length < 2) throw new Error('empty analysis');
  console.log(JSON.stringify({ ms, addedBytes: process.resourceUsage().maxRSS * 1024 - before, longestStallMs: Math.max(longest, performance.now() - last) }));
});
`;
const args = process.argv.slice(2);
const keepAt = args.indexOf('--keep');
const keep = keepAt >= 0 ? path.resolve(args[keepAt + 1]) : undefined;
const targetBytes = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--keep') ?? 100) * 1e6;

/** A deterministic profile shaped like a real one: a call tree of ~100k nodes over 300 scripts, and samples. */
function writeProfile(file) {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out = fs.openSync(file, 'w');
  const w = (s) => fs.writeSync(out, s);
  const nodeCount = 100_000;
  const parent = new Int32Array(nodeCount + 1);
  const children = Array.from({ length: nodeCount + 1 }, () => []);
  for (let id = 2; id <= nodeCount; id++) {
    // Mostly deep, sometimes wide: the parent is a recent node.
    const p = Math.max(1, id - 1 - Math.floor(rand() * Math.min(id - 1, rand() < 0.9 ? 8 : 2000)));
    parent[id] = p;
    children[p].push(id);
  }
  w('{"nodes":[');
  for (let id = 1; id <= nodeCount; id++) {
    const script = Math.floor(rand() * 300);
    const frame = id === 1
      ? { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }
      : { functionName: `fn${id % 5000}`, scriptId: String(script + 10), url: `file:///srv/app/src/module${script}/file${script}.js`, lineNumber: id % 900, columnNumber: id % 40 };
    const node = { id, callFrame: frame, hitCount: 0, children: children[id] };
    if (id > 1 && rand() < 0.5) node.positionTicks = [{ line: (id % 900) + 1, ticks: 1 + Math.floor(rand() * 20) }];
    w((id > 1 ? ',' : '') + JSON.stringify(node));
  }
  w('],"startTime":1000000,"endTime":');
  // Samples and deltas take the rest of the budget.
  const written = fs.fstatSync(out).size;
  const sampleCount = Math.max(1000, Math.floor((targetBytes - written) / 12));
  let t = 1_000_000;
  const samples = [];
  const deltas = [];
  for (let i = 0; i < sampleCount; i++) {
    samples.push(2 + Math.floor(rand() * (nodeCount - 1)));
    const d = 900 + Math.floor(rand() * 400);
    deltas.push(d);
    t += d;
  }
  w(`${t + 1000},"samples":[`);
  for (let i = 0; i < samples.length; i += 100_000) w((i > 0 ? ',' : '') + samples.slice(i, i + 100_000).join(','));
  w('],"timeDeltas":[');
  for (let i = 0; i < deltas.length; i += 100_000) w((i > 0 ? ',' : '') + deltas.slice(i, i + 100_000).join(','));
  w(']}');
  fs.closeSync(out);
  return { nodes: nodeCount, samples: sampleCount };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-bigprof-'));
try {
  const file = keep ?? path.join(dir, 'big.cpuprofile');
  const shape = writeProfile(file);
  const bytes = fs.statSync(file).size;
  console.log(`profile: ${(bytes / 1e6).toFixed(0)} MB, ${shape.nodes.toLocaleString('en-US')} nodes, ${shape.samples.toLocaleString('en-US')} samples`);
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, cli, 'hotspots', file, '--format', 'json', '--limit', '20'], { encoding: 'utf8', maxBuffer: 64e6 });
    if (r.status !== 0) throw new Error(r.stderr);
    const [seconds, user, sys, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    runs.push({ seconds, cpuSeconds: user + sys, peakBytes: kb * 1024 });
    // CPU time too: on a shared machine the wall time also counts the time spent waiting for a core.
    console.log(`  run ${i + 1}: ${seconds.toFixed(2)} s (CPU ${(user + sys).toFixed(2)} s), peak memory ${(kb / 1024).toFixed(0)} MB (${((kb * 1024) / bytes).toFixed(1)}x the file)`);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const s = median(runs.map((r) => r.seconds));
  const m = median(runs.map((r) => r.peakBytes)) / bytes;
  const cpu = median(runs.map((r) => r.cpuSeconds));
  console.log(`median: ${s.toFixed(2)} s (goal <= 2 s: ${s <= 2 ? 'met' : 'NOT met'}; CPU ${cpu.toFixed(2)} s), peak memory ${m.toFixed(1)}x the file (goal <= 3x: ${m <= 3 ? 'met' : 'NOT met'})`);

  console.log('analyzeProfileOffThread (the editor: hot spots of every function and of your code, flame graph, in a worker):');
  const offRuns = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(process.execPath, ['-e', OFF_THREAD, engine, file], { encoding: 'utf8', maxBuffer: 64e6 });
    if (r.status !== 0) throw new Error(r.stderr);
    const run = JSON.parse(r.stdout.trim().split('\n').pop());
    offRuns.push(run);
    console.log(`  run ${i + 1}: ${(run.ms / 1000).toFixed(2)} s, +${(run.addedBytes / 1e6).toFixed(0)} MB (${(run.addedBytes / bytes).toFixed(1)}x the file), calling thread's longest stall ${run.longestStallMs.toFixed(0)} ms`);
  }
  const os_ = median(offRuns.map((r) => r.ms)) / 1000;
  const om = median(offRuns.map((r) => r.addedBytes)) / bytes;
  const stall = median(offRuns.map((r) => r.longestStallMs));
  console.log(`median: ${os_.toFixed(2)} s (goal <= 2 s: ${os_ <= 2 ? 'met' : 'NOT met'}), added memory ${om.toFixed(1)}x the file (goal <= 3x: ${om <= 3 ? 'met' : 'NOT met'}), longest stall ${stall.toFixed(0)} ms`);
  console.log(JSON.stringify({ bytes, ...shape, seconds: s, cpuSeconds: cpu, memoryRatio: m, offThread: { seconds: os_, addedMemoryRatio: om, longestStallMs: stall } }));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
