/**
 * A current run against a baseline, benchmark by benchmark: the ratio current/baseline with its 95%
 * confidence interval, a p-value, and a verdict. See README.md for why the test is Welch's t on the
 * logarithms of the per-process means.
 *
 * The verdict: `slower` / `faster` when the change is significant at α and at least the minimum effect m;
 * `same` only when the interval shows the change is within the minimum effect (an equivalence test: the 95%
 * CI of the ratio inside [1/(1+m), 1+m]); otherwise `inconclusive` (a 2.09× slowdown with CI [1.30, 3.37]
 * and p = 0.011 is not "same"), with the processes per side that would likely settle it.
 */
import { benchmarkKey, type BenchmarkResult } from './model';
import { mean } from './descriptive';
import { welchTTest } from './welch';
import { pairedTTest } from './paired';
import { processesToSettle } from './power';
import { bytesPerOpOf, bytesPerOpRatio } from './memory';
import { DEFAULT_ALPHA, DEFAULT_MIN_EFFECT } from './defaults';
import { comparisonNotes } from './contention';
import type { Environment } from './environment';

export type Verdict = 'faster' | 'slower' | 'same' | 'inconclusive' | 'added' | 'removed';

export interface CompareOptions {
  /** Significance level of the test (default 0.01). */
  alpha?: number;
  /** Smallest relative change worth a verdict, e.g. 0.05 for 5% (default). Applied symmetrically in log space. */
  minEffect?: number;
  /**
   * The i-th process of each side ran at the same moment (`--against`): a paired t-test on the log-ratios of
   * the pairs, when both sides have the same number of processes; else as unpaired.
   */
  paired?: boolean;
}

export interface BenchmarkComparison {
  name: string;
  file: string;
  size?: number;
  line?: number;
  /** current/baseline time per operation (> 1: slower); null when one side is missing. */
  ratio: number | null;
  /** 95% confidence interval of the ratio; null when it cannot be computed (one side missing, or one sample). */
  ci95: [number, number] | null;
  /** Two-sided p-value; null when it cannot be computed. */
  pValue: number | null;
  verdict: Verdict;
  /**
   * What the test took as independent observations: per-process means (normal), pairs of processes run
   * back to back (`--against`: 'paired'), or samples (one process on a side).
   */
  method: 'processes' | 'paired' | 'samples' | null;
  /** Means in ns per operation (mean of the per-process means), null on the missing side. */
  currentMean: number | null;
  baselineMean: number | null;
  /**
   * Bytes allocated per operation on each side and current/baseline, only when both sides measured memory.
   * The ratio is 1 when neither side allocates, null when only the baseline allocated nothing (see memory.ts).
   */
  currentBytesPerOp?: number;
  baselineBytesPerOp?: number;
  bytesPerOpRatio?: number | null;
  /**
   * With verdict `inconclusive` and processes as observations: about how many processes per side would
   * settle it (power.ts processesToSettle); Infinity when no affordable count would.
   */
  processesToSettle?: number;
}

const logOf = (xs: readonly number[]) => xs.map((x) => Math.log(x));

/** Compares two results of the same benchmark. Samples must be positive (they are times). */
export function compareResult(current: BenchmarkResult, baseline: BenchmarkResult, options: CompareOptions = {}): BenchmarkComparison {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const minEffect = options.minEffect ?? DEFAULT_MIN_EFFECT;
  const cur = current.runs.filter((r) => r.samples.length > 0);
  const base = baseline.runs.filter((r) => r.samples.length > 0);
  const byProcess = cur.length >= 2 && base.length >= 2;
  const paired = byProcess && options.paired === true && cur.length === base.length;
  // Per-process means when both sides have several processes; otherwise the samples themselves, which
  // ignores between-process noise (the harness always runs several processes; a single-VM Elixir run may not).
  const x = byProcess ? cur.map((r) => mean(r.samples)) : cur.flatMap((r) => r.samples);
  const y = byProcess ? base.map((r) => mean(r.samples)) : base.flatMap((r) => r.samples);
  const out: BenchmarkComparison = {
    name: current.name,
    file: current.file,
    ratio: null,
    ci95: null,
    pValue: null,
    verdict: 'inconclusive',
    method: paired ? 'paired' : byProcess ? 'processes' : 'samples',
    currentMean: cur.length ? mean(cur.map((r) => mean(r.samples))) : null,
    baselineMean: base.length ? mean(base.map((r) => mean(r.samples))) : null,
  };
  if (current.size !== undefined) out.size = current.size;
  if (current.line !== undefined) out.line = current.line;
  const curBytes = bytesPerOpOf(current);
  const baseBytes = bytesPerOpOf(baseline);
  if (curBytes !== undefined && baseBytes !== undefined) {
    out.currentBytesPerOp = curBytes;
    out.baselineBytesPerOp = baseBytes;
    out.bytesPerOpRatio = bytesPerOpRatio(curBytes, baseBytes);
  }
  if (x.length < 2 || y.length < 2) {
    // One sample on a side: a ratio, but no way to tell it from noise (inconclusive).
    if (x.length > 0 && y.length > 0) out.ratio = Math.exp(mean(logOf(x)) - mean(logOf(y)));
    return out;
  }
  const w = paired ? pairedTTest(logOf(x), logOf(y)) : welchTTest(logOf(x), logOf(y));
  out.ratio = Math.exp(w.difference);
  out.ci95 = [Math.exp(w.ci[0]), Math.exp(w.ci[1])];
  out.pValue = w.pValue;
  out.verdict = verdictOf(w.difference, w.pValue, alpha, minEffect, w.ci);
  if (out.verdict === 'inconclusive' && byProcess) {
    out.processesToSettle = processesToSettle({ logRatio: w.difference, standardError: w.standardError, processes: Math.min(x.length, y.length), paired, alpha, minEffect });
  }
  return out;
}

/**
 * Significant at alpha AND at least minEffect in size (|log ratio| ≥ log(1 + minEffect)): 'slower' or
 * 'faster'. Otherwise 'same' only when the interval of the log ratio (`logCi`) lies within ±log(1 + minEffect)
 * (the change is shown to be smaller than the minimum effect), else 'inconclusive'.
 */
export function verdictOf(logRatio: number, pValue: number, alpha: number, minEffect: number, logCi: readonly [number, number] | null): 'faster' | 'slower' | 'same' | 'inconclusive' {
  const bound = Math.log1p(minEffect);
  if (pValue < alpha && Math.abs(logRatio) >= bound) return logRatio > 0 ? 'slower' : 'faster';
  if (logCi && logCi[0] >= -bound && logCi[1] <= bound) return 'same';
  return 'inconclusive';
}

/**
 * Every benchmark of both runs, matched by file, name and size: current ones in their order, then the
 * removed ones in the baseline's order.
 */
export function compareRuns(current: readonly BenchmarkResult[], baseline: readonly BenchmarkResult[], options: CompareOptions = {}): BenchmarkComparison[] {
  const base = new Map<string, BenchmarkResult>();
  for (const b of baseline) if (!base.has(benchmarkKey(b))) base.set(benchmarkKey(b), b);
  const seen = new Set<string>();
  const out: BenchmarkComparison[] = [];
  for (const c of current) {
    const key = benchmarkKey(c);
    if (seen.has(key)) continue;
    seen.add(key);
    const b = base.get(key);
    out.push(b ? compareResult(c, b, options) : oneSided(c, 'added'));
  }
  for (const [key, b] of base) if (!seen.has(key)) out.push(oneSided(b, 'removed'));
  return out;
}

function oneSided(r: BenchmarkResult, verdict: 'added' | 'removed'): BenchmarkComparison {
  const m = mean(r.runs.filter((x) => x.samples.length > 0).map((x) => mean(x.samples)));
  const out: BenchmarkComparison = {
    name: r.name,
    file: r.file,
    ratio: null,
    ci95: null,
    pValue: null,
    verdict,
    method: null,
    currentMean: verdict === 'added' ? m : null,
    baselineMean: verdict === 'removed' ? m : null,
  };
  if (r.size !== undefined) out.size = r.size;
  if (r.line !== undefined) out.line = r.line;
  return out;
}

/**
 * What a run measured, for `comparableBaseline`: the files it ran whole (a baseline benchmark of theirs
 * missing from the run was removed) and, beside them, benchmarks measured in other files.
 */
export interface ComparableScope {
  /** Files that ran and did not fail: their baseline benchmarks are compared (missing ones are "removed"). */
  files: Iterable<string>;
  /**
   * Only these benchmarks (full names) of `files` (`--name`, a lens's run of one benchmark); a baseline
   * benchmark named here that the run lacks is "removed". Absent or empty: every benchmark of `files`.
   */
  names?: readonly string[];
  /**
   * Results gathered over several runs (the Benchmarks view keeps a partial run's results beside older
   * ones): each measured benchmark is comparable wherever its file is, even a file not run whole.
   * A single run (the CLI, the commands, the view's own run) leaves it out: its results all lie in `files`.
   */
  measured?: readonly BenchmarkResult[];
}

/**
 * The one rule for which saved baseline results a run is compared with: those of the files it ran (not the
 * ones left out, nor the ones that failed), restricted to `names` when given, plus those `measured`. So only
 * a benchmark that disappeared from a file that ran is listed as removed.
 */
export function comparableBaseline(baseline: readonly BenchmarkResult[], scope: ComparableScope): BenchmarkResult[] {
  const files = new Set(scope.files);
  const names = scope.names?.length ? new Set(scope.names) : null;
  const measured = new Set((scope.measured ?? []).map(benchmarkKey));
  return baseline.filter((r) => (files.has(r.file) && (names === null || names.has(r.name))) || measured.has(benchmarkKey(r)));
}

/** A comparison with its other side: the results compared with, and what the reader should know about them. */
export interface BaselineComparison {
  comparison: BenchmarkComparison[];
  /** The other side's results that took part (`comparableBaseline` of them when a scope was given). */
  baselineResults: BenchmarkResult[];
  /** comparisonNotes: environment differences, then contention. */
  notes: string[];
}

/**
 * A run against its other side (a saved baseline, or the same files at a git ref measured in the same run):
 * with `scope`, only the baseline's comparable results (`comparableBaseline`); without, all of them.
 */
export function compareWithBaseline(
  current: { environment: Environment; results: readonly BenchmarkResult[] },
  baseline: { environment: Environment; results: readonly BenchmarkResult[] },
  scope?: ComparableScope,
  options: CompareOptions = {},
): BaselineComparison {
  const baselineResults = scope ? comparableBaseline(baseline.results, scope) : [...baseline.results];
  return {
    comparison: compareRuns(current.results, baselineResults, options),
    baselineResults,
    notes: comparisonNotes({ environment: current.environment, results: current.results }, { environment: baseline.environment, results: baselineResults }),
  };
}
