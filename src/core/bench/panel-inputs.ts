/**
 * *Pure* helpers of the Benchmarks view's host (src/extension/benchmarks-view.ts): the benchmark names a
 * quick look at a file's source finds (for display before any run: the real names come from running it),
 * and the part of a baseline a run can be compared with.
 */
import type { BenchmarkResult } from './model';

const BENCH_CALL = /\bbench(?:\.sizes)?\s*\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g;

/** The string-literal names of `bench(` / `bench.sizes(` calls in source order, without their suites. */
export function benchNamesInSource(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(BENCH_CALL)) if (m[1] !== '`' || !m[2].includes('${')) out.push(m[2]);
  return out;
}

/**
 * The baseline's results for what a run measured: the files that ran (not those left out, nor those that
 * failed) and, when the run was of some benchmarks only, those; so only a benchmark that disappeared from
 * a file that ran counts as removed. (The CLI's rule, src/cli/commands/bench.ts.)
 */
export function comparableBaseline(baseline: readonly BenchmarkResult[], ranFiles: readonly string[], failedFiles: readonly string[], names: readonly string[]): BenchmarkResult[] {
  const failed = new Set(failedFiles);
  const ran = new Set(ranFiles.filter((f) => !failed.has(f)));
  return baseline.filter((r) => ran.has(r.file) && (names.length === 0 || names.includes(r.name)));
}
