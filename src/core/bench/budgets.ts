/**
 * Budgets per benchmark, in the spirit of latency SLOs: `{ "csv export": { "mean": "2ms", "p99": "5ms" } }`,
 * and bytes allocated per operation: `{ "parse": { "memory": "10kB" } }`.
 * A budget names a benchmark (every file and size of that name) and caps one or more of its statistics;
 * checking compares the point estimates, as an SLO does, not the confidence bounds.
 */
import type { BenchmarkSummary } from './summary';
import { parseBytes } from './memory';
import { formatBytes, formatNs } from '../format/numbers';

/** Time statistics a budget can cap. */
export const BUDGET_STATS = ['mean', 'median', 'p75', 'p99'] as const;
export type BudgetStat = (typeof BUDGET_STATS)[number];
/** The memory key: bytes allocated per operation (measured only with --memory, which such a budget turns on). */
export const MEMORY_BUDGET = 'memory';

export type BudgetLimit = { stat: BudgetStat; ns: number; text: string } | { stat: typeof MEMORY_BUDGET; bytes: number; text: string };

export interface Budget {
  name: string;
  /** Limits in nanoseconds (time) or bytes (memory), with the text they were written as (for messages). */
  limits: BudgetLimit[];
}

interface ViolationOf {
  name: string;
  file: string;
  line?: number;
  size?: number;
  limitText: string;
}
export type BudgetViolation = (ViolationOf & { stat: BudgetStat; limitNs: number; actualNs: number }) | (ViolationOf & { stat: typeof MEMORY_BUDGET; limitBytes: number; actualBytes: number });

/** Whether any budget caps memory: the run must then measure it. */
export function budgetsNeedMemory(budgets: readonly Budget[]): boolean {
  return budgets.some((b) => b.limits.some((l) => l.stat === MEMORY_BUDGET));
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
      if (stat === MEMORY_BUDGET) {
        const bytes = typeof text === 'string' ? parseBytes(text) : null;
        if (typeof text !== 'string' || bytes === null || !(bytes > 0)) throw new BudgetError(`the memory budget of "${name}" must be a positive size with a unit (B, kB, MB, KiB, MiB), like "10kB"`);
        budget.limits.push({ stat: MEMORY_BUDGET, bytes, text });
        continue;
      }
      if (!(BUDGET_STATS as readonly string[]).includes(stat)) {
        throw new BudgetError(`the budget of "${name}" limits "${stat}", which is not one of ${BUDGET_STATS.join(', ')}, ${MEMORY_BUDGET}`);
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
      let v: BudgetViolation | undefined;
      if (limit.stat === MEMORY_BUDGET) {
        // Not measured (a run without --memory): nothing to check against.
        if (s.bytesPerOp !== undefined && s.bytesPerOp > limit.bytes) v = { name: s.name, file: s.file, stat: MEMORY_BUDGET, limitBytes: limit.bytes, limitText: limit.text, actualBytes: s.bytesPerOp };
      } else if (s[limit.stat] > limit.ns) {
        v = { name: s.name, file: s.file, stat: limit.stat, limitNs: limit.ns, limitText: limit.text, actualNs: s[limit.stat] };
      }
      if (!v) continue;
      if (s.line !== undefined) v.line = s.line;
      if (s.size !== undefined) v.size = s.size;
      violations.push(v);
    }
  }
  return { violations, unmatched: budgets.map((b) => b.name).filter((n) => !matched.has(n)) };
}

/** The measured figure of a violation: "5.31 ms", or "12.3 kB" for memory. */
export function violationActual(v: BudgetViolation): string {
  return v.stat === MEMORY_BUDGET ? formatBytes(v.actualBytes) : formatNs(v.actualNs);
}

/** "csv export: p99 5.31 ms over its budget of 5ms", "parse: memory 12.3 kB over its budget of 10kB". */
export function describeViolation(v: BudgetViolation): string {
  const label = v.size === undefined ? v.name : `${v.name} [n=${v.size}]`;
  return `${label}: ${v.stat} ${violationActual(v)} over its budget of ${v.limitText}`;
}
