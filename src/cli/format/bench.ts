/**
 * Output of `perf-lens bench`: the public JSON shape (times in ns, memory in bytes; keys are never renamed, only added),
 * a text report for the terminal, and Markdown for pull-request comments.
 */
import type { Environment } from '../../core/bench/environment';
import type { BenchmarkSummary } from '../../core/bench/summary';
import type { BenchmarkComparison } from '../../core/bench/compare';
import type { ScalingSeries } from '../../core/bench/scaling';
import { formatScaling } from '../../core/bench/scaling';
import { describeViolation, type BudgetViolation } from '../../core/bench/budgets';
import { benchmarkLabel } from '../../core/bench/model';
import { formatBytes, formatNs, formatOpsCompact, formatPercent, plural } from '../../core/format/numbers';
import type { RepoLink } from '../../runner/bench/git-ref-tree';

export interface BenchReport {
  environment: Environment;
  summaries: BenchmarkSummary[];
  comparison: BenchmarkComparison[];
  scaling: ScalingSeries[];
  violations: BudgetViolation[];
  unmatchedBudgets: string[];
  budgetSource: string | null;
  /** One sentence per benchmark file that failed. */
  errors: string[];
  /** --compare: the baseline's name, when it was saved, and how its environment differs. */
  /** `against`: the other side is the same files at a git ref, measured in this run (--against). */
  compared: { name: string; savedAt: string; environmentDifferences: string[]; against?: { ref: string; commit: string; links: RepoLink[] } } | null;
  /** --save: the file written, or why nothing was written. */
  saved: { name: string; file: string } | null;
  notSaved: string | null;
  processes: Record<string, number>;
  /** What the samples measured: elapsed ('wall') or CPU time. */
  clock: 'wall' | 'cpu';
}

export function toJsonResult(s: BenchmarkSummary) {
  return {
    name: s.name,
    file: s.file,
    size: s.size ?? null,
    samples: s.samples,
    mean: s.mean,
    median: s.median,
    p99: s.p99,
    sd: s.sd,
    rsd: s.rsd,
    ci95: s.ci95,
    opsPerSec: s.opsPerSec,
    line: s.line ?? null,
    processes: s.processes,
    p75: s.p75,
    min: s.min,
    max: s.max,
    processRsd: s.processRsd,
    ciMethod: s.ciMethod,
    outliers: s.outliers,
    // Only when memory was measured (--memory): absent, not null, so a run without it prints what it always did.
    ...(s.bytesPerOp !== undefined ? { bytesPerOp: s.bytesPerOp } : {}),
    cpuShare: s.cpuShare ?? null,
  };
}

/**
 * With --against, what each side loaded a workspace package from (a node_modules entry linked into the
 * repository): the working tree's side the working tree's files, the ref's side the same path at the ref.
 */
export function linkLines(ref: string, links: readonly RepoLink[]): string[] {
  if (links.length === 0) return [];
  const each = links.map((l) => `${l.entry} → ${l.target}${l.atRef ? '' : ` (absent at ${ref}: that side cannot load it)`}`);
  return [`loaded from: installed packages from the working tree's node_modules on both sides; workspace packages each side's own (${ref}'s side from its checkout): ${each.join(', ')}`];
}

export function toJsonComparison(c: BenchmarkComparison) {
  return {
    name: c.name,
    ratio: c.ratio,
    ci95: c.ci95,
    pValue: c.pValue,
    verdict: c.verdict,
    file: c.file,
    size: c.size ?? null,
    line: c.line ?? null,
    method: c.method,
    currentMean: c.currentMean,
    baselineMean: c.baselineMean,
    // Only when both sides measured memory; the ratio is null when only the baseline allocated nothing.
    ...(c.bytesPerOpRatio !== undefined ? { bytesPerOpRatio: c.bytesPerOpRatio, currentBytesPerOp: c.currentBytesPerOp, baselineBytesPerOp: c.baselineBytesPerOp } : {}),
    // Only on an inconclusive verdict: processes per side that would likely settle it (null: no affordable count, or no estimate).
    ...(c.verdict === 'inconclusive' ? { processesToSettle: c.processesToSettle !== undefined && Number.isFinite(c.processesToSettle) ? c.processesToSettle : null } : {}),
  };
}

/** Why a comparison is inconclusive and what would settle it, one line. */
export function inconclusiveLine(c: BenchmarkComparison): string {
  const n = c.processesToSettle;
  const settle =
    n !== undefined && Number.isFinite(n)
      ? `about ${n} processes per side would settle it (--processes ${n})`
      : n === Infinity
        ? 'no affordable number of processes would settle it (the processes vary too much)'
        : 'more processes per side would settle it';
  const ci = c.ci95 ? `the 95% CI ${ciText(c.ci95)} is` : 'with no interval, it is';
  return `${benchmarkLabel(c)}: inconclusive: ${ci} neither within the minimum effect (5%) nor a significant change beyond it; ${settle}`;
}

export function formatBenchJson(r: BenchReport): string {
  const out = {
    environment: r.environment,
    results: r.summaries.map(toJsonResult),
    comparison: r.comparison.map(toJsonComparison),
    scaling: r.scaling.map((s) => ({ name: s.name, file: s.file, line: s.line ?? null, exponent: s.fit.exponent, ci95: s.fit.ci95, rSquared: s.fit.rSquared, sizes: s.fit.sizes, text: formatScaling(s.fit) })),
    budgets: { source: r.budgetSource, violations: r.violations, unmatched: r.unmatchedBudgets },
    errors: r.errors,
    baseline: r.compared
      ? { name: r.compared.name, savedAt: r.compared.savedAt, environmentDifferences: r.compared.environmentDifferences, ...(r.compared.against ? { ref: r.compared.against.ref, commit: r.compared.against.commit, links: r.compared.against.links } : {}) }
      : null,
    saved: r.saved ? r.saved.file : null,
    processes: r.processes,
    clock: r.clock,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

function halfWidth(s: BenchmarkSummary): string {
  if (!s.ci95) return '';
  return `± ${formatPercent((100 * (s.ci95[1] - s.ci95[0])) / 2 / s.mean)}`;
}

function ratioText(c: BenchmarkComparison): string {
  if (c.ratio === null) return '';
  return `${c.ratio.toFixed(3)}x`;
}

/** "1.250x", or "0 B → 32 B" when there is no finite ratio. */
function bytesRatioText(c: BenchmarkComparison): string {
  if (c.bytesPerOpRatio === undefined) return '';
  if (c.bytesPerOpRatio === null) return `${formatBytes(c.baselineBytesPerOp ?? 0)} → ${formatBytes(c.currentBytesPerOp ?? 0)}`;
  return `${c.bytesPerOpRatio.toFixed(3)}x`;
}

const memoryText = (s: BenchmarkSummary) => (s.bytesPerOp === undefined ? '' : formatBytes(s.bytesPerOp));

function ciText(ci: [number, number] | null, digits = 3): string {
  return ci ? `[${ci[0].toFixed(digits)}, ${ci[1].toFixed(digits)}]` : '';
}

function pText(p: number | null): string {
  if (p === null) return '';
  return p < 0.0001 ? '< 0.0001' : p.toFixed(4);
}

function table(rows: string[][], rightAligned: boolean[]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => '  ' + r.map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd());
}

function environmentLine(e: Environment): string {
  const git = e.gitCommit ? ` · commit ${e.gitCommit.slice(0, 10)}${e.gitDirty ? ' (uncommitted changes)' : ''}` : '';
  return `${e.runtime} · ${e.cpuModel} ×${e.cpuCount} · ${e.os}${git}`;
}

function groupByFile<T extends { file: string }>(xs: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const g = m.get(x.file);
    if (g) g.push(x);
    else m.set(x.file, [x]);
  }
  return m;
}

export function formatBenchText(r: BenchReport): string {
  const lines: string[] = [environmentLine(r.environment)];
  for (const [file, group] of groupByFile(r.summaries)) {
    lines.push('', `${file} (${r.processes[file] === undefined ? '? processes' : plural(r.processes[file], 'process', 'processes')})`);
    // The memory column only when memory was measured (--memory).
    const memory = group.some((s) => s.bytesPerOp !== undefined);
    const rows = [['benchmark', 'mean', '95% CI', 'median', 'p99', 'rsd', 'ops/s', 'samples', 'outliers', ...(memory ? ['memory/op'] : [])]];
    for (const s of group) {
      // Tukey outliers (low+high, severe ones apart): reported, never dropped from the statistics.
      const outliers = `${s.outliers.low + s.outliers.high}${s.outliers.severe ? ` (${s.outliers.severe} severe)` : ''}`;
      rows.push([benchmarkLabel(s), formatNs(s.mean), halfWidth(s), formatNs(s.median), formatNs(s.p99), formatPercent(s.rsd), formatOpsCompact(s.opsPerSec), String(s.samples), outliers, ...(memory ? [memoryText(s)] : [])]);
    }
    lines.push(...table(rows, [false, true, false, true, true, true, true, true, false, true]));
    for (const sc of r.scaling.filter((x) => x.file === file)) lines.push(`  scaling of ${sc.name}: ${formatScaling(sc.fit)} over n = ${sc.fit.sizes.join(', ')}`);
  }
  if (r.compared) {
    const a = r.compared.against;
    lines.push('', a ? `Compared with ${a.ref} at ${a.commit.slice(0, 12)} (its files measured in this run, interleaved):` : `Compared with baseline "${r.compared.name}" (saved ${r.compared.savedAt}):`);
    for (const d of r.compared.environmentDifferences) lines.push(`  note: ${d}`);
    if (a) lines.push(...linkLines(a.ref, a.links).map((l) => `  ${l}`));
    const memory = r.comparison.some((c) => c.bytesPerOpRatio !== undefined);
    const rows = [['benchmark', 'file', 'ratio', '95% CI', 'p', 'verdict', ...(memory ? ['memory/op ratio'] : [])]];
    for (const c of r.comparison) rows.push([benchmarkLabel(c), c.file, ratioText(c), ciText(c.ci95), pText(c.pValue), c.verdict, ...(memory ? [bytesRatioText(c)] : [])]);
    lines.push(...table(rows, [false, false, true, false, true, false, true]));
    const slower = r.comparison.filter((c) => c.verdict === 'slower').length;
    const faster = r.comparison.filter((c) => c.verdict === 'faster').length;
    const inconclusive = r.comparison.filter((c) => c.verdict === 'inconclusive');
    lines.push(
      `  ${slower} slower, ${faster} faster, ${r.comparison.filter((c) => c.verdict === 'same').length} same${inconclusive.length ? `, ${inconclusive.length} inconclusive` : ''} (α = 0.01, minimum effect 5%)`,
    );
    for (const c of inconclusive) lines.push(`  ${inconclusiveLine(c)}`);
  }
  if (r.violations.length || r.unmatchedBudgets.length) lines.push('', `Budgets (${r.budgetSource}):`);
  for (const v of r.violations) lines.push(`  ${v.file}${v.line ? `:${v.line}` : ''}: ${describeViolation(v)}`);
  for (const u of r.unmatchedBudgets) lines.push(`  note: the budget of "${u}" names no benchmark of this run`);
  if (r.saved) lines.push('', `Saved baseline "${r.saved.name}" to ${r.saved.file}`);
  if (r.notSaved) lines.push('', r.notSaved);
  return `${lines.join('\n')}\n`;
}

const mdEscape = (s: string) => s.replace(/[|\\`*_<>]/g, (c) => `\\${c}`);

export function formatBenchMarkdown(r: BenchReport): string {
  const lines: string[] = ['## Benchmarks', '', mdEscape(environmentLine(r.environment)), ''];
  if (r.compared) {
    const a = r.compared.against;
    lines.push(a ? `### Compared with ${mdEscape(a.ref)} at ${a.commit.slice(0, 12)} (measured in the same run, interleaved)` : `### Compared with baseline \`${r.compared.name}\``, '');
    for (const d of r.compared.environmentDifferences) lines.push(`> ${mdEscape(d)}`, '');
    if (a) for (const l of linkLines(a.ref, a.links)) lines.push(`> ${mdEscape(l)}`, '');
    const memory = r.comparison.some((c) => c.bytesPerOpRatio !== undefined);
    lines.push(`| benchmark | file | ratio | 95% CI | p | verdict |${memory ? ' memory/op ratio |' : ''}`, `|---|---|--:|---|--:|---|${memory ? '--:|' : ''}`);
    for (const c of r.comparison) {
      const verdict = c.verdict === 'slower' ? '**slower**' : c.verdict === 'faster' ? '**faster**' : c.verdict;
      lines.push(`| ${mdEscape(benchmarkLabel(c))} | ${mdEscape(c.file)} | ${ratioText(c)} | ${ciText(c.ci95)} | ${pText(c.pValue)} | ${verdict} |${memory ? ` ${bytesRatioText(c)} |` : ''}`);
    }
    const inconclusive = r.comparison.filter((c) => c.verdict === 'inconclusive');
    if (inconclusive.length) lines.push('', ...inconclusive.map((c) => `- ${mdEscape(inconclusiveLine(c))}`));
    lines.push(
      '',
      'Ratio = current / baseline time per operation; verdict at α = 0.01 with a minimum effect of 5% (Welch on log per-process means); same: the 95% CI lies within ±5%.',
      '',
    );
  }
  const memory = r.summaries.some((s) => s.bytesPerOp !== undefined);
  lines.push('### Results', '', `| benchmark | file | mean | 95% CI | median | p99 | rsd | ops/s | processes |${memory ? ' memory/op |' : ''}`, `|---|---|--:|--:|--:|--:|--:|--:|--:|${memory ? '--:|' : ''}`);
  for (const s of r.summaries) {
    lines.push(`| ${mdEscape(benchmarkLabel(s))} | ${mdEscape(s.file)} | ${formatNs(s.mean)} | ${halfWidth(s)} | ${formatNs(s.median)} | ${formatNs(s.p99)} | ${formatPercent(s.rsd)} | ${formatOpsCompact(s.opsPerSec)} | ${s.processes} |${memory ? ` ${memoryText(s)} |` : ''}`);
  }
  if (r.scaling.length) {
    lines.push('', '### Scaling', '');
    for (const sc of r.scaling) lines.push(`- ${mdEscape(sc.name)} (${mdEscape(sc.file)}): ${formatScaling(sc.fit)} over n = ${sc.fit.sizes.join(', ')}`);
  }
  if (r.violations.length) {
    lines.push('', '### Budgets exceeded', '');
    for (const v of r.violations) lines.push(`- ${mdEscape(v.file)}${v.line ? `:${v.line}` : ''}: ${mdEscape(describeViolation(v))}`);
  }
  if (r.errors.length) {
    lines.push('', '### Failed', '');
    for (const e of r.errors) lines.push(`- ${mdEscape(e)}`);
  }
  return `${lines.join('\n')}\n`;
}
