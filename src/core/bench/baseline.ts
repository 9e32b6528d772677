/**
 * The baseline file (`.perf-lens/baselines/<name>.json`): a saved run with its raw samples, so later
 * comparisons (and later, better statistics) can use every sample, not a summary.
 * Versioned: a reader refuses a file from a newer version instead of misreading it, and the store
 * never overwrites one. Version 1 is the first; bump it for any change an older reader would misread.
 * Optional fields added within version 1: `bytesPerOp` on a result and on each run (memory per operation,
 * when measured), `cpuShare` on each run (contention.ts), `environment.loadAverage`; a version-1 reader
 * that predates them ignores them.
 */
import type { Environment } from './environment';
import type { BenchmarkResult, BenchRun } from './model';

export const BASELINE_SCHEMA = 'perf-lens-bench-baseline';
export const BASELINE_VERSION = 1;

export interface Baseline {
  schema: typeof BASELINE_SCHEMA;
  version: number;
  name: string;
  /** ISO 8601 time of saving. */
  savedAt: string;
  /** Unit of every sample. */
  unit: 'ns/op';
  environment: Environment;
  results: BenchmarkResult[];
}

export class BaselineFormatError extends Error {
  constructor(
    message: string,
    /** 'newer-version': valid for a newer Perf Lens; 'shape': not a baseline, or damaged. */
    readonly reason: 'shape' | 'newer-version',
  ) {
    super(message);
  }
}

export function createBaseline(name: string, environment: Environment, results: BenchmarkResult[], savedAt: Date): Baseline {
  return { schema: BASELINE_SCHEMA, version: BASELINE_VERSION, name, savedAt: savedAt.toISOString(), unit: 'ns/op', environment, results };
}

const MAX_NAME_LENGTH = 100;
/** Names Windows reserves for devices, with or without an extension ("con", "nul.json", "com1"). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * Why `name` cannot be a baseline's file name, or null when it can. Letters, digits, '.', '_' and '-'
 * only, not starting with '.': no separators, no traversal, no hidden or reserved names, the same on every OS.
 */
export function baselineNameProblem(name: string): string | null {
  if (name.length === 0) return 'a baseline name cannot be empty';
  if (name.length > MAX_NAME_LENGTH) return `a baseline name is at most ${MAX_NAME_LENGTH} characters (this one has ${name.length})`;
  if (/[/\\]/.test(name)) return `the baseline name "${name}" contains a path separator: use letters, digits, '.', '_' and '-' only`;
  if (name.startsWith('.')) return `the baseline name "${name}" starts with '.': use a name that starts with a letter or digit`;
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return `the baseline name "${name}" has characters other than letters, digits, '.', '_' and '-'`;
  if (WINDOWS_RESERVED.test(name)) return `the baseline name "${name}" is reserved on Windows: choose another`;
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shape = (message: string) => new BaselineFormatError(message, 'shape');

/** Validates a parsed baseline file; throws a one-sentence BaselineFormatError for anything else. */
export function parseBaseline(json: unknown): Baseline {
  if (!isObject(json) || json.schema !== BASELINE_SCHEMA) throw shape('it is not a Perf Lens baseline (no "schema": "perf-lens-bench-baseline")');
  const version = json.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw shape('its "version" is not a positive integer');
  if (version > BASELINE_VERSION) {
    throw new BaselineFormatError(`it was written by a newer Perf Lens (baseline version ${version}; this one reads up to ${BASELINE_VERSION}): update Perf Lens`, 'newer-version');
  }
  if (typeof json.name !== 'string') throw shape('its "name" is not a string');
  if (typeof json.savedAt !== 'string' || Number.isNaN(Date.parse(json.savedAt))) throw shape('its "savedAt" is not a date');
  if (json.unit !== 'ns/op') throw shape('its "unit" is not "ns/op"');
  const environment = parseEnvironment(json.environment);
  if (!Array.isArray(json.results)) throw shape('its "results" is not an array');
  const results = json.results.map((r, i) => parseResult(r, `results[${i}]`));
  return { schema: BASELINE_SCHEMA, version, name: json.name, savedAt: json.savedAt, unit: 'ns/op', environment, results };
}

function parseEnvironment(v: unknown): Environment {
  if (!isObject(v)) throw shape('its "environment" is not an object');
  for (const key of ['runtime', 'cpuModel', 'os', 'date'] as const) {
    if (typeof v[key] !== 'string') throw shape(`its environment.${key} is not a string`);
  }
  if (typeof v.cpuCount !== 'number') throw shape('its environment.cpuCount is not a number');
  if (v.nodeVersion !== null && typeof v.nodeVersion !== 'string') throw shape('its environment.nodeVersion is neither a string nor null');
  if (v.gitCommit !== null && typeof v.gitCommit !== 'string') throw shape('its environment.gitCommit is neither a string nor null');
  if (v.gitDirty !== null && typeof v.gitDirty !== 'boolean') throw shape('its environment.gitDirty is neither a boolean nor null');
  if (v.loadAverage !== undefined && v.loadAverage !== null && !(typeof v.loadAverage === 'number' && Number.isFinite(v.loadAverage) && v.loadAverage >= 0)) {
    throw shape('its environment.loadAverage is not a number');
  }
  const environment: Environment = {
    runtime: v.runtime as string,
    nodeVersion: v.nodeVersion as string | null,
    cpuModel: v.cpuModel as string,
    cpuCount: v.cpuCount,
    os: v.os as string,
    gitCommit: v.gitCommit as string | null,
    gitDirty: v.gitDirty as boolean | null,
    date: v.date as string,
  };
  if (v.loadAverage !== undefined) environment.loadAverage = v.loadAverage as number | null;
  return environment;
}

const isPositiveNumber = (x: unknown): x is number => typeof x === 'number' && x > 0 && Number.isFinite(x);
const isByteCount = (x: unknown): x is number => typeof x === 'number' && x >= 0 && Number.isFinite(x);

function parseResult(v: unknown, at: string): BenchmarkResult {
  if (!isObject(v)) throw shape(`its ${at} is not an object`);
  if (typeof v.name !== 'string') throw shape(`its ${at}.name is not a string`);
  if (typeof v.file !== 'string') throw shape(`its ${at}.file is not a string`);
  if (v.line !== undefined && !(Number.isInteger(v.line) && (v.line as number) >= 1)) throw shape(`its ${at}.line is not a line number`);
  if (v.size !== undefined && !(typeof v.size === 'number' && Number.isFinite(v.size))) throw shape(`its ${at}.size is not a number`);
  if (v.bytesPerOp !== undefined && !isByteCount(v.bytesPerOp)) throw shape(`its ${at}.bytesPerOp is not a number of bytes`);
  if (!Array.isArray(v.runs)) throw shape(`its ${at}.runs is not an array`);
  const runs = v.runs.map((run, j): BenchRun => {
    if (!isObject(run) || !Array.isArray(run.samples)) throw shape(`its ${at}.runs[${j}] has no "samples" array`);
    const k = run.samples.findIndex((s) => !isPositiveNumber(s));
    if (k >= 0) throw shape(`its ${at}.runs[${j}].samples[${k}] is not a positive number of nanoseconds`);
    const out: BenchRun = { samples: run.samples as number[] };
    if (run.iterationsPerSample !== undefined) {
      if (!isPositiveNumber(run.iterationsPerSample)) throw shape(`its ${at}.runs[${j}].iterationsPerSample is not a positive number`);
      out.iterationsPerSample = run.iterationsPerSample;
    }
    if (run.bytesPerOp !== undefined) {
      if (!isByteCount(run.bytesPerOp)) throw shape(`its ${at}.runs[${j}].bytesPerOp is not a number of bytes`);
      out.bytesPerOp = run.bytesPerOp;
    }
    if (run.cpuShare !== undefined) {
      if (!isByteCount(run.cpuShare)) throw shape(`its ${at}.runs[${j}].cpuShare is not a non-negative number`);
      out.cpuShare = run.cpuShare;
    }
    return out;
  });
  const result: BenchmarkResult = { name: v.name, file: v.file, runs };
  if (v.line !== undefined) result.line = v.line as number;
  if (v.size !== undefined) result.size = v.size as number;
  if (v.bytesPerOp !== undefined) result.bytesPerOp = v.bytesPerOp as number;
  return result;
}
