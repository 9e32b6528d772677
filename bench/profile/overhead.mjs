// How much the CPU profiler slows the code it measures, as Perf Lens runs it: an in-process
// node:inspector session, Profiler.setSamplingInterval(<interval>), eager source positions.
// Separate processes differ more from each other (JIT decisions) than the profiler costs, so each
// process compares itself: after a warm-up it runs the workload in windows of 250 ms, alternately with
// and without the profiler (start/stop outside the windows), and reports the ratio of calls per second
// between neighbouring windows (a paired ratio). Medians over all pairs of all processes.
//
//   node bench/profile/overhead.mjs [processes] [intervalUs]     (defaults: 5 processes, 1000 µs)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const rounds = Number(process.argv[2] ?? 5);
const intervalUs = Number(process.argv[3] ?? 1000);
const durationMs = 6000; // per process: 12 pairs of 250 ms windows

// Three workloads of different shapes: a tight numeric loop, string building with a hidden flatten, and
// allocation-heavy object work.
const WORKER = `
const v8 = require('node:v8');
v8.setFlagsFromString('--no-enable-lazy-source-positions');
const [mode, workload, intervalUs, durationMs] = process.argv.slice(2);
const work = {
  numeric: () => { let s = 0; for (let i = 0; i < 20000; i++) s += Math.sqrt(i) * (i % 7); return s; },
  strings: () => { let out = ''; for (let i = 0; i < 400; i++) { const start = out.lastIndexOf('\\n') + 1; out += (out.length - start > 60 ? '\\n' : ', ') + 'Widget ' + i; } return out.length; },
  objects: () => { const m = new Map(); for (let i = 0; i < 2000; i++) m.set('k' + (i % 500), { i, tags: ['a', 'b'] }); return JSON.stringify([...m.values()].slice(0, 50)).length; },
}[workload];
const { Session } = require('node:inspector');
const session = new Session();
session.connect();
const post = (m, p) => { let r; session.post(m, p || {}, (e, x) => { if (e) throw e; r = x; }); return r; };
post('Profiler.enable');
post('Profiler.setSamplingInterval', { interval: Number(intervalUs) });
const warmEnd = Date.now() + 500;
while (Date.now() < warmEnd) work();
const windowNs = 250_000_000n;
const rate = () => {
  const t0 = process.hrtime.bigint();
  let calls = 0;
  while (process.hrtime.bigint() - t0 < windowNs) { work(); calls++; }
  return calls / (Number(process.hrtime.bigint() - t0) / 1e9);
};
const ratios = [];
let samples = 0;
for (let i = 0; i < Number(durationMs) / 500; i++) {
  const plainFirst = i % 2 === 0;
  const a = plainFirst ? rate() : null;
  post('Profiler.start');
  const profiled = rate();
  samples += post('Profiler.stop').profile.samples.length;
  const plain = plainFirst ? a : rate();
  ratios.push(plain / profiled);
}
process.stdout.write(JSON.stringify({ ratios, samples }));
`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-overhead-'));
const worker = path.join(dir, 'worker.cjs');
fs.writeFileSync(worker, WORKER);
const run = (workload) => {
  const r = spawnSync(process.execPath, [worker, 'paired', workload, String(intervalUs), String(durationMs)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
try {
  console.log(`profiler overhead: ${rounds} processes per workload, each ${durationMs / 500} pairs of 250 ms windows with and without sampling every ${intervalUs} µs; node ${process.version}, ${os.cpus().length} cores`);
  const summary = {};
  for (const workload of ['numeric', 'strings', 'objects']) {
    const all = [];
    const perProcess = [];
    let samples = 0;
    for (let i = 0; i < rounds; i++) {
      const res = run(workload);
      all.push(...res.ratios);
      perProcess.push(median(res.ratios));
      samples += res.samples;
    }
    const m = median(all);
    summary[workload] = m;
    console.log(`  ${workload.padEnd(8)} slowdown with the profiler: median ${((m - 1) * 100).toFixed(1)}% over ${all.length} pairs (per process: ${perProcess.map((r) => `${((r - 1) * 100).toFixed(1)}%`).join(', ')}); ${Math.round(samples / rounds)} samples per process`);
  }
  console.log(JSON.stringify({ intervalUs, processes: rounds, slowdown: summary }));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
