/**
 * The public benchmark API a bench file imports (`perf-lens/bench`, or `vitest` answered by the harness),
 * declared once: in perf-lens-bench.d.ts, the very file the editor writes next to a generated TypeScript
 * benchmark (src/runner/bench/bench-types-file.ts reads it; esbuild.mjs ships it as dist/perf-lens-bench.d.ts).
 * The types here are that file's, so src/runner/bench/api.ts, which implements `BenchModule`, is checked
 * against what users see by the compiler.
 */
import type * as Declared from 'perf-lens/bench';

export type BenchHook = Declared.BenchHook;
export type BenchOptions = Declared.BenchOptions;
export type BenchFunction = Declared.BenchFunction;
export type BenchApi = Declared.BenchApi;
export type DescribeApi = Declared.DescribeApi;
export type SuiteHook = Declared.SuiteHook;

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
