/**
 * Two `.cpuprofile` files compared: the function table of `perf-lens diff` and the differential flame
 * graph, with the same inlining correction and hidden harness frames on both sides. Reads files only
 * (the profiles, their call-count files and the profiled sources), never runs anything: fine in an
 * untrusted workspace.
 */
import * as fs from 'node:fs';
import { computeHotspots } from '../core/profile/hotspots';
import { diffHotspots, type FunctionDiff } from '../core/profile/diff';
import { buildDiffFlame, type DiffFlameData } from '../core/profile/diff-flame';
import { callCountsMatch, parseCallCountFile } from '../core/profile/call-counts';
import type { CpuProfile } from '../core/profile/model';
import { readCpuProfile } from './read-profile';
import { enclosingFunctionLookup } from './enclosing-functions';
import { isHarnessFrame } from './profile/run-profile';
import { callCountsPath } from './profile/call-counts';

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

/** `before` is the older run. Throws ProfileReadError (one sentence) for a file that cannot be read as a profile. */
export function compareProfileFiles(beforePath: string, afterPath: string): ProfileComparison {
  const before = readCpuProfile(beforePath);
  const after = readCpuProfile(afterPath);
  const enclosingFunction = enclosingFunctionLookup();
  const hotspotOptions = { enclosingFunction, hidden: isHarnessFrame, limit: 10_000 };
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
    functions: diffHotspots(computeHotspots(before, hotspotOptions), computeHotspots(after, hotspotOptions)).functions,
    flame: buildDiffFlame(before, after, { enclosingFunction, hidden: isHarnessFrame, beforeCalls, afterCalls }),
  };
}
