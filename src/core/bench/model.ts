/**
 * The benchmark result model, shared by every runtime (Node now, Elixir later): a benchmark is a name
 * in a file, optionally at one input size, with its samples in nanoseconds per operation grouped by
 * the process (run) that measured them. The grouping is the point: on real machines the mean moves
 * more from one process to the next than within one, so statistics must see which sample came from where.
 */

/** One process's measurements of one benchmark. */
export interface BenchRun {
  /** Nanoseconds per operation, one number per sample (each sample times many iterations and divides). */
  samples: number[];
  /** How many operations each sample timed (informational: the harness's adaptive inner count). */
  iterationsPerSample?: number;
  /** Bytes allocated per operation in this process, when the harness measured memory. */
  bytesPerOp?: number;
  /** CPU time over elapsed time while this process sampled (below 1: it waited; see contention.ts). */
  cpuShare?: number;
}

export interface BenchmarkResult {
  name: string;
  /** Workspace-relative path of the benchmark file, with forward slashes. */
  file: string;
  /** 1-based line of the `bench(` call, when known (for diagnostics and click → source). */
  line?: number;
  /** The input size for a parametrized benchmark (`bench.sizes`): one result per size. */
  size?: number;
  runs: BenchRun[];
  /** Bytes allocated per operation, when the harness measured it: the median over processes (`medianBytesPerOp`). */
  bytesPerOp?: number;
}

/**
 * What identifies a benchmark across runs and baselines: file, name and size. The file is part of it
 * because two files may name a benchmark alike; the line is not (an edit above a benchmark moves it).
 */
export function benchmarkKey(r: Pick<BenchmarkResult, 'file' | 'name' | 'size'>): string {
  return `${r.file}\u0000${r.name}\u0000${r.size ?? ''}`;
}

/** "name" or "name [n=10000]": how a benchmark is named in text output. */
export function benchmarkLabel(r: Pick<BenchmarkResult, 'name' | 'size'>): string {
  return r.size === undefined ? r.name : `${r.name} [n=${r.size}]`;
}

/** All samples of all runs, in run order. */
export function allSamples(r: Pick<BenchmarkResult, 'runs'>): number[] {
  const out: number[] = [];
  for (const run of r.runs) for (const s of run.samples) out.push(s);
  return out;
}

/**
 * The median of the per-process bytes per operation, or undefined when no process measured memory. A
 * median, not a mean: one process whose batches were disturbed (a timer of the file allocating) must not
 * move the figure.
 */
export function medianBytesPerOp(runs: readonly BenchRun[]): number | undefined {
  const xs = runs.map((r) => r.bytesPerOp).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  if (xs.length === 0) return undefined;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}
