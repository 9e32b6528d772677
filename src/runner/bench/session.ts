/**
 * One benchmark session, the pipeline every front end runs (`perf-lens bench`, the editor's Run Benchmark
 * commands and lenses, the Benchmarks view): the environment (the clock recorded with the runtime), the
 * baseline to compare with, the run (or, with `against`, the run interleaved with the same files at a git
 * ref), the load at the end, statistics, budgets, the comparison with its notes, scaling, and optionally
 * saving the results as a baseline. The front ends parse their arguments or settings, find the files and
 * the budgets, and present the result; they compute nothing of it.
 */
import type { Baseline } from '../../core/bench/baseline';
import { createBaseline } from '../../core/bench/baseline';
import { budgetsNeedMemory, checkBudgets, type Budget, type BudgetViolation } from '../../core/bench/budgets';
import { compareWithBaseline, type BenchmarkComparison } from '../../core/bench/compare';
import type { Environment } from '../../core/bench/environment';
import { newestSaved } from '../../core/bench/history';
import type { BenchmarkResult } from '../../core/bench/model';
import { scalingOf, type ScalingSeries } from '../../core/bench/scaling';
import { summarize, type BenchmarkSummary } from '../../core/bench/summary';
import { BaselineStoreError, listBaselines, loadBaseline, saveBaseline } from './baseline-store';
import { gatherEnvironment, recordLoadAtEnd } from './environment';
import type { RepoLink } from './git-ref-tree';
import { runAgainst } from './run-against';
import { runBenchmarks, type BenchFile, type RunBenchmarksOptions } from './run-benchmarks';
import type { BenchFileError } from './run-file';

/**
 * What to compare with: a baseline already loaded (the CLI's `--compare`, refused before measuring when
 * unreadable), the newest saved one (by modification time; none when it cannot be read: `log` says why),
 * or one by name (none when the store refuses it: the Benchmarks view says why itself).
 */
export type BaselineChoice = { baseline: Baseline } | { newest: true } | { name: string };

export interface BenchSessionOptions extends Omit<RunBenchmarksOptions, 'files' | 'signal' | 'onProgress' | 'groupOf'> {
  files: readonly BenchFile[];
  /** Budgets to check (the front end found them: a config file, the setting); a memory budget turns `memory` on. */
  budgets?: readonly Budget[];
  compareWith?: BaselineChoice;
  /**
   * `--against`: the same files at a git ref, measured in this run with their processes interleaved and
   * compared as pairs; `paths` are what the command line named (looked up at the ref too).
   */
  against?: { ref: string; paths: readonly string[] };
  /** Save the results as this baseline when no file failed (the name is checked by the front end). */
  saveAs?: string;
}

export interface BenchSessionHooks {
  signal?: AbortSignal;
  onProgress?: RunBenchmarksOptions['onProgress'];
  /** Called once the environment and the baseline are read, just before measuring starts. */
  onStart?: () => void;
  /** Sentences worth a log line (no prefix): why there is no comparison with the newest baseline. */
  log?: { warn(message: string): void };
}

/** What a session was compared with: a saved baseline, or the same files at a git ref (`against`). */
export type BenchSessionCompared =
  | { kind: 'baseline'; name: string; savedAt: string; notes: string[]; baselineResults: BenchmarkResult[] }
  | { kind: 'ref'; ref: string; commit: string; notes: string[]; baselineResults: BenchmarkResult[]; links: RepoLink[] };

export interface BenchSessionResult {
  /** Recorded at the start (the clock's " (CPU time)" in `runtime`), the load the larger of start and end. */
  environment: Environment;
  results: BenchmarkResult[];
  /** `summaries[i]` summarises `results[i]`. */
  summaries: BenchmarkSummary[];
  /** One per benchmark file that failed (its results are left out). */
  errors: BenchFileError[];
  /** Processes run per file (with `against`, the ref's files as "<file> @ <ref>"). */
  processes: Record<string, number>;
  /**
   * With `names`: those no file declares, when others matched (when none matches, the run stops after each
   * file's first process with a BenchOptionsError listing the names that exist).
   */
  unmatchedNames: string[];
  /** Whether bytes per operation were measured (asked for, or a memory budget). */
  memory: boolean;
  violations: BudgetViolation[];
  /** Budgets naming no benchmark of this run. */
  unmatchedBudgets: string[];
  /** Every benchmark against the other side; empty without one. */
  comparison: BenchmarkComparison[];
  compared: BenchSessionCompared | null;
  scaling: ScalingSeries[];
  /** With `saveAs`: the file written, or why nothing was (`storeError`: the store's own sentence). */
  saved: { name: string; file: string } | null;
  notSaved: { message: string; storeError?: string } | null;
}

/** The newest saved baseline of a folder, or undefined; an unreadable one is reported through `log` and skipped. */
export async function newestBaseline(root: string, log?: BenchSessionHooks['log']): Promise<Baseline | undefined> {
  try {
    const [newest] = newestSaved(await listBaselines(root), 1);
    return newest ? await loadBaseline(root, newest.name) : undefined;
  } catch (e) {
    log?.warn(`no comparison with a baseline: ${(e as Error).message}`);
    return undefined;
  }
}

async function chosenBaseline(root: string, choice: BaselineChoice | undefined, log: BenchSessionHooks['log']): Promise<Baseline | undefined> {
  if (choice === undefined) return undefined;
  if ('baseline' in choice) return choice.baseline;
  if ('newest' in choice) return newestBaseline(root, log);
  return loadBaseline(root, choice.name).catch((e: unknown) => {
    if (!(e instanceof BaselineStoreError)) throw e;
    return undefined;
  });
}

/**
 * Throws what the runner throws (BenchOptionsError — also when no benchmark has any of `names` —, GitRefError,
 * the signal's reason); a failing file is in `errors`.
 */
export async function runBenchSession(o: BenchSessionOptions, hooks: BenchSessionHooks = {}): Promise<BenchSessionResult> {
  const { files, budgets = [], compareWith, against, saveAs, ...runOptions } = o;
  // A memory budget cannot be checked without the figure: it asks for the memory pass itself.
  const memory = (o.memory ?? false) || budgetsNeedMemory(budgets);
  const environment = await gatherEnvironment(o.cwd);
  // The clock is part of what was measured: recorded with the runtime, so a baseline taken with the other
  // clock shows up in a comparison's environment differences ("runtime differs").
  if (o.clock === 'cpu') environment.runtime += ' (CPU time)';
  const baseline = await chosenBaseline(o.cwd, compareWith, hooks.log);
  hooks.onStart?.();

  const run = { ...runOptions, memory, signal: hooks.signal, onProgress: hooks.onProgress };
  let outcome: { results: BenchmarkResult[]; errors: BenchFileError[]; processes: Record<string, number>; unmatchedNames: string[] };
  /** With `against`: the ref's results and commit, compared with the working tree's as a baseline would be. */
  let atRef: { results: BenchmarkResult[]; commit: string; links: RepoLink[] } | undefined;
  if (against === undefined) outcome = await runBenchmarks({ ...run, files });
  else {
    const both = await runAgainst({ ...run, files, paths: against.paths, ref: against.ref });
    outcome = { results: both.current, errors: both.errors, processes: both.processes, unmatchedNames: both.unmatchedNames };
    atRef = { results: both.base, commit: both.commit, links: both.links };
  }
  recordLoadAtEnd(environment);

  const summaries = outcome.results.map(summarize);
  const budgetCheck = checkBudgets(summaries, budgets);
  const current = { environment, results: outcome.results };
  let comparison: BenchmarkComparison[] = [];
  let compared: BenchSessionCompared | null = null;
  if (atRef && against) {
    // Both sides measured here: the same environment, and pairs of processes run back to back.
    const c = compareWithBaseline(current, { environment, results: atRef.results }, undefined, { paired: true });
    comparison = c.comparison;
    compared = { kind: 'ref', ref: against.ref, commit: atRef.commit, notes: c.notes, baselineResults: c.baselineResults, links: atRef.links };
  } else if (baseline) {
    const failed = new Set(outcome.errors.map((e) => e.file));
    const c = compareWithBaseline(current, baseline, { files: files.map((f) => f.file).filter((f) => !failed.has(f)), names: o.names });
    comparison = c.comparison;
    compared = { kind: 'baseline', name: baseline.name, savedAt: baseline.savedAt, notes: c.notes, baselineResults: c.baselineResults };
  }

  const result: BenchSessionResult = {
    environment,
    results: outcome.results,
    summaries,
    errors: outcome.errors,
    processes: outcome.processes,
    unmatchedNames: outcome.unmatchedNames,
    memory,
    violations: budgetCheck.violations,
    unmatchedBudgets: budgetCheck.unmatched,
    comparison,
    compared,
    scaling: scalingOf(outcome.results),
    saved: null,
    notSaved: null,
  };
  if (saveAs !== undefined) {
    if (outcome.errors.length) {
      result.notSaved = { message: `Baseline "${saveAs}" was not saved: ${outcome.errors.length} benchmark file${outcome.errors.length === 1 ? '' : 's'} failed.` };
    } else {
      try {
        result.saved = { name: saveAs, file: await saveBaseline(o.cwd, createBaseline(saveAs, environment, outcome.results, new Date())) };
      } catch (e) {
        if (!(e instanceof BaselineStoreError)) throw e;
        result.notSaved = { message: `Baseline "${saveAs}" was not saved: ${e.message}`, storeError: e.message };
      }
    }
  }
  return result;
}
