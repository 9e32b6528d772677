// The lazily loaded engine bundle (dist/engine.js): everything the extension needs to lint, behind one require.
export { lintText, activeRules } from '../core/lint/engine';
export { withDefaults, DEFAULT_CONFIG } from '../core/lint/config';
export { languageOf, isTestFile, LINTED_EXTENSIONS } from '../core/lint/languages';
export { RULES, ruleById } from '../core/lint/rules';
export { loadParsers } from './lint/parsers';
export { JsParseCache, parseJs } from '../core/lint/languages/js';
// Profiling (the extension's Profile Function): the runner spawns dist/profile-harness.js.
export { functionsInSource } from '../core/profile/source-functions';
export { computeHotspots } from '../core/profile/hotspots';
export { buildFlame, layoutFlame } from '../core/profile/flame';
export { enclosingFunctionLookup } from './profile/analysis/enclosing-functions';
export { ProfileTargetError, isHarnessFrame, profileFunction } from './profile/run-profile';
// The HTML report of a profile ("Save Profile as HTML Report…"): finds dist/webview next to dist/engine.js.
export { writeProfileReport } from './report/write-report';
// Profile Script / npm Script / Test File (the extension's script commands).
export { ProfileOptionsError, profileScript } from './profile/run-profile';
export { profileNpmScript, readNpmScripts } from './profile/npm-script';
export { profileTestFile, detectTestRunner, findProjectDir } from './profile/test-runner';
// The "Profile" CodeLens (what the harness can call) and the editor's call counts.
export { callableFunctions } from '../core/profile/callable-functions';
export { callCountLookupFor } from './profile/call-counts';
export { confirmFindingsAtRuntime } from './profile/confirm-findings';
// 0x and clinic flame (the extension's Profile Script with 0x and Open clinic flame data); readProfile opens every format.
export { readProfile, clinicFlameRuns } from './profile/analysis/read-profile';
export { ZeroXRunError, defaultZeroXDir, profileWithZeroX } from './profile/zero-x-run';
export { importFromZeroX } from '../core/profile/import/zero-x';
// Opening a .cpuprofile (the custom editor; Profile Function's results): read and analysed in dist/profile-worker.js.
export { analyzeProfileOffThread } from './profile/analysis/analysis-worker-client';
export { ProfileReadError } from './profile/analysis/read-profile';
// Compare Profiles / Compare with Previous Run (reads files only).
export { compareProfileFiles, compareProfileFilesInWorker } from './profile/analysis/compare-profiles';
export { buildDiffFlame, diffFlames } from '../core/profile/diff-flame';
// Benchmarks (the "Run benchmark" lenses, perfLens.runBenchmark* and the Benchmarks view): where the calls are,
// the files, one benchmark session per run (statistics, budgets, the comparison with a baseline), scaling.
export { benchCallsInSource } from '../core/bench/bench-calls';
export { BenchOptionsError, discoverBenchFiles } from './bench/run-benchmarks';
export { runBenchSession } from './bench/session';
export { scalingOf } from '../core/bench/scaling';
export { loadBudgetConfig } from './bench/budgets-config';
// "Generate a scaling benchmark" (the quadratic-building quick action).
export { moduleKindOf, scalingBenchFileName, scalingBenchTemplate } from '../core/bench/scaling-template';
export { BENCH_TYPES_FILE, BENCH_TYPES_SOURCE } from '../core/bench/bench-types';
// Benchmarks view: keep baselines, and compare the results it keeps (gathered over several runs) with one.
export { BaselineStoreError, loadBaseline, saveBaseline } from './bench/baseline-store';
export { readBaselineHistory } from './bench/baseline-history';
export { summarize as summarizeBenchmark } from '../core/bench/summary';
export { compareWithBaseline } from '../core/bench/compare';
export { createBaseline } from '../core/bench/baseline';
export { benchNamesInSource } from '../core/bench/panel-inputs';
