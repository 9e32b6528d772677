/**
 * Pure: `perfLens.bench.*` read through a getter (WorkspaceConfiguration.get, or an object in tests),
 * each key validated on its own (a bad value falls back to its default with one sentence).
 */
import { BudgetError, parseBudgets, type Budget } from '../../core/bench/budgets';

export interface BenchSettings {
  /** Exactly this many processes per file; undefined: the runner's adaptive count. */
  processes?: number;
  /** Measuring time per benchmark and process in ms; undefined: the runner's default. */
  timeMs?: number;
  /** From `perfLens.bench.budgets`; undefined when the setting is empty (the config files then apply). */
  budgets?: Budget[];
  /** `perfLens.bench.clock`: elapsed time (default) or the process's CPU time. */
  clock: 'wall' | 'cpu';
  /** `perfLens.bench.memory`: also measure bytes allocated per operation (default false). */
  memory: boolean;
  problems: string[];
}

export function readBenchSettings(get: (key: string) => unknown): BenchSettings {
  const out: BenchSettings = { clock: 'wall', memory: false, problems: [] };
  const processes = get('processes');
  if (processes !== undefined && processes !== null) {
    if (typeof processes === 'number' && Number.isSafeInteger(processes) && processes >= 1) out.processes = processes;
    else out.problems.push(`perfLens.bench.processes must be a whole number of at least 1 or null (got ${JSON.stringify(processes)}); the adaptive count is used`);
  }
  const timeMs = get('timeMs');
  if (timeMs !== undefined && timeMs !== null) {
    if (typeof timeMs === 'number' && Number.isFinite(timeMs) && timeMs > 0) out.timeMs = timeMs;
    else out.problems.push(`perfLens.bench.timeMs must be a positive number of milliseconds or null (got ${JSON.stringify(timeMs)}); the default is used`);
  }
  const clock = get('clock');
  if (clock === 'cpu') out.clock = 'cpu';
  else if (clock !== undefined && clock !== null && clock !== 'wall') out.problems.push(`perfLens.bench.clock must be "wall" or "cpu" (got ${JSON.stringify(clock)}); elapsed time is used`);
  const memory = get('memory');
  if (memory !== undefined && memory !== null) {
    if (typeof memory === 'boolean') out.memory = memory;
    else out.problems.push(`perfLens.bench.memory must be true or false (got ${JSON.stringify(memory)}); memory is not measured`);
  }
  const budgets = get('budgets');
  if (budgets !== undefined && budgets !== null && !(typeof budgets === 'object' && !Array.isArray(budgets) && Object.keys(budgets).length === 0)) {
    try {
      out.budgets = parseBudgets(budgets);
    } catch (e) {
      if (!(e instanceof BudgetError)) throw e;
      out.problems.push(`perfLens.bench.budgets: ${e.message}; the budgets of perf-lens.config.json / package.json are used`);
    }
  }
  return out;
}
