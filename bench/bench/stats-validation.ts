// Statistical validation of the benchmark comparison (src/core/bench) by simulation: how often identical
// code is called faster/slower (A/A false-positive rate, goal ≤ 2%) and how often a 10% slowdown is
// called slower (A/B power, goal ≥ 95%), under the timing noise measured on real machines — per-process
// means that move by several percent, ~1% noise within a process, and rare slow samples (GC pauses).
// The table over processes × between-process noise tells the harness how many processes it needs.
//
//   node --import tsx bench/bench/stats-validation.ts [--trials 1000] [--seed 1] [--samples 50] [--check-goals]
import { compareResult } from '../../src/core/bench/compare';
import { DEFAULT_ALPHA, DEFAULT_MIN_EFFECT, DEFAULT_PROCESSES } from '../../src/core/bench/defaults';
import { normalQuantile } from '../../src/core/bench/distributions';
import type { BenchmarkResult } from '../../src/core/bench/model';
import { normalSampler, seededRandom } from '../../src/core/bench/random';
import { summarize } from '../../src/core/bench/summary';
import { processesNeeded } from '../../src/core/bench/power';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const TRIALS = option('trials', 1000);
const SEED = option('seed', 1);
const SAMPLES = option('samples', 50);
const CHECK = process.argv.includes('--check-goals');
const SLOWDOWN = 1.1;
const WITHIN = 0.01; // log-normal sd of samples inside one process (tinybench's in-run error is < 1%)
const OUTLIER_RATE = 0.005; // share of samples hit by a pause, 1.5–3× slower
const PROCESS_COUNTS = [3, 5, 8, 10, 12, 15, 20];
const BETWEEN = [0.02, 0.05, 0.08]; // log-normal sd of per-process means: consecutive processes differ by a median 0.95·sd, 10% of the time by > 2.3·sd
const REALISTIC_BETWEEN = 0.05; // differences of 4–13% between processes, as measured in the issue

const uniform = seededRandom(SEED);
const normal = normalSampler(uniform);

function simulate(processes: number, samples: number, trueMean: number, between: number): BenchmarkResult {
  const runs = [];
  for (let p = 0; p < processes; p++) {
    const m = trueMean * Math.exp(between * normal());
    const xs = new Array<number>(samples);
    for (let i = 0; i < samples; i++) {
      xs[i] = m * Math.exp(WITHIN * normal()) * (uniform() < OUTLIER_RATE ? 1.5 + 1.5 * uniform() : 1);
    }
    runs.push({ samples: xs });
  }
  return { name: 'sim', file: 'sim', runs };
}

/** The same result seen as one process: what a single-run tool's test on all samples would do. */
const pooled = (r: BenchmarkResult): BenchmarkResult => ({ ...r, runs: [{ samples: r.runs.flatMap((x) => x.samples) }] });

/** Wilson score interval of a proportion (95%). */
function wilson(hits: number, n: number): [number, number] {
  const z = normalQuantile(0.975);
  const p = hits / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

interface Cell {
  processes: number;
  between: number;
  falsePositive: number;
  power: number;
}

function measure(processes: number, between: number, { naive = false, samples = SAMPLES } = {}) {
  let fpHits = 0;
  let significantHits = 0;
  let powerHits = 0;
  for (let t = 0; t < TRIALS; t++) {
    let a = simulate(processes, samples, 1000, between);
    let b = simulate(processes, samples, 1000, between);
    if (naive) [a, b] = [pooled(a), pooled(b)];
    const aa = compareResult(a, b);
    // A false positive is identical code called different; 'inconclusive' claims nothing.
    if (aa.verdict === 'slower' || aa.verdict === 'faster') fpHits++;
    if (aa.pValue! < DEFAULT_ALPHA) significantHits++;
    let slow = simulate(processes, samples, 1000 * SLOWDOWN, between);
    let base = simulate(processes, samples, 1000, between);
    if (naive) [slow, base] = [pooled(slow), pooled(base)];
    if (compareResult(slow, base).verdict === 'slower') powerHits++;
  }
  return { processes, between, falsePositive: fpHits / TRIALS, power: powerHits / TRIALS, aaSignificant: significantHits / TRIALS, fpHits, powerHits };
}

const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}%`;
const started = performance.now();
console.log(`stats-validation: ${TRIALS} A/A and ${TRIALS} A/B trials per cell, ${SAMPLES} samples per process, seed ${SEED}`);
console.log(`noise: within-process ${pct(WITHIN)} log-normal, ${pct(OUTLIER_RATE)} of samples 1.5–3× slower; verdict at alpha ${DEFAULT_ALPHA}, minimum effect ${pct(DEFAULT_MIN_EFFECT, 0)}`);
console.log('');
console.log('processes per side | between-process sd | A/A called different | A/B 10% slowdown called slower | processesNeeded(sd) predicts');
const cells: Cell[] = [];
for (const between of BETWEEN) {
  for (const k of PROCESS_COUNTS) {
    const c = measure(k, between);
    cells.push({ processes: k, between, falsePositive: c.falsePositive, power: c.power });
    console.log(`${String(k).padStart(18)} | ${pct(between, 0).padStart(18)} | ${pct(c.falsePositive).padStart(20)} | ${pct(c.power).padStart(30)} | ${k === PROCESS_COUNTS[0] ? `95% power from ${processesNeeded(100 * between)} processes` : ''}`);
  }
}
console.log('');
console.log(`samples per process matter little (${DEFAULT_PROCESSES} processes, between-process sd ${pct(REALISTIC_BETWEEN, 0)}):`);
const bySamples: Array<{ samples: number; falsePositive: number; power: number }> = [];
for (const samples of [10, 50, 200]) {
  const c = measure(DEFAULT_PROCESSES, REALISTIC_BETWEEN, { samples });
  bySamples.push({ samples, falsePositive: c.falsePositive, power: c.power });
  console.log(`  ${String(samples).padStart(3)} samples: A/A called different ${pct(c.falsePositive)}, 10% slowdown called slower ${pct(c.power)}`);
}

// At default settings, with a confidence interval for each rate.
const atDefault = measure(DEFAULT_PROCESSES, REALISTIC_BETWEEN);
const fpCi = wilson(atDefault.fpHits, TRIALS);
const powerCi = wilson(atDefault.powerHits, TRIALS);
// The same data tested as single-run tools do (all samples as independent observations).
const naive = measure(DEFAULT_PROCESSES, REALISTIC_BETWEEN, { naive: true });
// Interval of a mean at default settings: coverage of the true mean and half-width in % of the mean.
let covered = 0;
let halfWidth = 0;
for (let t = 0; t < TRIALS; t++) {
  const s = summarize(simulate(DEFAULT_PROCESSES, SAMPLES, 1000, REALISTIC_BETWEEN));
  // The true mean of a sample: 1000 · E[pause factor] (the log-normal factors have median 1, mean e^(sd²/2)).
  const trueMean = 1000 * Math.exp((REALISTIC_BETWEEN ** 2 + WITHIN ** 2) / 2) * (1 + OUTLIER_RATE * 1.25);
  if (s.ci95![0] <= trueMean && trueMean <= s.ci95![1]) covered++;
  halfWidth += (s.ci95![1] - s.ci95![0]) / 2 / s.mean / TRIALS;
}

const goals = { falsePositiveMax: 0.02, powerMin: 0.95 };
const met = atDefault.falsePositive <= goals.falsePositiveMax && atDefault.power >= goals.powerMin;
console.log('');
console.log(`default settings: ${DEFAULT_PROCESSES} processes per side, between-process sd ${pct(REALISTIC_BETWEEN, 0)}:`);
console.log(`  A/A false-positive rate ${pct(atDefault.falsePositive, 2)} [95% CI ${pct(fpCi[0], 2)}, ${pct(fpCi[1], 2)}] (goal ≤ 2%)`);
console.log(`  A/B power on a 10% slowdown ${pct(atDefault.power, 2)} [95% CI ${pct(powerCi[0], 2)}, ${pct(powerCi[1], 2)}] (goal ≥ 95%)`);
console.log(`  A/A p < ${DEFAULT_ALPHA}: ${pct(atDefault.aaSignificant, 2)} with per-process means; ${pct(naive.aaSignificant)} when the same data are tested sample by sample (ignoring processes; the ${pct(DEFAULT_MIN_EFFECT, 0)} minimum effect then hides most of it: ${pct(naive.falsePositive)} called different)`);
console.log(`  95% interval of a mean: covers the true mean in ${pct(covered / TRIALS)} of runs, half-width ${pct(halfWidth, 2)} of the mean`);
console.log(`  ${met ? 'goals met' : 'GOALS NOT MET'} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
console.log(
  JSON.stringify({
    bench: 'stats-validation',
    trials: TRIALS,
    seed: SEED,
    samplesPerProcess: SAMPLES,
    defaults: { processes: DEFAULT_PROCESSES, alpha: DEFAULT_ALPHA, minEffect: DEFAULT_MIN_EFFECT, betweenProcessSd: REALISTIC_BETWEEN },
    falsePositive: atDefault.falsePositive,
    falsePositiveCi95: fpCi,
    power: atDefault.power,
    powerCi95: powerCi,
    aaSignificant: atDefault.aaSignificant,
    naiveAaSignificant: naive.aaSignificant,
    naiveFalsePositive: naive.falsePositive,
    bySamples,
    meanCiCoverage: covered / TRIALS,
    meanCiHalfWidth: halfWidth,
    cells,
    goalsMet: met,
  }),
);
if (CHECK && !met) process.exit(1);
