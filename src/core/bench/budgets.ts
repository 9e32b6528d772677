/**
 * Time budgets per benchmark, in the spirit of latency SLOs: `{ "csv export": { "mean": "2ms", "p99": "5ms" } }`.
 * A budget names a benchmark (every file and size of that name) and caps one or more of its statistics;
 * checking compares the point estimates, as an SLO does, not the confidence bounds.
 */
import type { BenchmarkSummary } from './summary';

export const BUDGET_STATS = ['mean', 'median', 'p75', 'p99'] as const;
export type BudgetStat = (typeof BUDGET_STATS)[number];

export interface Budget {
  name: string;
  /** Limits in nanoseconds, with the text they were written as (for messages). */
  limits: Array<{ stat: BudgetStat; ns: number; text: string }>;
}

export interface BudgetViolation {
  name: string;
  file: string;
  line?: number;
  size?: number;
  stat: BudgetStat;
  limitNs: number;
  limitText: string;
  actualNs: number;
}

export class BudgetError extends Error {}

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9 };

/** "2ms", "500us", "500µs", "1.5 s", "300ns" → nanoseconds. A unit is required: a bare number is ambiguous. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ns|us|µs|μs|ms|s)\s*$/.exec(text);
  if (!m) throw new BudgetError(`"${text}" is not a duration: write a number and a unit (ns, us, ms or s), like "2ms" or "1.5 s"`);
  const value = Number(m[1]) * UNIT_NS[m[2]];
  if (!(value > 0) || !Number.isFinite(value)) throw new BudgetError(`"${text}" is not a positive duration`);
  return value;
}

/** "1.50 ms", "500 µs", "300 ns", "2.00 s": a nanosecond figure in the largest unit that keeps it ≥ 1. */
export function formatDuration(ns: number): string {
  const [unit, scale] = ns >= 1e9 ? ['s', 1e9] : ns >= 1e6 ? ['ms', 1e6] : ns >= 1e3 ? ['µs', 1e3] : ['ns', 1];
  const v = ns / (scale as number);
  return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${unit}`;
}

/** Validates a budgets object (from a setting or a config file); one sentence per mistake, the first one thrown. */
export function parseBudgets(value: unknown): Budget[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BudgetError('budgets must be an object mapping benchmark names to limits, like { "csv export": { "mean": "2ms" } }');
  }
  const out: Budget[] = [];
  for (const [name, limits] of Object.entries(value)) {
    if (typeof limits !== 'object' || limits === null || Array.isArray(limits)) {
      throw new BudgetError(`the budget of "${name}" must be an object such as { "mean": "2ms", "p99": "5ms" }`);
    }
    const budget: Budget = { name, limits: [] };
    for (const [stat, text] of Object.entries(limits)) {
      if (!(BUDGET_STATS as readonly string[]).includes(stat)) {
        throw new BudgetError(`the budget of "${name}" limits "${stat}", which is not one of ${BUDGET_STATS.join(', ')}`);
      }
      if (typeof text !== 'string') throw new BudgetError(`the ${stat} budget of "${name}" must be a string such as "2ms"`);
      try {
        budget.limits.push({ stat: stat as BudgetStat, ns: parseDuration(text), text });
      } catch (e) {
        throw new BudgetError(`the ${stat} budget of "${name}": ${(e as Error).message}`);
      }
    }
    out.push(budget);
  }
  return out;
}

export interface BudgetCheck {
  violations: BudgetViolation[];
  /** Budgets that named no benchmark of this run (a typo, or a file that was not run). */
  unmatched: string[];
}

/** Every statistic over its limit, in the order of the summaries, then of each budget's limits. */
export function checkBudgets(summaries: readonly BenchmarkSummary[], budgets: readonly Budget[]): BudgetCheck {
  const byName = new Map<string, Budget>();
  for (const b of budgets) byName.set(b.name, b);
  const matched = new Set<string>();
  const violations: BudgetViolation[] = [];
  for (const s of summaries) {
    const budget = byName.get(s.name);
    if (!budget) continue;
    matched.add(budget.name);
    for (const limit of budget.limits) {
      const actual = s[limit.stat];
      if (actual > limit.ns) {
        const v: BudgetViolation = { name: s.name, file: s.file, stat: limit.stat, limitNs: limit.ns, limitText: limit.text, actualNs: actual };
        if (s.line !== undefined) v.line = s.line;
        if (s.size !== undefined) v.size = s.size;
        violations.push(v);
      }
    }
  }
  return { violations, unmatched: budgets.map((b) => b.name).filter((n) => !matched.has(n)) };
}

/** "csv export: p99 5.31 ms over its budget of 5ms". */
export function describeViolation(v: BudgetViolation): string {
  const label = v.size === undefined ? v.name : `${v.name} [n=${v.size}]`;
  return `${label}: ${v.stat} ${formatDuration(v.actualNs)} over its budget of ${v.limitText}`;
}
