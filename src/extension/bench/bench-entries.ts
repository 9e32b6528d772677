/**
 * *Pure*: one folder's run → the results store's entries (bench-results-store.ts). Shared by the commands and
 * lenses (bench-commands.ts) and the Benchmarks view, so both record the same thing: raw result, summary, the
 * comparison with a saved baseline (when it has this benchmark) and the budgets it broke.
 */
import * as path from 'node:path';
import { benchmarkKey, type BenchmarkResult } from '../../core/bench/model';
import type { BenchmarkSummary } from '../../core/bench/summary';
import type { BenchmarkComparison } from '../../core/bench/compare';
import type { BudgetViolation } from '../../core/bench/budgets';
import type { LastBenchResult } from './bench-results-store';

export interface FolderOutcome {
  root: string;
  results: readonly BenchmarkResult[];
  /** `summaries[i]` summarises `results[i]`. */
  summaries: readonly BenchmarkSummary[];
  /** With the baseline named `baselineName` (empty without one). */
  comparisons: readonly BenchmarkComparison[];
  baselineName?: string;
  violations: readonly BudgetViolation[];
  ranAt: Date;
}

export function benchEntries(o: FolderOutcome): LastBenchResult[] {
  const compared = new Map(o.comparisons.filter((c) => c.verdict !== 'removed' && c.verdict !== 'added').map((c) => [benchmarkKey(c), c]));
  return o.results.map((result, i) => {
    const summary = o.summaries[i];
    const key = benchmarkKey(summary);
    const entry: LastBenchResult = {
      root: o.root,
      absoluteFile: path.resolve(o.root, summary.file),
      result,
      summary,
      violations: o.violations.filter((v) => benchmarkKey(v) === key),
      ranAt: o.ranAt,
    };
    const comparison = compared.get(key);
    if (comparison && o.baselineName !== undefined) {
      entry.comparison = comparison;
      entry.baselineName = o.baselineName;
    }
    return entry;
  });
}
