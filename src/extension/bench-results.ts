/**
 * The last benchmark results of this editor session, shared by the "Run benchmark" lenses, the budget
 * diagnostics and (later) the Benchmarks panel: one entry per benchmark (absolute file, full name, size),
 * replaced by the next run of that benchmark. Pure (no `vscode`): the change event has VS Code's
 * `Event` shape, so `store.onDidChange(listener)` returns something with `dispose()`.
 */
import type { BenchmarkSummary } from '../core/bench/summary';
import type { BenchmarkComparison } from '../core/bench/compare';
import type { BudgetViolation } from '../core/bench/budgets';
import type { ScalingFit } from '../core/bench/scaling';

export interface LastBenchResult {
  /** Absolute path of the benchmark file. */
  absoluteFile: string;
  summary: BenchmarkSummary;
  /** Against the newest saved baseline, when there is one with this benchmark. */
  comparison?: BenchmarkComparison;
  baselineName?: string;
  /** Budgets this result broke (empty: within its budgets, or none set). */
  violations: BudgetViolation[];
  ranAt: Date;
}

export interface LastScaling {
  absoluteFile: string;
  name: string;
  fit: ScalingFit;
}

export interface BenchResultsChange {
  /** Absolute paths of the files whose results changed. */
  files: string[];
}

export interface Disposable {
  dispose(): void;
}

const keyOf = (absoluteFile: string, name: string, size: number | undefined) => `${absoluteFile}\u0000${name}\u0000${size ?? ''}`;

export class BenchResultsStore {
  private readonly results = new Map<string, LastBenchResult>();
  private readonly scaling = new Map<string, LastScaling>();
  private readonly listeners = new Set<(e: BenchResultsChange) => void>();

  readonly onDidChange = (listener: (e: BenchResultsChange) => void): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  /**
   * Records a run: every result replaces the earlier one of the same benchmark; a benchmark that was asked
   * for (`ran`: absolute file → full names run, or null for the whole file) but came back without a result
   * loses its old one (it was renamed or removed).
   */
  record(ran: ReadonlyMap<string, readonly string[] | null>, results: readonly LastBenchResult[], scaling: readonly LastScaling[]): void {
    for (const [key, r] of this.results) {
      const names = ran.get(r.absoluteFile);
      if (names !== undefined && (names === null || names.includes(r.summary.name))) this.results.delete(key);
    }
    for (const [key, s] of this.scaling) {
      const names = ran.get(s.absoluteFile);
      if (names !== undefined && (names === null || names.includes(s.name))) this.scaling.delete(key);
    }
    for (const r of results) this.results.set(keyOf(r.absoluteFile, r.summary.name, r.summary.size), r);
    for (const s of scaling) this.scaling.set(keyOf(s.absoluteFile, s.name, undefined), s);
    this.fire([...ran.keys()]);
  }

  /** The last results of a file (every size of a parametrized benchmark), in the order they were recorded. */
  resultsOf(absoluteFile: string): LastBenchResult[] {
    return [...this.results.values()].filter((r) => r.absoluteFile === absoluteFile);
  }

  scalingOf(absoluteFile: string, name: string): LastScaling | undefined {
    return this.scaling.get(keyOf(absoluteFile, name, undefined));
  }

  all(): LastBenchResult[] {
    return [...this.results.values()];
  }

  clear(): void {
    const files = [...new Set([...this.results.values()].map((r) => r.absoluteFile))];
    this.results.clear();
    this.scaling.clear();
    this.fire(files);
  }

  private fire(files: string[]): void {
    for (const l of [...this.listeners]) l({ files });
  }
}
