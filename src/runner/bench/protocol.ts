/**
 * What the parent (run-file.ts) and the benchmark child (harness.ts) say to each other. The request is a
 * JSON file whose path is the child's only argument (no user text on a command line); the result is a
 * JSON file; progress (which phase the child is in, for the parent's time limits) travels over IPC.
 */

/** Time spent measuring each benchmark in each process, in ms (vitest's `time` option overrides it). */
export const DEFAULT_TIME_MS = 200;
/** Warm-up of each benchmark in each process, in ms: the JIT settles before anything is timed. */
export const DEFAULT_WARMUP_MS = 100;
/**
 * A sample times this long a batch of calls, far above process.hrtime's resolution (tens of ns). 5 ms, not
 * 1 ms: on this 2-core machine a ~1 µs function's within-process rsd was a median 3.99% with 1 ms samples
 * and 2.04% with 5 ms ones (timer interrupts and preemptions average out; `bench/bench/harness-validation.ts
 * --repetitions 0 --sample-ms 1`, then 5); 40 samples per 200 ms remain.
 */
export const DEFAULT_SAMPLE_NS = 5_000_000;
/** At least this many samples per benchmark and process (unless it is very slow: see measure.ts). */
export const MIN_SAMPLES = 10;

/** What a sample's time is: elapsed (wall) time, or the process's CPU time (immune to waiting for a busy CPU). */
export type BenchClock = 'wall' | 'cpu';
export const BENCH_CLOCKS: readonly BenchClock[] = ['wall', 'cpu'];

export interface BenchHarnessRequest {
  /** Absolute path of the benchmark file. */
  file: string;
  /** Where the child writes its BenchHarnessResult. */
  resultFile: string;
  /** Defaults for every benchmark of the file; a benchmark's own options win. */
  timeMs: number;
  warmupMs: number;
  /** Target duration of one sample, in ns. */
  sampleNs: number;
  clock: BenchClock;
  /** Run the benchmarks starting at this index (mod their count), so order effects differ between processes. */
  rotate: number;
  /** Only benchmarks with these full names (all when absent). */
  names?: string[];
  /** Also measure bytes allocated per operation, in a pass after timing (memory.ts). */
  memory?: boolean;
}

export interface MeasuredBenchmark {
  /** Full name: the describe() names and the bench() name, joined with " > ". */
  name: string;
  /** 1-based line of the bench( call in the benchmark file, when the stack told it. */
  line?: number;
  size?: number;
  /** ns per operation, one per sample. */
  samples: number[];
  iterationsPerSample: number;
  /** Bytes allocated per operation in this process (median over batches), when the request asked for memory. */
  bytesPerOp?: number;
  /** CPU time over elapsed time while sampling (measure.ts). */
  cpuShare?: number;
}

export type BenchHarnessResult =
  /** `declared`: with `names`, the full names of every benchmark the file would run (to say when a name matches none). */
  | { ok: true; benchmarks: MeasuredBenchmark[]; declared?: string[] }
  | { ok: false; error: string; benchmark?: string };

/** Sent by the child when it enters a phase; the parent's time limit restarts for each. */
export interface PhaseMessage {
  type: 'phase';
  /** 'load': importing the file and collecting its benchmarks; 'bench': running one; 'hooks': the suites' beforeAll / afterAll (named). */
  phase: 'load' | 'bench' | 'hooks';
  name?: string;
}

export function isPhaseMessage(m: unknown): m is PhaseMessage {
  return typeof m === 'object' && m !== null && (m as PhaseMessage).type === 'phase' && ['load', 'bench', 'hooks'].includes((m as PhaseMessage).phase);
}
