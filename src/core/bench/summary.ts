/**
 * The statistics of one benchmark result: location and spread of its samples, and a 95% confidence
 * interval of its mean that accounts for the variance between processes.
 *
 * Why per-process means: samples inside one process are many and tight (relative error < 1%), but the
 * mean moves 4–13% from one process to the next (JIT decisions, memory layout, frequency, neighbours).
 * An interval from the pooled samples treats thousands of correlated samples as independent and is far
 * too narrow. The process is the unit that repeats, so the mean is the mean of the per-process means and
 * its interval is mean ± t(k−1) · sd(process means)/√k — the standard cluster-level (two-stage) estimate,
 * exact when process means are normal and robust enough for k ≥ 3. A bootstrap over processes was the
 * alternative; with the few processes a benchmark can afford (5–20) its percentile intervals are too
 * narrow (they ignore the t correction), and it needs random numbers, which makes figures not repeatable.
 * With one process there is no between-process information: the interval falls back to the samples and
 * says so (`ciMethod: 'samples'`).
 */
import { allSamples, type BenchmarkResult } from './model';
import { mean, quantileSorted, sortedCopy, standardDeviation } from './descriptive';
import { countOutliers, tukeyFences, type OutlierCounts } from './outliers';
import { tQuantile } from './distributions';
import { bytesPerOpOf } from './memory';
import { cpuShareOf } from './contention';

export interface BenchmarkSummary {
  name: string;
  file: string;
  line?: number;
  size?: number;
  /** Number of processes (runs) and of samples over all of them. */
  processes: number;
  samples: number;
  /** Nanoseconds per operation: the mean of the per-process means (each process counts once). */
  mean: number;
  /** Percentiles, min, max and sd over all samples pooled (the spread a user sees), in ns. */
  median: number;
  p75: number;
  p99: number;
  min: number;
  max: number;
  sd: number;
  /** Relative standard deviation of the pooled samples, in percent of their mean. */
  rsd: number;
  /** Relative standard deviation of the per-process means, in percent (null with one process). */
  processRsd: number | null;
  /** 95% confidence interval of `mean`, in ns; null with fewer than two samples. */
  ci95: [number, number] | null;
  /** 'processes': from the per-process means (between-process variance included); 'samples': one process only. */
  ciMethod: 'processes' | 'samples';
  /** Operations per second at the mean. */
  opsPerSec: number;
  /** The mean of each process, in run order. */
  processMeans: number[];
  /** Tukey outliers, counted within each process (a shifted process is not an outlier of another) and summed. */
  outliers: OutlierCounts;
  /** Bytes allocated per operation (median over processes), only when the run measured memory. */
  bytesPerOp?: number;
  /** CPU time over elapsed time while sampling (median over processes; contention.ts), when recorded. */
  cpuShare?: number;
}

/** The half-width multiplier of a two-sided interval at `confidence` with `df` degrees of freedom. */
export function tMultiplier(confidence: number, df: number): number {
  return tQuantile(1 - (1 - confidence) / 2, df);
}

/** Mean ± t · sd/√n: the interval of a mean of n independent values. Null below two values. */
export function meanInterval(xs: readonly number[], confidence = 0.95): [number, number] | null {
  if (xs.length < 2) return null;
  const m = mean(xs);
  const half = (tMultiplier(confidence, xs.length - 1) * standardDeviation(xs)) / Math.sqrt(xs.length);
  return [m - half, m + half];
}

/** Summarizes a result; throws on a result without samples (the harness never produces one). */
export function summarize(result: BenchmarkResult): BenchmarkSummary {
  const runs = result.runs.filter((r) => r.samples.length > 0);
  if (runs.length === 0) throw new Error(`benchmark "${result.name}" has no samples`);
  const pooled = allSamples({ runs });
  const sorted = sortedCopy(pooled);
  const processMeans = runs.map((r) => mean(r.samples));
  const grandMean = mean(processMeans);
  const pooledMean = mean(pooled);
  const sd = pooled.length > 1 ? standardDeviation(pooled) : 0;
  const outliers: OutlierCounts = { low: 0, high: 0, severe: 0 };
  for (const r of runs) {
    const c = countOutliers(r.samples, tukeyFences(sortedCopy(r.samples)));
    outliers.low += c.low;
    outliers.high += c.high;
    outliers.severe += c.severe;
  }
  const byProcess = runs.length >= 2;
  const ci95 = byProcess ? meanInterval(processMeans) : meanInterval(pooled);
  const summary: BenchmarkSummary = {
    name: result.name,
    file: result.file,
    processes: runs.length,
    samples: pooled.length,
    mean: grandMean,
    median: quantileSorted(sorted, 0.5),
    p75: quantileSorted(sorted, 0.75),
    p99: quantileSorted(sorted, 0.99),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    sd,
    rsd: (100 * sd) / pooledMean,
    processRsd: byProcess ? (100 * standardDeviation(processMeans)) / grandMean : null,
    ci95,
    ciMethod: byProcess ? 'processes' : 'samples',
    opsPerSec: 1e9 / grandMean,
    processMeans,
    outliers,
  };
  if (result.line !== undefined) summary.line = result.line;
  if (result.size !== undefined) summary.size = result.size;
  const bytes = bytesPerOpOf(result);
  if (bytes !== undefined) summary.bytesPerOp = bytes;
  const share = cpuShareOf(result);
  if (share !== null) summary.cpuShare = share;
  return summary;
}
