/**
 * Messages of the Benchmarks side view (src/extension/bench/benchmarks-view.ts ⇄ webview/benchmarks/). Types only.
 * The host validates every incoming message (src/extension/bench/benchmarks-messages.ts) before acting on it.
 */
import type { BenchmarkSummary } from '../core/bench/summary';
import type { BenchmarkComparison } from '../core/bench/compare';
import type { HistoryPoint } from '../core/bench/history';

/** A benchmark: file (workspace-relative), full name and, for `bench.sizes`, the input size. */
export interface BenchRef {
  file: string;
  name: string;
  size?: number;
}

/** One benchmark's history: its mean and 95% CI in each saved baseline (oldest first), then the current run. */
export interface BenchHistory {
  benchmark: BenchRef;
  points: HistoryPoint[];
}

/** A benchmark file found in the workspace, with the names a quick look at its source found (display only). */
export interface BenchFileEntry {
  /** Workspace-relative, forward slashes (the `file` of every result). */
  file: string;
  names: string[];
}

/** What the host shows: sent whole after every change (small: tens of rows). */
export interface BenchViewState {
  /** Null when running is allowed; else why nothing can run (Restricted Mode, no folder open). */
  blocked: string | null;
  files: BenchFileEntry[];
  /** Saved baselines, by name. */
  baselines: string[];
  /** The baseline compared with, or null. */
  compareWith: string | null;
  /** Progress of the run in progress ("revenue.bench.ts: process 2 of 3"), or null when idle. */
  running: string | null;
  /** The last run's statistics (times in ns). */
  results: BenchmarkSummary[];
  /** Against `compareWith`, for the last run's benchmarks (empty without a baseline). */
  comparison: BenchmarkComparison[];
  /** The baseline's statistics for the same benchmarks (the chart's baseline bars). */
  baselineResults: BenchmarkSummary[];
  /** One sentence per problem of the last action (a failed file, a refused baseline), and notes. */
  messages: { kind: 'error' | 'info'; text: string }[];
  /** The scaling exponent of each `bench.sizes` benchmark of the results (two or more sizes). */
  scaling: (BenchRef & { exponent: number; ci95: [number, number] | null })[];
  /** Budgets the results broke, each as its sentence ("csv export: mean 2.40 ms exceeds the budget 2ms"). */
  violations: (BenchRef & { text: string })[];
  /** The history chart's benchmark and points; null with no benchmark or no saved baseline that has it. */
  history: BenchHistory | null;
  /** Saved baselines the history left out, one sentence each (corrupt, newer version); they are never touched. */
  historySkipped: string[];
}

/** Host → webview. */
export type ToWebview = { type: 'state'; state: BenchViewState };

/** Webview → host. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'runAll' }
  | { type: 'runFile'; file: string }
  | { type: 'runBenchmark'; file: string; name: string }
  | { type: 'cancel' }
  | { type: 'saveBaseline'; name: string }
  /** `name` null: stop comparing. */
  | { type: 'compareWith'; name: string | null }
  /** Show this benchmark (a row of the table) in the history chart. */
  | { type: 'select'; file: string; name: string; size?: number }
  /** Open a result's file at its `bench(` line (1-based). */
  | { type: 'open'; file: string; line: number };
