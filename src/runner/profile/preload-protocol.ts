/**
 * What the parent (profile-processes.ts) and the preload in every profiled process (preload.ts) share:
 * the environment variables that carry the request, the files each process writes, the stop file.
 */
import * as path from 'node:path';

/** The folder every process writes its profile into; its presence in the environment turns profiling on. */
export const PRELOAD_DIR_ENV = 'PERF_LENS_PROFILE_DIR';
/** Sampling interval in µs (default: DEFAULT_INTERVAL_US in protocol.ts). */
export const PRELOAD_INTERVAL_ENV = 'PERF_LENS_PROFILE_INTERVAL_US';
/** Created by the parent in the folder: every profiled process stops, writes what it has and exits. */
export const STOP_FILE = 'stop';

/** `<pid>.json`, written after `<pid>.cpuprofile`: one profiled process. */
export interface ProcessMeta {
  pid: number;
  ppid: number;
  /** process.argv from the script on (the first 11, each cut at 300 characters). */
  argv: string[];
  /** User + system CPU time of the whole process, from process.cpuUsage() at the end, in ms. */
  cpuMs: number;
  /** How long the profiler ran, in ms. */
  wallMs: number;
  /**
   * How the profile ended: the process exited, a signal ended it (a test runner ending its workers,
   * usually once their work is done), or the parent's stop file (the run's time limit or a cancel).
   */
  endedBy: 'exit' | 'signal' | 'stop';
  /** Samples in its profile. */
  sampleCount: number;
  /** The scripts its profile names (not node: internals), so the parent need not read every profile. */
  scriptUrls: string[];
}

/**
 * `<pid>.cpuprofile`, `<pid>.json` (ProcessMeta) and `<pid>.maps.json`: `{ [script URL]: source map URL }`
 * for the profiled scripts whose code the process compiled in memory with an inline map (vitest, tsx).
 */
export function processFiles(dir: string, pid: number): { profile: string; meta: string; maps: string } {
  return { profile: path.join(dir, `${pid}.cpuprofile`), meta: path.join(dir, `${pid}.json`), maps: path.join(dir, `${pid}.maps.json`) };
}

/** npm's own CLI (`npm run` itself, or a nested one): its time is npm's, not the project's. */
export function isNpmCli(mainScript: string): boolean {
  return /[\\/]npm[\\/]bin[\\/](npm|npx)-cli\.js$/.test(mainScript) || /[\\/]bin[\\/]npm$/.test(mainScript);
}
