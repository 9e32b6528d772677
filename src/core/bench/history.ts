/**
 * The history chart of the Benchmarks view: one benchmark's mean and 95% CI in every saved baseline,
 * oldest first, then the current run. A baseline is reduced once to a digest (per benchmark: mean and CI),
 * so the view's host keeps and sends small numbers, never raw samples.
 */
import type { Baseline } from './baseline';
import { benchmarkKey, type BenchmarkResult } from './model';
import { summarize } from './summary';

/** At most this many baselines are read for the history (the newest files). */
export const HISTORY_CAP = 30;

export interface MeanWithCi {
  /** ns per operation. */
  mean: number;
  ci95: [number, number] | null;
}

/** What the history keeps of one saved baseline. */
export interface BaselineDigest {
  name: string;
  /** ISO 8601 time of saving. */
  savedAt: string;
  commit: string | null;
  dirty: boolean | null;
  /** By benchmarkKey (file, name, size). */
  means: Record<string, MeanWithCi>;
}

export interface HistoryPoint {
  /** The baseline's name; null for the current run. */
  baseline: string | null;
  savedAt: string | null;
  commit: string | null;
  dirty: boolean | null;
  mean: number;
  ci95: [number, number] | null;
}

export function digestBaseline(b: Baseline): BaselineDigest {
  const means: Record<string, MeanWithCi> = {};
  for (const r of b.results) {
    if (!r.runs.some((run) => run.samples.length > 0)) continue;
    const s = summarize(r);
    means[benchmarkKey(r)] = { mean: s.mean, ci95: s.ci95 };
  }
  return { name: b.name, savedAt: b.savedAt, commit: b.environment.gitCommit, dirty: b.environment.gitDirty, means };
}

/** Which saved files to read: the `cap` most recently modified (the list from the store, any order). */
export function newestSaved<T extends { modified: Date }>(saved: readonly T[], cap = HISTORY_CAP): T[] {
  return [...saved].sort((a, b) => b.modified.getTime() - a.modified.getTime()).slice(0, cap);
}

/**
 * The points of one benchmark (`key`, a benchmarkKey): every digest that has it, ordered by savedAt
 * (ties by name), the newest `cap` kept; then the current run's mean when there is one.
 */
export function benchmarkHistory(digests: readonly BaselineDigest[], key: string, current: MeanWithCi | null, cap = HISTORY_CAP): HistoryPoint[] {
  const saved = digests
    .filter((d) => d.means[key] !== undefined)
    .sort((a, b) => Date.parse(a.savedAt) - Date.parse(b.savedAt) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(-cap)
    .map((d): HistoryPoint => ({ baseline: d.name, savedAt: d.savedAt, commit: d.commit, dirty: d.dirty, ...d.means[key] }));
  return current ? [...saved, { baseline: null, savedAt: null, commit: null, dirty: null, mean: current.mean, ci95: current.ci95 }] : saved;
}

/**
 * The benchmark the history shows: the one picked while it is still listed; else the first the comparison
 * calls slower; else the first result; else the first benchmark only the baseline has. Keys are benchmarkKeys.
 */
export function historyBenchmark(picked: string | null, results: readonly Pick<BenchmarkResult, 'file' | 'name' | 'size'>[], comparison: readonly (Pick<BenchmarkResult, 'file' | 'name' | 'size'> & { verdict: string })[]): string | null {
  const listed = [...results.map(benchmarkKey), ...comparison.map(benchmarkKey)];
  if (picked !== null && listed.includes(picked)) return picked;
  const slower = comparison.find((c) => c.verdict === 'slower');
  if (slower) return benchmarkKey(slower);
  return listed[0] ?? null;
}
