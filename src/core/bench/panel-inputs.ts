/**
 * *Pure* helpers of the Benchmarks view's host (src/extension/bench/benchmarks-view.ts): the benchmark names a
 * quick look at a file's source finds (for display before any run: the real names come from running it),
 * and the results the view keeps over its runs. (Which baseline results they are compared with:
 * `comparableBaseline` in compare.ts, with `measured`.)
 */
import { benchmarkKey, type BenchmarkResult } from './model';

const BENCH_CALL = /\bbench(?:\.sizes)?\s*\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g;

/** The string-literal names of `bench(` / `bench.sizes(` calls in source order, without their suites. */
export function benchNamesInSource(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(BENCH_CALL)) if (m[1] !== '`' || !m[2].includes('${')) out.push(m[2]);
  return out;
}

/** What the Benchmarks view keeps of its runs: the results, and which files they cover wholly. */
export interface KeptRun {
  results: BenchmarkResult[];
  /** Files last run whole (every benchmark, not failed): a baseline benchmark of theirs missing here was removed. */
  wholeFiles: string[];
  /** Files that failed in the run that last ran them (a baseline is not saved while any has). */
  failedFiles: string[];
}

/** What a run covered: the files it ran (one benchmark of them, or whole), those that failed, and whether it ran everything. */
export interface RunCoverage {
  files: string[];
  failedFiles: string[];
  oneBenchmark: boolean;
  all: boolean;
}

/**
 * The view's results after a run. A run of everything replaces all; a partial run (one file, or one
 * benchmark) replaces only what it measured and keeps the rest, so the table and the comparison stay
 * whole. A file that failed drops its earlier numbers (stale; its error is shown instead).
 */
export function mergeRun(previous: KeptRun | undefined, run: RunCoverage & { results: BenchmarkResult[] }): KeptRun {
  const files = mergeCoverage(previous, run);
  if (!previous || run.all) return { results: run.results, ...files };
  const fresh = new Set(run.results.map(benchmarkKey));
  const failedNow = new Set(run.failedFiles);
  return { results: [...previous.results.filter((r) => !fresh.has(benchmarkKey(r)) && !failedNow.has(r.file)), ...run.results], ...files };
}

/** The file lists of `mergeRun` alone (the shared results store keeps the results itself). */
export function mergeCoverage(previous: Pick<KeptRun, 'wholeFiles' | 'failedFiles'> | undefined, run: RunCoverage): Pick<KeptRun, 'wholeFiles' | 'failedFiles'> {
  const failedNow = new Set(run.failedFiles);
  const ranWhole = run.oneBenchmark ? [] : run.files.filter((f) => !failedNow.has(f));
  if (!previous || run.all) return { wholeFiles: ranWhole, failedFiles: run.failedFiles };
  const ranNow = new Set(run.files);
  return {
    wholeFiles: [...new Set([...previous.wholeFiles.filter((f) => !failedNow.has(f)), ...ranWhole])],
    failedFiles: [...previous.failedFiles.filter((f) => !ranNow.has(f)), ...run.failedFiles],
  };
}
