/**
 * *Pure* half of the Benchmarks view: which messages from its webview the host acts on. The webview is
 * untrusted input: only the listed types pass, files only among the discovered benchmark files, names
 * only among the last run's benchmarks of that file, a benchmark to show in the history only among the
 * table's rows, baselines only by a name the store accepts (and, to compare, one that is saved).
 */
import { baselineNameProblem } from '../../core/bench/baseline';
import { benchmarkKey } from '../../core/bench/model';
import type { FromWebview } from '../../protocol/benchmarks';

export interface AllowedBench {
  /** Discovered benchmark files (workspace-relative). */
  files: ReadonlySet<string>;
  /** `file\0name` of the last run's benchmarks. */
  benchmarks: ReadonlySet<string>;
  /** Saved baseline names. */
  baselines: ReadonlySet<string>;
  /** benchmarkKey (file, name, size) of the table's rows: the last run's and those only the baseline has. */
  rows: ReadonlySet<string>;
}

export const benchKey = (file: string, name: string): string => `${file}\u0000${name}`;

const MAX_TEXT = 4096;
const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT;
const positiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10_000_000;

/** The message as the host may act on it, or undefined (ignored). `saveBaseline` with a bad name passes: the host answers why (see baselineNameProblem). */
export function validateBenchMessage(message: unknown, allowed: AllowedBench): FromWebview | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'refresh':
    case 'runAll':
    case 'cancel':
      return { type: m.type };
    case 'runFile':
      return text(m.file) && allowed.files.has(m.file) ? { type: 'runFile', file: m.file } : undefined;
    case 'runBenchmark':
      return text(m.file) && text(m.name) && allowed.files.has(m.file) && allowed.benchmarks.has(benchKey(m.file, m.name)) ? { type: 'runBenchmark', file: m.file, name: m.name } : undefined;
    case 'saveBaseline':
      return typeof m.name === 'string' && m.name.length <= MAX_TEXT ? { type: 'saveBaseline', name: m.name } : undefined;
    case 'compareWith':
      if (m.name === null) return { type: 'compareWith', name: null };
      return text(m.name) && baselineNameProblem(m.name) === null && allowed.baselines.has(m.name) ? { type: 'compareWith', name: m.name } : undefined;
    case 'select': {
      if (!text(m.file) || !text(m.name) || !(m.size === undefined || (typeof m.size === 'number' && Number.isFinite(m.size)))) return undefined;
      const ref = m.size === undefined ? { file: m.file, name: m.name } : { file: m.file, name: m.name, size: m.size as number };
      return allowed.rows.has(benchmarkKey(ref)) ? { type: 'select', ...ref } : undefined;
    }
    case 'open':
      return text(m.file) && allowed.files.has(m.file) && positiveInt(m.line) ? { type: 'open', file: m.file, line: m.line } : undefined;
    default:
      return undefined;
  }
}
