/**
 * The public benchmark API a bench file imports (`perf-lens/bench`, or `vitest` answered by the harness),
 * declared once: src/runner/bench/api.ts implements these interfaces (checked by the compiler), and the
 * shipped `.d.ts` text (bench-types.ts BENCH_TYPES_SOURCE) is checked against them, type by type, with the
 * real TypeScript compiler in test/core/bench/bench-types.test.ts.
 */

/** vitest's (tinybench's) hook: called with the task and the phase it surrounds. */
export type BenchHook = (task: { name: string }, mode: 'warmup' | 'run') => unknown;

export interface BenchOptions {
  /** ms to measure, in each process. */
  time?: number;
  /** At least this many measured calls, however long that takes. */
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
  /** One benchmark per input size: `factory(n)` builds the function to time for size n (outside the timed calls). */
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

export type SuiteHookKind = 'beforeAll' | 'afterAll' | 'beforeEach' | 'afterEach';
export const SUITE_HOOK_KINDS: readonly SuiteHookKind[] = ['beforeAll', 'afterAll', 'beforeEach', 'afterEach'];

/** What a bench file can import by name, and its default export. */
export interface BenchExports extends Record<SuiteHookKind, (fn: SuiteHook) => void> {
  bench: BenchApi;
  describe: DescribeApi;
}
export interface BenchModule extends BenchExports {
  default: BenchExports;
}
