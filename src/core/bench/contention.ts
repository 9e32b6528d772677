/**
 * Whether a run and its baseline had the CPU alike. Elapsed (wall-clock) times include time spent waiting
 * for a busy CPU, so a baseline saved while the machine was quiet and a run made while it was busy differ
 * by the load, not by the code. Each process records its CPU share while sampling (CPU time over elapsed
 * time: measure.ts); a benchmark that waits for I/O or timers has a low share in both runs, so what counts
 * is the share's change for the same benchmark. The median change over the benchmarks both runs measured
 * makes one note for the comparison, beside the environment differences.
 */
import { benchmarkKey, type BenchmarkResult } from './model';
import { environmentDifferences, type Environment } from './environment';

/** A median CPU share this much lower (or 1/x higher) on one side is worth a note. */
const SHARE_CHANGE = 0.85;

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median CPU share of a result's processes, or null when none was recorded (an older baseline). */
export function cpuShareOf(r: Pick<BenchmarkResult, 'runs'>): number | null {
  const shares = r.runs.map((run) => run.cpuShare).filter((x): x is number => typeof x === 'number' && x > 0);
  return shares.length ? median(shares) : null;
}

/**
 * One sentence when the benchmarks got markedly less (or more) CPU per elapsed second in the current run
 * than in the baseline, else null. Only for wall-clock runs: CPU-time samples leave the wait out.
 */
export function contentionNote(current: readonly BenchmarkResult[], baseline: readonly BenchmarkResult[], wallClock: boolean): string | null {
  if (!wallClock) return null;
  const before = new Map(baseline.map((r) => [benchmarkKey(r), cpuShareOf(r)]));
  const ratios: number[] = [];
  const now: number[] = [];
  const then: number[] = [];
  for (const r of current) {
    const b = before.get(benchmarkKey(r));
    const c = cpuShareOf(r);
    if (b === undefined || b === null || c === null) continue;
    ratios.push(c / b);
    now.push(c);
    then.push(b);
  }
  if (ratios.length === 0) return null;
  const change = median(ratios);
  if (change > SHARE_CHANGE && change < 1 / SHARE_CHANGE) return null;
  const pct = (x: number) => `${Math.round(100 * x)}%`;
  const busier = change < 1 ? 'this run' : 'the baseline';
  const of = ratios.length === 1 ? 'the benchmark' : `the median of ${ratios.length} benchmarks`;
  return `the benchmark processes waited for a CPU more during ${busier}: they ran ${pct(median(now))} of the elapsed time vs ${pct(median(then))} in the baseline (${of}); wall-clock times include the wait (--clock cpu does not)`;
}

/** What a comparison's reader should know about its two sides: the environment's differences, then contention. */
export function comparisonNotes(
  current: { environment: Environment; results: readonly BenchmarkResult[] },
  baseline: { environment: Environment; results: readonly BenchmarkResult[] },
): string[] {
  const wallClock = !current.environment.runtime.includes('(CPU time)') && !baseline.environment.runtime.includes('(CPU time)');
  const note = contentionNote(current.results, baseline.results, wallClock);
  return [...environmentDifferences(current.environment, baseline.environment), ...(note ? [note] : [])];
}
