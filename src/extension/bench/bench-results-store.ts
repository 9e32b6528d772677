/**
 * The last benchmark results of this editor session, the one store that the "Run benchmark" lenses, the
 * budget diagnostics and the Benchmarks view all read and that every run (a lens, a command, the view)
 * writes: one entry per benchmark (absolute file, full name, size) with its raw samples, replaced by the
 * next run of that benchmark; and per workspace folder, which files the runs covered and the environment
 * of the last one (what a baseline saved from the view needs). Pure (no `vscode`): the change event has
 * VS Code's `Event` shape, so `store.onDidChange(listener)` returns something with `dispose()`.
 */
import type { BenchmarkSummary } from '../../core/bench/summary';
import type { BenchmarkComparison } from '../../core/bench/compare';
import type { BudgetViolation } from '../../core/bench/budgets';
import type { ScalingFit } from '../../core/bench/scaling';
import type { BenchmarkResult } from '../../core/bench/model';
import type { Environment } from '../../core/bench/environment';
import { mergeCoverage, type KeptRun, type RunCoverage } from '../../core/bench/panel-inputs';

export interface LastBenchResult {
  /** The workspace folder it ran in (`summary.file` is relative to it). */
  root: string;
  /** Absolute path of the benchmark file. */
  absoluteFile: string;
  /** The raw samples (baselines and comparisons need them). */
  result: BenchmarkResult;
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
  /** Who recorded the run ('view': the Benchmarks view, which has already shown it). */
  source: 'view' | 'command' | 'clear';
}

/** What one run covered in one workspace folder (files relative to it), and where it ran. */
export interface FolderRun extends RunCoverage {
  root: string;
  environment: Environment;
}

/** The Benchmarks view's input: a folder's results as the view keeps them, with the last run's environment. */
export interface KeptFolderRun extends KeptRun {
  environment: Environment;
}

export interface Disposable {
  dispose(): void;
}

const keyOf = (absoluteFile: string, name: string, size: number | undefined) => `${absoluteFile}\u0000${name}\u0000${size ?? ''}`;

export class BenchResultsStore {
  private readonly results = new Map<string, LastBenchResult>();
  private readonly scaling = new Map<string, LastScaling>();
  private readonly folders = new Map<string, Pick<KeptRun, 'wholeFiles' | 'failedFiles'> & { environment: Environment }>();
  private readonly listeners = new Set<(e: BenchResultsChange) => void>();

  readonly onDidChange = (listener: (e: BenchResultsChange) => void): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  /**
   * Records a run: every result replaces the earlier one of the same benchmark; a benchmark that was asked
   * for (`ran`: absolute file → full names run, or null for the whole file) but came back without a result
   * loses its old one (it was renamed or removed). A folder's run of everything (`all`) replaces all of
   * that folder's results.
   */
  record(ran: ReadonlyMap<string, readonly string[] | null>, results: readonly LastBenchResult[], scaling: readonly LastScaling[], runs: readonly FolderRun[], source: 'view' | 'command'): void {
    const changed = new Set(ran.keys());
    for (const run of runs) {
      const previous = this.folders.get(run.root);
      this.folders.set(run.root, { ...mergeCoverage(previous, run), environment: run.environment });
      if (!run.all) continue;
      for (const [key, r] of this.results) {
        if (r.root !== run.root) continue;
        changed.add(r.absoluteFile);
        this.results.delete(key);
      }
    }
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
    this.fire([...changed], source);
  }

  /** A folder's results in the order they were recorded, the files its runs covered and the last run's environment; undefined before any run there. */
  keptRun(root: string): KeptFolderRun | undefined {
    const folder = this.folders.get(root);
    if (!folder) return undefined;
    return { results: [...this.results.values()].filter((r) => r.root === root).map((r) => r.result), wholeFiles: folder.wholeFiles, failedFiles: folder.failedFiles, environment: folder.environment };
  }

  /** A folder's entries (summaries, comparisons, budget violations), in recorded order. */
  resultsIn(root: string): LastBenchResult[] {
    return [...this.results.values()].filter((r) => r.root === root);
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
    this.folders.clear();
    this.fire(files, 'clear');
  }

  private fire(files: string[], source: BenchResultsChange['source']): void {
    for (const l of [...this.listeners]) l({ files, source });
  }
}
