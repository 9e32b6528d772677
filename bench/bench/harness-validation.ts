// The benchmark harness checked with REAL processes (stats-validation.ts checks the statistics by
// simulation): per repetition, a baseline run, an identical run (A/A: any `slower`/`faster` is a false
// positive) and a run with 10% more work (A/B: should be `slower`), compared at default settings; and the
// spread of a stable ~1 µs function.
//
//   npm run build && node --import tsx bench/bench/harness-validation.ts [--repetitions 5] [--micro-runs 5] [--sample-ms 5] [--processes n] [--time ms] [--clock wall|cpu]
//
// Slow (three full benchmark runs per repetition), so not part of npm test. Prints figures, then one JSON line.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runBenchmarks, type BenchFile } from '../../src/runner/bench/run-benchmarks';
import { compareRuns } from '../../src/core/bench/compare';
import { summarize } from '../../src/core/bench/summary';
import { mean, standardDeviation } from '../../src/core/bench/descriptive';

const ROOT = path.join(__dirname, '..', '..');
const harness = path.join(ROOT, 'dist', 'bench-harness.js');
if (!fs.existsSync(harness)) {
  console.error('dist/bench-harness.js is missing: run `npm run build` first');
  process.exit(2);
}
const { values } = parseArgs({ options: { repetitions: { type: 'string' }, 'micro-runs': { type: 'string' }, processes: { type: 'string' }, time: { type: 'string' }, clock: { type: 'string' }, 'sample-ms': { type: 'string' } } });
const repetitions = Number(values.repetitions ?? 5);
const microRuns = Math.max(1, Number(values['micro-runs'] ?? 5));
const processes = values.processes === undefined ? undefined : Number(values.processes);
const timeMs = values.time === undefined ? undefined : Number(values.time);
const clock = values.clock === 'cpu' ? 'cpu' : 'wall';
// The length of one sample (default: the harness's, DEFAULT_SAMPLE_NS): `--sample-ms 1` shows what 5 ms bought.
const sampleNs = values['sample-ms'] === undefined ? undefined : Number(values['sample-ms']) * 1e6;

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-harness-validation-')));
// WORK_FACTOR scales the loop: 1.1 is exactly 10% more work.
fs.writeFileSync(
  path.join(dir, 'work.bench.cjs'),
  `const { bench } = require('perf-lens/bench');
const n = Math.round(20000 * Number(process.env.WORK_FACTOR || 1));
bench('work', () => { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i); return s; });
`,
);
fs.writeFileSync(
  path.join(dir, 'micro.bench.cjs'),
  `const { bench } = require('perf-lens/bench');
const xs = Array.from({ length: 1200 }, (_, i) => i * 0.5);
bench('about 1 µs', () => { let s = 0; for (let i = 0; i < xs.length; i++) s += xs[i] * xs[i]; return s; });
`,
);
const file = (name: string): BenchFile[] => [{ absolute: path.join(dir, name), file: name }];

async function run(name: string, factor: number) {
  process.env.WORK_FACTOR = String(factor);
  const out = await runBenchmarks({ files: file(name), cwd: dir, harnessPath: harness, processes, timeMs, clock, sampleNs });
  if (out.errors.length) throw new Error(out.errors[0].message);
  return out.results;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  let aaCalled = 0;
  let abSlower = 0;
  const ratiosAB: number[] = [];
  const procs: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    const base = await run('work.bench.cjs', 1);
    const same = await run('work.bench.cjs', 1);
    const slower = await run('work.bench.cjs', 1.1);
    const aa = compareRuns(same, base)[0];
    const ab = compareRuns(slower, base)[0];
    if (aa.verdict === 'slower' || aa.verdict === 'faster') aaCalled++;
    if (ab.verdict === 'slower') abSlower++;
    ratiosAB.push(ab.ratio ?? NaN);
    procs.push(base[0].runs.length, same[0].runs.length, slower[0].runs.length);
    console.log(
      `repetition ${r + 1}/${repetitions}: A/A ratio ${aa.ratio?.toFixed(3)} p ${aa.pValue?.toFixed(4)} → ${aa.verdict}; ` +
        `A/B ratio ${ab.ratio?.toFixed(3)} [${ab.ci95?.map((x) => x.toFixed(3)).join(', ')}] p ${ab.pValue?.toExponential(2)} → ${ab.verdict}; ` +
        `processes ${base[0].runs.length}/${same[0].runs.length}/${slower[0].runs.length}`,
    );
  }
  // The ~1 µs function, several whole runs: its reported rsd (all samples of all processes) per run.
  const micro: { meanNs: number; rsd: number; withinProcessRsdMedian: number; processRsd: number | null }[] = [];
  for (let i = 0; i < microRuns; i++) {
    const microResult = (await run('micro.bench.cjs', 1))[0];
    const s = summarize(microResult);
    const within = microResult.runs.map((x) => (100 * standardDeviation(x.samples)) / mean(x.samples));
    micro.push({ meanNs: s.mean, rsd: s.rsd, withinProcessRsdMedian: median(within), processRsd: s.processRsd });
  }
  const rsds = micro.map((m) => m.rsd);
  const minutes = (Date.now() - t0) / 60000;
  console.log('');
  console.log(`clock: ${clock}; sample length: ${sampleNs === undefined ? 'default' : `${sampleNs / 1e6} ms`}`);
  console.log(`A/A (identical code): ${aaCalled}/${repetitions} called slower or faster (goal ≤ 2%)`);
  console.log(`A/B (10% more work): ${abSlower}/${repetitions} called slower (goal ≥ 95%); ratios ${ratiosAB.map((x) => x.toFixed(3)).join(', ')}`);
  if (procs.length) console.log(`processes per run: ${Math.min(...procs)}–${Math.max(...procs)} (mean ${mean(procs).toFixed(1)})`);
  console.log(
    `~1 µs function, ${microRuns} runs: mean ${median(micro.map((m) => m.meanNs)).toFixed(0)} ns; reported rsd (all samples) median ${median(rsds).toFixed(2)}% ` +
      `(runs: ${rsds.map((x) => x.toFixed(2)).join(', ')}; goal ≤ 2%); within a process median ${median(micro.map((m) => m.withinProcessRsdMedian)).toFixed(2)}%; ` +
      `rsd of process means median ${median(micro.map((m) => m.processRsd ?? NaN)).toFixed(2)}%`,
  );
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs; ${minutes.toFixed(1)} min`);
  console.log(
    JSON.stringify({
      clock,
      repetitions,
      aaFalsePositives: aaCalled,
      abDetected: abSlower,
      abRatios: ratiosAB,
      processes: procs,
      micro,
      loadavg: os.loadavg(),
      minutes,
    }),
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
