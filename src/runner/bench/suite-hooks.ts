/**
 * Runs the suite hooks of a benchmark file the way a vitest bench file expects its data to be ready:
 * every `beforeAll` of the suites that hold a benchmark to run, once, before the first benchmark (outer
 * suites first, in the file's order) and their `afterAll` after the last (inner first); `beforeEach` /
 * `afterEach` of the enclosing suites around each benchmark (not around each call: that is the bench
 * options' setup/teardown). A hook that returns a function has returned its cleanup, run with the after-hooks.
 * beforeAll runs once for the whole file rather than per suite just before it: the harness rotates the
 * benchmarks' order between processes, so a suite's benchmarks need not run together.
 */
import type { BenchSuite, CollectedBenchmark, SuiteHook } from './api';

type After = () => Promise<void>;

async function runHooks(hooks: readonly SuiteHook[], cleanups: SuiteHook[]): Promise<void> {
  for (const hook of hooks) {
    const cleanup = await hook();
    if (typeof cleanup === 'function') cleanups.push(cleanup as SuiteHook);
  }
}

async function runAfter(hooks: readonly SuiteHook[], cleanups: readonly SuiteHook[]): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) await cleanup();
  for (const hook of hooks) await hook();
}

/** The suites holding any of `benchmarks`, outer before inner, in the order the file declared them. */
export function suitesOf(benchmarks: readonly CollectedBenchmark[]): BenchSuite[] {
  const seen = new Set<BenchSuite>();
  for (const b of benchmarks) for (const s of b.suites) seen.add(s);
  return [...seen];
}

/** Runs the beforeAll hooks; the result runs the matching afterAll hooks (and cleanups), inner suites first. */
export async function beforeAllOf(benchmarks: readonly CollectedBenchmark[]): Promise<After> {
  const suites = suitesOf(benchmarks);
  const cleanups = new Map<BenchSuite, SuiteHook[]>();
  for (const s of suites) {
    const c: SuiteHook[] = [];
    cleanups.set(s, c);
    await runHooks(s.beforeAll, c);
  }
  return async () => {
    for (const s of [...suites].reverse()) await runAfter(s.afterAll, cleanups.get(s) ?? []);
  };
}

/** Runs the beforeEach hooks around one benchmark; the result runs its afterEach hooks (inner suites first). */
export async function beforeEachOf(b: CollectedBenchmark): Promise<After> {
  const cleanups = b.suites.map(() => [] as SuiteHook[]);
  for (let i = 0; i < b.suites.length; i++) await runHooks(b.suites[i].beforeEach, cleanups[i]);
  return async () => {
    for (let i = b.suites.length - 1; i >= 0; i--) await runAfter(b.suites[i].afterEach, cleanups[i]);
  };
}
