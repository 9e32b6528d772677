/**
 * Pure: the "Run benchmark" lenses of a benchmark file — one above each `bench(` / `bench.sizes(` /
 * `describe(` call (from core's benchCallsInSource) plus one for the whole file — and their titles with
 * the last result: "Run benchmark · last: 1.23 ms ± 2.1% · 813 ops/s · 1.31x slower than 'main'".
 */
import type { BenchCall } from '../../core/bench/bench-calls';
import { formatNs, formatOpsPerSec, percentFigure } from '../../core/format/numbers';
import { formatScaling } from '../../core/bench/scaling';
import type { BenchmarkSummary } from '../../core/bench/summary';
import type { BenchmarkComparison } from '../../core/bench/compare';
import type { LastBenchResult, LastScaling } from './bench-results-store';

/**
 * The harness's " > " between suite and benchmark names (core's BENCH_NAME_SEPARATOR; not imported as a
 * value, which would bundle bench-calls.ts and the TypeScript compiler into dist/extension.js).
 */
const NAME_SEPARATOR = ' > ';

/** What a lens's click runs: `perfLens.runBenchmark` with these names, or `perfLens.runBenchmarkFile`. */
export type BenchLensTarget = { command: 'perfLens.runBenchmark'; names: string[] } | { command: 'perfLens.runBenchmarkFile' };

export interface BenchLensSpec {
  /** 1-based. */
  line: number;
  title: string;
  tooltip: string;
  target: BenchLensTarget;
}

/** "± 2.1%": the 95% interval's half-width relative to the mean (empty without an interval). */
export function formatCiPercent(s: Pick<BenchmarkSummary, 'mean' | 'ci95'>): string {
  if (!s.ci95 || !(s.mean > 0)) return '';
  const half = ((s.ci95[1] - s.ci95[0]) / 2 / s.mean) * 100;
  return ` ± ${percentFigure(half)}%`;
}

/**
 * "1.31x slower than 'main'", "1.25x faster than 'main'", "same as 'main' (1.02x)", "1.52x vs 'main',
 * inconclusive (~12 processes would settle it)".
 */
export function formatComparison(c: Pick<BenchmarkComparison, 'ratio' | 'verdict' | 'processesToSettle'>, baselineName: string): string | undefined {
  if (c.ratio === null || !(c.ratio > 0)) return undefined;
  if (c.verdict === 'slower') return `${c.ratio.toFixed(2)}x slower than '${baselineName}'`;
  if (c.verdict === 'faster') return `${(1 / c.ratio).toFixed(2)}x faster than '${baselineName}'`;
  if (c.verdict === 'inconclusive') {
    const n = c.processesToSettle;
    const hint = n !== undefined && Number.isFinite(n) ? ` (~${n} processes would settle it)` : ' (too few processes to tell)';
    return `${c.ratio.toFixed(2)}x vs '${baselineName}', inconclusive${hint}`;
  }
  return `same as '${baselineName}' (${c.ratio.toFixed(2)}x)`;
}

/** "1.23 ms ± 2.1% · 813 ops/s · 1.31x slower than 'main'". */
export function formatResult(r: Pick<LastBenchResult, 'summary' | 'comparison' | 'baselineName'>): string {
  const parts = [`${formatNs(r.summary.mean)}${formatCiPercent(r.summary)}`, formatOpsPerSec(r.summary.opsPerSec)];
  const vs = r.comparison && r.baselineName ? formatComparison(r.comparison, r.baselineName) : undefined;
  if (vs) parts.push(vs);
  return parts.join(' · ');
}

/** The last result of a parametrized benchmark: its scaling and its largest size. */
function formatSizes(results: readonly LastBenchResult[], scaling: LastScaling | undefined): string {
  const largest = [...results].sort((a, b) => (b.summary.size ?? 0) - (a.summary.size ?? 0))[0];
  const parts: string[] = [];
  if (scaling) parts.push(formatScaling(scaling.fit));
  if (largest) parts.push(`n=${largest.summary.size?.toLocaleString('en-US')}: ${formatResult(largest)}`);
  return parts.join(' · ');
}

export interface BenchLensInput {
  calls: readonly BenchCall[];
  /** The last results of this file (BenchResultsStore.resultsOf). */
  results: readonly LastBenchResult[];
  scalingOf(name: string): LastScaling | undefined;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function benchLenses(input: BenchLensInput): BenchLensSpec[] {
  const benches = input.calls.filter((c) => c.kind !== 'describe');
  if (benches.length === 0) return [];
  const out: BenchLensSpec[] = [];
  // The whole file, above its first call (the line a reader starts at).
  out.push({
    line: input.calls[0].line,
    title: `Run file's benchmarks (${benches.length})`,
    tooltip: 'Run every benchmark of this file in fresh processes (perfLens.bench.processes, perfLens.bench.timeMs)',
    target: { command: 'perfLens.runBenchmarkFile' },
  });
  for (const call of input.calls) {
    if (call.kind === 'describe') {
      const prefix = call.name + NAME_SEPARATOR;
      const names = [...new Set(benches.filter((b) => b.name.startsWith(prefix)).map((b) => b.name))];
      if (names.length === 0) continue;
      out.push({ line: call.line, title: `Run ${plural(names.length, 'benchmark')}`, tooltip: `Run the benchmarks of "${call.name}"`, target: { command: 'perfLens.runBenchmark', names } });
      continue;
    }
    const mine = input.results.filter((r) => r.summary.name === call.name);
    let last = '';
    if (call.kind === 'sizes') {
      const sized = mine.filter((r) => r.summary.size !== undefined);
      if (sized.length) last = formatSizes(sized, input.scalingOf(call.name));
    } else {
      const plain = mine.find((r) => r.summary.size === undefined);
      if (plain) last = formatResult(plain);
    }
    out.push({
      line: call.line,
      title: last ? `Run benchmark · last: ${last}` : 'Run benchmark',
      tooltip: `Run "${call.name}" in fresh processes`,
      target: { command: 'perfLens.runBenchmark', names: [call.name] },
    });
  }
  return out;
}
