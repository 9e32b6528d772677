/**
 * Runs benchmark files over several fresh processes each and gathers the samples into the core model
 * (one BenchRun per process). Processes run one at a time (parallel ones would measure each other), in
 * rounds that visit every file once, so a drift of the machine (load, temperature) hits every file alike.
 *
 * How many processes: a fixed count when asked (`processes`); otherwise a few to start with, then as many
 * as `processesNeeded` says the measured spread of process means requires to detect a 10% change with 95%
 * power, capped at `maxProcesses`. Choosing the count from the spread (not from any difference) leaves
 * the false-positive rate alone. A file that fails in one process is not run again; its error is kept.
 */
import * as path from 'node:path';
import { benchmarkKey, medianBytesPerOp, type BenchmarkResult, type BenchRun } from '../../core/bench/model';
import { summarize } from '../../core/bench/summary';
import { processesNeeded } from '../../core/bench/power';
import { DEFAULT_PROCESSES } from '../../core/bench/defaults';
import { discoverFiles, type DiscoveryNote } from '../files/file-discovery';
import { BenchFileError, DEFAULT_PHASE_TIMEOUT_MS, benchHarnessPath, runBenchFile } from './run-file';
import { DEFAULT_SAMPLE_NS, DEFAULT_TIME_MS, DEFAULT_WARMUP_MS, type BenchClock } from './protocol';

/** Benchmark files: `*.bench.{js,mjs,cjs,ts,mts}` (and .cts). */
export const BENCH_FILE = /\.bench\.(c|m)?(j|t)s$/i;
/** Files a user may name explicitly: any JavaScript or TypeScript module. */
const RUNNABLE_FILE = /\.(c|m)?(j|t)s$/i;

/** The adaptive count starts here (the smallest with a usable estimate of the spread). */
export const ADAPTIVE_START_PROCESSES = 5;

export class BenchOptionsError extends Error {}

export interface BenchFile {
  absolute: string;
  /** Relative to cwd with forward slashes (the `file` of every result). */
  file: string;
  /** The working directory of its processes, when not the run's (the other side of `--against`). */
  cwd?: string;
}

/** The benchmark files under `paths` (default: cwd), skipping node_modules and what .gitignore ignores. */
export async function discoverBenchFiles(paths: readonly string[], cwd: string, onNote?: (n: DiscoveryNote) => void): Promise<BenchFile[]> {
  const found = await discoverFiles(paths, { cwd, matchFile: (abs) => BENCH_FILE.test(abs), onNote });
  const out: BenchFile[] = [];
  for (const f of found) {
    if (!RUNNABLE_FILE.test(f.absolute)) {
      onNote?.({ file: f.display, kind: 'skipped', message: 'skipped: not a JavaScript or TypeScript benchmark file' });
      continue;
    }
    out.push({ absolute: f.absolute, file: relativeFile(cwd, f.absolute) });
  }
  return out;
}

function relativeFile(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel).split(path.sep).join('/');
}

export interface RunBenchmarksOptions {
  files: readonly BenchFile[];
  cwd: string;
  /** Exactly this many processes per file; adaptive when absent. */
  processes?: number;
  /** Cap of the adaptive count (default DEFAULT_PROCESSES). */
  maxProcesses?: number;
  timeMs?: number;
  warmupMs?: number;
  sampleNs?: number;
  /** 'wall' (default) or 'cpu' (see protocol.ts); compare only runs made with the same clock. */
  clock?: BenchClock;
  /** Also bytes allocated per operation (a pass after timing in each process; memory.ts). */
  memory?: boolean;
  /** Time limit of each phase of a process (loading, each benchmark). */
  phaseTimeoutMs?: number;
  /** Only these benchmarks (full names). */
  names?: string[];
  harnessPath?: string;
  /**
   * Files of the same group get the same adaptive count (the largest any of them needs): `--against` pairs
   * a file's processes with its twin's, round by round.
   */
  groupOf?: (file: string) => string;
  signal?: AbortSignal;
  onProgress?: (p: { file: string; process: number; planned: number }) => void;
}

export interface BenchRunOutcome {
  results: BenchmarkResult[];
  errors: BenchFileError[];
  /** Processes run per file. */
  processes: Record<string, number>;
  /** With `names`: those no file declares (empty when a file failed before saying what it declares). */
  unmatchedNames: string[];
}

/** How many existing names a "no benchmark is named" sentence lists. */
const LISTED_NAMES = 10;

/** The sentence for names that match no benchmark: the names asked for, then (some of) those that exist. */
export function noBenchmarkNamed(names: readonly string[], existing: readonly string[]): string {
  const q = (n: string) => `"${n}"`;
  const asked = names.length === 1 ? q(names[0]) : `${names.slice(0, -1).map(q).join(', ')} or ${q(names[names.length - 1])}`;
  if (existing.length === 0) return `no benchmark is named ${asked}: the files declare no benchmarks`;
  const more = existing.length > LISTED_NAMES ? `, and ${existing.length - LISTED_NAMES} more` : '';
  return `no benchmark is named ${asked} (names are full: "suite > bench"); the benchmarks are ${existing.slice(0, LISTED_NAMES).map(q).join(', ')}${more}`;
}

function checkPositiveInteger(value: number | undefined, what: string): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1)) throw new BenchOptionsError(`${what} must be a whole number of at least 1 (got ${value})`);
}

export async function runBenchmarks(o: RunBenchmarksOptions): Promise<BenchRunOutcome> {
  checkPositiveInteger(o.processes, 'the number of processes');
  checkPositiveInteger(o.maxProcesses, 'the maximum number of processes');
  for (const [v, what] of [[o.timeMs, 'the time per benchmark'], [o.phaseTimeoutMs, 'the time limit']] as const) {
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) throw new BenchOptionsError(`${what} must be a positive number of milliseconds (got ${v})`);
  }
  const harness = o.harnessPath ?? benchHarnessPath();
  if (!harness) throw new BenchOptionsError('the benchmark harness dist/bench-harness.js was not found next to this bundle (run the build)');
  const max = o.processes ?? Math.max(o.maxProcesses ?? DEFAULT_PROCESSES, 1);
  const start = o.processes ?? Math.min(ADAPTIVE_START_PROCESSES, max);

  const byKey = new Map<string, BenchmarkResult>();
  const order: string[] = [];
  const done = new Map<string, number>(o.files.map((f) => [f.file, 0]));
  const planned = new Map<string, number>(o.files.map((f) => [f.file, start]));
  const failed = new Set<string>();
  const errors: BenchFileError[] = [];
  /** With `names`: every full name the files declare, in file order. */
  const declared = new Set<string>();
  let unmatchedNames: string[] = [];

  for (let round = 0; round < max; round++) {
    const active = o.files.filter((f) => !failed.has(f.file) && done.get(f.file)! < planned.get(f.file)!);
    if (active.length === 0) break;
    // Grouped files (a file and its twin) swap places every other round: neither side always goes first.
    for (const f of o.groupOf && round % 2 === 1 ? [...active].reverse() : active) {
      o.signal?.throwIfAborted();
      o.onProgress?.({ file: f.file, process: round + 1, planned: planned.get(f.file)! });
      try {
        const measured = await runBenchFile({
          harness,
          file: f.absolute,
          display: f.file,
          cwd: f.cwd ?? o.cwd,
          timeMs: o.timeMs ?? DEFAULT_TIME_MS,
          warmupMs: o.warmupMs ?? DEFAULT_WARMUP_MS,
          sampleNs: o.sampleNs ?? DEFAULT_SAMPLE_NS,
          clock: o.clock,
          rotate: round,
          names: o.names,
          onDeclared: (names) => names.forEach((n) => declared.add(n)),
          memory: o.memory,
          phaseTimeoutMs: o.phaseTimeoutMs ?? DEFAULT_PHASE_TIMEOUT_MS,
          signal: o.signal,
        });
        for (const m of measured) {
          const r: BenchmarkResult = { name: m.name, file: f.file, runs: [] };
          if (m.line !== undefined) r.line = m.line;
          if (m.size !== undefined) r.size = m.size;
          const key = benchmarkKey(r);
          let acc = byKey.get(key);
          if (!acc) {
            acc = r;
            byKey.set(key, acc);
            order.push(key);
          }
          const run: BenchRun = { samples: m.samples, iterationsPerSample: m.iterationsPerSample };
          if (m.bytesPerOp !== undefined) run.bytesPerOp = m.bytesPerOp;
          if (m.cpuShare !== undefined) run.cpuShare = m.cpuShare;
          acc.runs.push(run);
        }
        done.set(f.file, done.get(f.file)! + 1);
      } catch (e) {
        if (!(e instanceof BenchFileError)) throw e;
        failed.add(f.file);
        errors.push(e);
      }
    }
    // After every file's first process: names that match nothing are a mistake, not an empty run (unless a
    // file failed before saying what it declares: its error is the answer then).
    if (round === 0 && o.names && failed.size === 0) {
      unmatchedNames = o.names.filter((n) => !declared.has(n));
      if (unmatchedNames.length === o.names.length) throw new BenchOptionsError(noBenchmarkNamed(o.names, [...declared]));
    }
    if (o.processes === undefined) {
      for (const f of o.files) {
        if (done.get(f.file)! >= start) planned.set(f.file, Math.min(max, Math.max(start, neededFor(f.file, byKey))));
      }
      if (o.groupOf) {
        const most = new Map<string, number>();
        for (const f of o.files) most.set(o.groupOf(f.file), Math.max(most.get(o.groupOf(f.file)) ?? 0, planned.get(f.file)!));
        for (const f of o.files) planned.set(f.file, most.get(o.groupOf(f.file))!);
      }
    }
  }
  // A file that failed contributes nothing: partial runs would mix processes that measured it with none.
  const results = order.map((k) => byKey.get(k)!).filter((r) => !failed.has(r.file));
  for (const r of results) {
    const bytes = medianBytesPerOp(r.runs);
    if (bytes !== undefined) r.bytesPerOp = bytes;
  }
  return { results, errors, processes: Object.fromEntries(done), unmatchedNames };
}

/** The processes the noisiest benchmark of a file needs (10% change, 95% power, α = 0.01). */
function neededFor(file: string, byKey: Map<string, BenchmarkResult>): number {
  let needed = 0;
  for (const r of byKey.values()) {
    if (r.file !== file || r.runs.length < 2) continue;
    const rsd = summarize(r).processRsd;
    if (rsd !== null) needed = Math.max(needed, processesNeeded(rsd));
  }
  return needed;
}
