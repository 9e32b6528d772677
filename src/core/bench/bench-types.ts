/**
 * The TypeScript declarations of `perf-lens/bench` (the API src/runner/bench/api.ts gives a benchmark file):
 * no package by that name is installed in a user's project (the harness answers the import), so without
 * these a `.bench.ts` importing it is red in the editor. The editor writes them as `perf-lens-bench.d.ts`
 * next to a TypeScript benchmark it generates, which references them (`/// <reference path>`: found whether or
 * not the project's tsconfig includes the folder); anyone can copy the file for their own benchmarks.
 * The declarations are the file perf-lens-bench.d.ts beside this one, the API's one declaration (bench-api.ts
 * takes its types from it; src/runner/bench/bench-types-file.ts reads its text to write it). Tested by
 * test/core/bench/bench-types.test.ts: every declared member exists at run time, and a generated benchmark
 * type-checks under `strict`.
 */

export const BENCH_TYPES_FILE = 'perf-lens-bench.d.ts';
