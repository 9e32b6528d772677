// Types of 'perf-lens/bench', the benchmark API Perf Lens's harness provides (vitest's bench API plus
// bench.sizes). Written by Perf Lens; safe to commit, edit or delete.
declare module 'perf-lens/bench' {
  /** vitest's (tinybench's) hook: called with the task and the phase it surrounds. */
  export type BenchHook = (task: { name: string }, mode: 'warmup' | 'run') => unknown;
  export interface BenchOptions {
    /** ms to measure, in each process. */
    time?: number;
    /** At least this many measured calls. */
    iterations?: number;
    /** ms of warm-up before measuring. */
    warmupTime?: number;
    /** At least this many warm-up calls. */
    warmupIterations?: number;
    setup?: BenchHook;
    teardown?: BenchHook;
  }
  export type BenchFunction = () => unknown;
  export interface BenchApi {
    (name: string | Function, fn: BenchFunction, options?: BenchOptions): void;
    only(name: string | Function, fn: BenchFunction, options?: BenchOptions): void;
    skip(name: string | Function, fn?: BenchFunction, options?: BenchOptions): void;
    todo(name: string | Function, fn?: BenchFunction, options?: BenchOptions): void;
    skipIf(condition: unknown): BenchApi;
    runIf(condition: unknown): BenchApi;
    /**
     * One benchmark per input size: `factory(n)` builds the function to time for size n (outside the timed
     * calls); the report fits the exponent of a log-log regression, "≈ O(n^1.03)" with its 95% CI.
     */
    sizes(name: string | Function, sizes: readonly number[], factory: (n: number) => BenchFunction | Promise<BenchFunction>, options?: BenchOptions): void;
  }
  export interface DescribeApi {
    (name: string | Function, fn: () => unknown): void;
    only(name: string | Function, fn: () => unknown): void;
    skip(name: string | Function, fn?: () => unknown): void;
    todo(name: string | Function, fn?: () => unknown): void;
    skipIf(condition: unknown): DescribeApi;
    runIf(condition: unknown): DescribeApi;
  }
  /** A suite hook (vitest's): a function it returns is its cleanup, run after the suite's benchmarks. */
  export type SuiteHook = () => unknown;
  export const bench: BenchApi;
  export const describe: DescribeApi;
  /** Once before the file's benchmarks, outer suites first (the data they use). */
  export function beforeAll(fn: SuiteHook): void;
  export function afterAll(fn: SuiteHook): void;
  /** Around each benchmark of the suite (not each call: that is the bench options' setup/teardown). */
  export function beforeEach(fn: SuiteHook): void;
  export function afterEach(fn: SuiteHook): void;
  const api: { bench: BenchApi; describe: DescribeApi; beforeAll: typeof beforeAll; afterAll: typeof afterAll; beforeEach: typeof beforeEach; afterEach: typeof afterEach };
  export default api;
}
