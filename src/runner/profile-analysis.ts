/**
 * Everything the profile views need from one `.cpuprofile`, in one pass over the file: the hot spots of
 * every function (the Hot Spots panel filters "my code only" itself), the hot spots of the user's own code
 * (hot lines and the summary), and the flame graph, each with the inlining correction and the profiling
 * harness's frames hidden, as Profile Function shows them. Runs in the profile worker (profile-worker.ts)
 * and, for the CLI and tests, in the calling thread.
 */
import type { FlameData } from '../core/profile/flame';
import { buildFlame, kindOfFile } from '../core/profile/flame';
import { computeHotspots, type HotspotReport } from '../core/profile/hotspots';
import { enclosingFunctionLookup } from './enclosing-functions';
import { isHarnessFrame } from './profile/run-profile';
import { readCpuProfile } from './read-profile';

export interface ProfileAnalysisOptions {
  /** Give inlined functions back their ticks by reading the profiled scripts (default true). */
  inliningCorrection?: boolean;
  /** Longest list of `all` (default 1000: the panel sorts and filters them). */
  limit?: number;
}

export interface ProfileAnalysis {
  /** Every function and line, at most `limit` of each. */
  all: HotspotReport;
  /** Only the user's files (no node: internals, no node_modules), 100 of each: hot lines and the summary. */
  myCode: HotspotReport;
  flame: FlameData;
}

/** Reads and analyses `file` in this thread; a bad file throws ProfileReadError (one sentence). */
export function analyzeProfile(file: string, options: ProfileAnalysisOptions = {}): ProfileAnalysis {
  const profile = readCpuProfile(file);
  // The scripts are read (and parsed, never run) once for the three passes.
  const enclosingFunction = options.inliningCorrection === false ? undefined : enclosingFunctionLookup();
  const hidden = isHarnessFrame;
  // One pass for both lists: the user's own functions and lines are a filter of every one (same base).
  const every = computeHotspots(profile, { enclosingFunction, hidden, limit: Number.MAX_SAFE_INTEGER });
  const limit = options.limit ?? 1000;
  const mine = (file: string) => kindOfFile(file) === 'user';
  return {
    all: { ...every, hotspots: every.hotspots.slice(0, limit), hotLines: every.hotLines.slice(0, limit) },
    myCode: { ...every, hotspots: every.hotspots.filter((h) => mine(h.file)).slice(0, 100), hotLines: every.hotLines.filter((l) => mine(l.file)).slice(0, 100) },
    flame: buildFlame(profile, { enclosingFunction, hidden }),
  };
}

/** The flame graph's number arrays as typed arrays: moved (transferred) between threads, not copied. */
export interface PackedFlame {
  frames: FlameData['frames'];
  frame: Int32Array;
  parent: Int32Array;
  depth: Int32Array;
  selfUs: Float64Array;
  totalUs: Float64Array;
}

export function packFlame(f: FlameData): { packed: PackedFlame; transfer: ArrayBuffer[] } {
  const packed: PackedFlame = {
    frames: f.frames,
    frame: Int32Array.from(f.frame),
    parent: Int32Array.from(f.parent),
    depth: Int32Array.from(f.depth),
    selfUs: Float64Array.from(f.selfUs),
    totalUs: Float64Array.from(f.totalUs),
  };
  return { packed, transfer: [packed.frame, packed.parent, packed.depth, packed.selfUs, packed.totalUs].map((a) => a.buffer as ArrayBuffer) };
}

/** Back to plain arrays: the webview's messages are JSON. */
export function unpackFlame(p: PackedFlame): FlameData {
  return {
    frames: p.frames,
    frame: Array.from(p.frame),
    parent: Array.from(p.parent),
    depth: Array.from(p.depth),
    selfUs: Array.from(p.selfUs),
    totalUs: Array.from(p.totalUs),
  };
}
