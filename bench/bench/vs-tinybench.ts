// Perf Lens side by side with tinybench (issue 5): the same three functions (~100 ns, ~1 µs, ~50 µs;
// bench/bench/vs-tinybench/functions.cjs) and the same time budget, each tool in fresh child processes.
//
//   npm run build && nice -n 5 node --import tsx bench/bench/vs-tinybench.ts [--repetitions 8] [--clock wall|cpu]
//
// Per repetition and function: our default run (runBenchmarks: adaptive 5–15 processes) is timed by the
// wall clock, process starts included; then (always second) one tinybench child gets that time: its
// default 250 ms warm-up plus `time` = the rest. (tinybench's `time` counts only the time inside its
// samples, so its wall time is longer: both walls are printed.) Figures per tool: mean, 95% CI
// half-width in % of the mean (ours: from the per-process means; tinybench's rme, which in 6.x is exactly
// 100 · t(0.975, n−1) · sd/√n / mean over the samples of its one process), samples. `--clock cpu`
// switches our side only: tinybench times each call with performance.now, and a CPU clock
// (process.cpuUsage, µs steps) cannot time a 100 ns call.
//
// Coverage, the part that matters: does the 95% CI of one repetition contain the mean that the NEXT
// repetition (fresh processes) measures? Even an exact 95% interval does so less than 95% of the time,
// because the next mean is noisy too (≈ 83% for two equally precise means with many degrees of freedom,
// more with our t-multiplier at 4–14 df); so also: does it contain the mean of all OTHER repetitions
// (close to 95% for an exact interval). And the spread (rsd) of the repetitions' means per tool.
// Slow (minutes), so not part of npm test. Prints a table, then one JSON line.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { parseArgs } from 'node:util';
import { runBenchmarks } from '../../src/runner/bench/run-benchmarks';
import { summarize } from '../../src/core/bench/summary';
import { mean, standardDeviation } from '../../src/core/bench/descriptive';

const ROOT = path.join(__dirname, '..', '..');
const DIR = path.join(__dirname, 'vs-tinybench');
const harness = path.join(ROOT, 'dist', 'bench-harness.js');
if (!fs.existsSync(harness)) {
  console.error('dist/bench-harness.js is missing: run `npm run build` first');
  process.exit(2);
}
const { values } = parseArgs({ options: { repetitions: { type: 'string' }, clock: { type: 'string' } } });
const clock = values.clock === 'cpu' ? 'cpu' : 'wall';
const repetitions = Number(values.repetitions ?? 8);
if (!(Number.isSafeInteger(repetitions) && repetitions >= 2)) {
  console.error('--repetitions must be a whole number of at least 2 (coverage needs a next repetition)');
  process.exit(2);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { functions } = require('./vs-tinybench/functions.cjs') as { functions: { name: string }[] };
const TINYBENCH_WARMUP_MS = 250; // tinybench 6.2.5's default warmupTime

interface Measured {
  mean: number; // ns
  half: number; // CI half-width, ns
  samples: number;
  processes: number;
  wallMs: number;
}

async function ours(name: string): Promise<Measured> {
  const t0 = performance.now();
  const out = await runBenchmarks({ files: [{ absolute: path.join(DIR, 'perf-lens.cjs'), file: 'perf-lens.cjs' }], cwd: DIR, harnessPath: harness, names: [name], clock });
  const wallMs = performance.now() - t0;
  if (out.errors.length) throw new Error(out.errors[0].message);
  const s = summarize(out.results[0]);
  if (!s.ci95) throw new Error(`${name}: no confidence interval`);
  return { mean: s.mean, half: (s.ci95[1] - s.ci95[0]) / 2, samples: s.samples, processes: s.processes, wallMs };
}

function tinybench(name: string, timeMs: number): Promise<Measured> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    // No shell: the function's name is an argument, not command text.
    execFile(process.execPath, [path.join(DIR, 'tinybench-child.mjs'), name, String(timeMs)], { cwd: DIR, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`tinybench child: ${err.message} ${stderr}`));
      const r = JSON.parse(stdout.trim()) as { meanNs: number; moeNs: number; samples: number };
      resolve({ mean: r.meanNs, half: r.moeNs, samples: r.samples, processes: 1, wallMs: performance.now() - t0 });
    });
  });
}

const pct = (half: number, m: number) => (100 * half) / m;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');
const ns = (x: number) => (x >= 1e3 ? `${(x / 1e3).toFixed(2)} µs` : `${x.toFixed(1)} ns`);

/** Coverage and spread of one tool's repetitions. */
function judge(reps: Measured[]) {
  const inside = (r: Measured, x: number) => Math.abs(x - r.mean) <= r.half;
  let next = 0;
  for (let i = 0; i + 1 < reps.length; i++) if (inside(reps[i], reps[i + 1].mean)) next++;
  let others = 0;
  for (let i = 0; i < reps.length; i++) if (inside(reps[i], mean(reps.filter((_, j) => j !== i).map((r) => r.mean)))) others++;
  const means = reps.map((r) => r.mean);
  return {
    mean: mean(means),
    halfPctMedian: median(reps.map((r) => pct(r.half, r.mean))),
    samplesMedian: median(reps.map((r) => r.samples)),
    processesMedian: median(reps.map((r) => r.processes)),
    wallMsMedian: median(reps.map((r) => r.wallMs)),
    rsdOfMeans: (100 * standardDeviation(means)) / mean(means),
    nextInside: next,
    othersInside: others,
  };
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const loadStart = os.loadavg();
  console.log(`Node ${process.version}, ${os.cpus().length} CPUs, load average ${load()}; ${repetitions} repetitions; our clock: ${clock}`);
  const byFn = functions.map(() => ({ ours: [] as Measured[], tinybench: [] as Measured[] }));
  for (let r = 0; r < repetitions; r++) {
    for (const [i, f] of functions.entries()) {
      const a = await ours(f.name);
      // The same total: tinybench's warm-up plus its `time` equal our whole run, process starts included.
      const b = await tinybench(f.name, Math.max(1, Math.round(a.wallMs - TINYBENCH_WARMUP_MS)));
      byFn[i].ours.push(a);
      byFn[i].tinybench.push(b);
      console.log(
        `rep ${r + 1}/${repetitions} ${f.name}: ours ${ns(a.mean)} ±${pct(a.half, a.mean).toFixed(2)}% ` +
          `(${a.processes} processes, ${a.samples} samples, ${(a.wallMs / 1e3).toFixed(1)} s); ` +
          `tinybench ${ns(b.mean)} ±${pct(b.half, b.mean).toFixed(2)}% (${b.samples} samples, ${(b.wallMs / 1e3).toFixed(1)} s); load ${load()}`,
      );
    }
  }

  const rows = functions.map((f, i) => ({ name: f.name, ours: judge(byFn[i].ours), tinybench: judge(byFn[i].tinybench) }));
  console.log('');
  console.log('| function | tool | mean | 95% CI ± (median) | samples (median) | wall (median) | rsd of the means | next mean inside | others\' mean inside |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    for (const tool of ['ours', 'tinybench'] as const) {
      const j = row[tool];
      const samples = `${Math.round(j.samplesMedian)}` + (tool === 'ours' ? ` in ${j.processesMedian} processes` : '');
      console.log(
        `| ${row.name} | ${tool} | ${ns(j.mean)} | ${j.halfPctMedian.toFixed(2)}% | ${samples} | ${(j.wallMsMedian / 1e3).toFixed(1)} s | ` +
          `${j.rsdOfMeans.toFixed(2)}% | ${j.nextInside}/${repetitions - 1} | ${j.othersInside}/${repetitions} |`,
      );
    }
  }
  const minutes = (Date.now() - t0) / 60000;
  console.log(`load average ${loadStart.map((x) => x.toFixed(1)).join(' ')} at the start, ${load()} at the end, on ${os.cpus().length} CPUs; ${minutes.toFixed(1)} min`);
  console.log(
    JSON.stringify({
      node: process.version,
      repetitions,
      clock,
      functions: rows.map((row, i) => ({ ...row, runs: byFn[i] })),
      loadavg: { start: loadStart, end: os.loadavg() },
      minutes,
    }),
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
