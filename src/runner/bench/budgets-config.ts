/**
 * Where time budgets come from on the command line: a `--config <file.json>`, else the nearest
 * `perf-lens.config.json` or `package.json` at or above the working folder, under the key that mirrors
 * the editor setting `perfLens.bench.budgets`:
 *   perf-lens.config.json  { "bench": { "budgets": { "csv export": { "mean": "2ms", "p99": "5ms" } } } }
 *   package.json           { "perfLens": { "bench": { "budgets": { ... } } } }
 * A package.json without the key ends the search (it is the project's root); no file means no budgets.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BudgetError, parseBudgets, type Budget } from '../../core/bench/budgets';

export const CONFIG_FILE = 'perf-lens.config.json';

export class BudgetConfigError extends Error {}

export interface BudgetConfig {
  budgets: Budget[];
  /** The file they came from (null: none found). */
  source: string | null;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new BudgetConfigError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BudgetConfigError(`${file} is not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
}

function budgetsAt(value: unknown, keys: string[]): unknown {
  let v = value;
  for (const k of keys) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function parse(raw: unknown, source: string, key: string): BudgetConfig {
  if (raw === undefined) return { budgets: [], source };
  try {
    return { budgets: parseBudgets(raw), source };
  } catch (e) {
    if (e instanceof BudgetError) throw new BudgetConfigError(`${source} ${key}: ${e.message}`);
    throw e;
  }
}

/** The budgets that apply to a run from `cwd`; `explicit` is a --config file (relative to cwd). */
export function loadBudgetConfig(cwd: string, explicit?: string): BudgetConfig {
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    return parse(budgetsAt(readJson(file), ['bench', 'budgets']), file, '"bench.budgets"');
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const config = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(config)) return parse(budgetsAt(readJson(config), ['bench', 'budgets']), config, '"bench.budgets"');
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) return parse(budgetsAt(readJson(pkg), ['perfLens', 'bench', 'budgets']), pkg, '"perfLens.bench.budgets"');
    if (path.dirname(dir) === dir) return { budgets: [], source: null };
  }
}
