/**
 * Two profiles compared (each a `.cpuprofile`, or 0x / clinic flame data, read by read-profile.ts): the function table of `perf-lens diff` and the differential flame
 * graph, with the same inlining correction and hidden harness frames on both sides. Reads files only
 * (the profiles, their call-count files and the profiled sources), never runs anything: fine in an
 * untrusted workspace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { computeHotspots } from '../../../core/profile/hotspots';
import { diffHotspots, type FunctionDiff, type ProfileDiff } from '../../../core/profile/diff';
import { buildDiffFlame, type DiffFlameData } from '../../../core/profile/diff-flame';
import { callCountsMatch, parseCallCountFile } from '../../../core/profile/call-counts';
import type { CpuProfile } from '../../../core/profile/model';
import { readProfile } from './read-profile';
import { enclosingFunctionLookup } from './enclosing-functions';
import { isHarnessFrame } from '../run-profile';
import { callCountsPath } from '../call-counts';

export interface ComparedRun {
  path: string;
  /** endTime − startTime of the profile. */
  durationMs: number;
  /** Calls of the profiled function, from the profile's call-count file when it has one. */
  calls?: number;
}

export interface ProfileComparison {
  before: ComparedRun;
  after: ComparedRun;
  /** Every function of either run, largest change of share first (see core/profile/diff.ts). */
  functions: FunctionDiff[];
  flame: DiffFlameData;
}

/** The profiled function's call count in `<profile>.coverage.json`, when that file belongs to this profile. */
export function profiledCalls(profilePath: string, profile: CpuProfile): number | undefined {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(callCountsPath(profilePath), 'utf8'));
  } catch {
    return undefined; // none, or unreadable: the comparison falls back to shares of the run
  }
  const file = parseCallCountFile(json);
  if (!file || !('calls' in file) || !callCountsMatch(file, profile)) return undefined;
  return Number.isSafeInteger(file.calls) && file.calls > 0 ? file.calls : undefined;
}

export interface DiffSide {
  path: string;
  profile: CpuProfile;
}

/**
 * The function table of two profiles, the one path of `perf-lens diff` and the Compare view: the same
 * inlining correction and hidden harness frames on both sides, per call of the profiled function when
 * both profiles have a matching call-count file (`basis: 'per-call'`), else as shares of each run.
 */
export function diffProfiles(before: DiffSide, after: DiffSide, options: { myCodeOnly?: boolean } = {}): ProfileDiff {
  const enclosingFunction = enclosingFunctionLookup();
  const hotspotOptions = { enclosingFunction, hidden: isHarnessFrame, limit: 10_000, myCodeOnly: options.myCodeOnly ?? false };
  return diffHotspots(computeHotspots(before.profile, hotspotOptions), computeHotspots(after.profile, hotspotOptions), {
    before: profiledCalls(before.path, before.profile),
    after: profiledCalls(after.path, after.profile),
  });
}

/** `before` is the older run. Throws ProfileReadError (one sentence) for a file that cannot be read as a profile. */
export function compareProfileFiles(beforePath: string, afterPath: string): ProfileComparison {
  const before = readProfile(beforePath).profile;
  const after = readProfile(afterPath).profile;
  const enclosingFunction = enclosingFunctionLookup();
  const beforeCalls = profiledCalls(beforePath, before);
  const afterCalls = profiledCalls(afterPath, after);
  const run = (path: string, p: CpuProfile, calls: number | undefined): ComparedRun => ({
    path,
    durationMs: Math.max(0, p.endTime - p.startTime) / 1000,
    ...(calls === undefined ? {} : { calls }),
  });
  return {
    before: run(beforePath, before, beforeCalls),
    after: run(afterPath, after, afterCalls),
    functions: diffProfiles({ path: beforePath, profile: before }, { path: afterPath, profile: after }).functions,
    flame: buildDiffFlame(before, after, { enclosingFunction, hidden: isHarnessFrame, beforeCalls, afterCalls }),
  };
}

/**
 * `compareProfileFiles` in a worker thread, so that the extension host stays responsive while two big
 * profiles are read and merged (seconds for 100k-node profiles). The worker loads the engine bundle
 * (`dist/engine.js`, next to this code once bundled) and runs the same function; an error comes back
 * as its one sentence.
 */
export function compareProfileFilesInWorker(beforePath: string, afterPath: string, enginePath = path.join(__dirname, 'engine.js')): Promise<ProfileComparison> {
  // A fixed script (no user text in it): the paths travel as workerData.
  const script = `
    const { parentPort, workerData } = require('node:worker_threads');
    try {
      const engine = require(workerData.enginePath);
      parentPort.postMessage({ ok: true, comparison: engine.compare.compareProfileFiles(workerData.beforePath, workerData.afterPath) });
    } catch (e) {
      parentPort.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
    }`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { eval: true, workerData: { enginePath, beforePath, afterPath } });
    let settled = false;
    worker.once('message', (m: { ok: true; comparison: ProfileComparison } | { ok: false; message: string }) => {
      settled = true;
      if (m.ok) resolve(m.comparison);
      else reject(new Error(m.message));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the comparison's worker stopped (exit code ${code}) before answering`));
      settled = true;
    });
  });
}
