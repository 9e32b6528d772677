/**
 * Everything the profile views need from one profile (a `.cpuprofile`, or 0x / clinic flame data: see
 * read-profile.ts), in one pass over the file: the hot spots of
 * every function (the Hot Spots panel filters "my code only" itself), the hot spots of the user's own code
 * (hot lines and the summary), and the flame graph, each with the inlining correction and the profiling
 * harness's frames hidden, as Profile Function shows them. Runs in the profile worker (analysis-worker.ts)
 * and, for the CLI and tests, in the calling thread.
 */
import type { FlameData, FrameKind } from '../../../core/profile/flame';
import { buildFlame, kindOfFile } from '../../../core/profile/flame';
import { computeHotspots, type HotspotReport } from '../../../core/profile/hotspots';
import { enclosingFunctionLookup } from './enclosing-functions';
import { callCountLookupFor } from '../call-counts';
import { isHarnessFrame } from '../run-profile';
import { readProfile } from './read-profile';

export interface ProfileAnalysisOptions {
  /** Give inlined functions back their ticks by reading the profiled scripts (default true). */
  inliningCorrection?: boolean;
  /** Longest list of `all` (default 1000: the panel sorts and filters them). */
  limit?: number;
  /** Longest list of `myCode` (default 100; the Profile lenses want every function of the profiled files). */
  myCodeLimit?: number;
  /** The profile's call-count file (`<profile>.coverage.json` of a function profile): calls in both lists. */
  callCountsFile?: string;
}

export interface ProfileAnalysis {
  /** Every function and line, at most `limit` of each. */
  all: HotspotReport;
  /** Only the user's files (no node: internals, no node_modules), `myCodeLimit` of each: hot lines and the summary. */
  myCode: HotspotReport;
  flame: FlameData;
}

/** Reads and analyses `file` in this thread; a bad file throws ProfileReadError (one sentence). */
export function analyzeProfile(file: string, options: ProfileAnalysisOptions = {}): ProfileAnalysis {
  const profile = readProfile(file).profile;
  // The scripts are read (and parsed, never run) once for the three passes.
  const enclosingFunction = options.inliningCorrection === false ? undefined : enclosingFunctionLookup();
  const hidden = isHarnessFrame;
  // One pass for both lists: the user's own functions and lines are a filter of every one (same base).
  const callCount = options.callCountsFile ? callCountLookupFor(profile, file, options.callCountsFile) : undefined;
  const every = computeHotspots(profile, { enclosingFunction, hidden, callCount, limit: Number.MAX_SAFE_INTEGER });
  const limit = options.limit ?? 1000;
  const myCodeLimit = options.myCodeLimit ?? 100;
  const mine = (file: string) => kindOfFile(file) === 'user';
  return {
    all: { ...every, hotspots: every.hotspots.slice(0, limit), hotLines: every.hotLines.slice(0, limit) },
    myCode: { ...every, hotspots: every.hotspots.filter((h) => mine(h.file)).slice(0, myCodeLimit), hotLines: every.hotLines.filter((l) => mine(l.file)).slice(0, myCodeLimit) },
    flame: buildFlame(profile, { enclosingFunction, hidden }),
  };
}

/**
 * The flame graph as typed arrays and string tables, moved (transferred) between threads rather than
 * copied: a structured clone of 100k frame objects costs the receiving thread far more than of a
 * few arrays (file names repeat: one table of them).
 */
export interface PackedFlame {
  names: string[];
  files: string[];
  /** Per frame: index in `files`, line, column, kind (index in FRAME_KINDS). */
  frameFile: Int32Array;
  frameLine: Int32Array;
  frameColumn: Int32Array;
  frameKind: Uint8Array;
  frame: Int32Array;
  parent: Int32Array;
  depth: Int32Array;
  selfUs: Float64Array;
  totalUs: Float64Array;
}

const FRAME_KINDS: FrameKind[] = ['user', 'node', 'module', 'native', 'gc', 'idle', 'program', 'root'];

export function packFlame(f: FlameData): { packed: PackedFlame; transfer: ArrayBuffer[] } {
  const n = f.frames.length;
  const files: string[] = [];
  const fileIndex = new Map<string, number>();
  const packed: PackedFlame = {
    names: f.frames.map((x) => x.name),
    files,
    frameFile: new Int32Array(n),
    frameLine: new Int32Array(n),
    frameColumn: new Int32Array(n),
    frameKind: new Uint8Array(n),
    frame: Int32Array.from(f.frame),
    parent: Int32Array.from(f.parent),
    depth: Int32Array.from(f.depth),
    selfUs: Float64Array.from(f.selfUs),
    totalUs: Float64Array.from(f.totalUs),
  };
  f.frames.forEach((x, i) => {
    let fi = fileIndex.get(x.file);
    if (fi === undefined) {
      fi = files.push(x.file) - 1;
      fileIndex.set(x.file, fi);
    }
    packed.frameFile[i] = fi;
    packed.frameLine[i] = x.line;
    packed.frameColumn[i] = x.column;
    packed.frameKind[i] = FRAME_KINDS.indexOf(x.kind);
  });
  const arrays = [packed.frameFile, packed.frameLine, packed.frameColumn, packed.frameKind, packed.frame, packed.parent, packed.depth, packed.selfUs, packed.totalUs];
  return { packed, transfer: arrays.map((a) => a.buffer as ArrayBuffer) };
}

/** Back to plain arrays and frame objects: the webview's messages are JSON. */
export function unpackFlame(p: PackedFlame): FlameData {
  return {
    frames: p.names.map((name, i) => ({ name, file: p.files[p.frameFile[i]], line: p.frameLine[i], column: p.frameColumn[i], kind: FRAME_KINDS[p.frameKind[i]] })),
    frame: Array.from(p.frame),
    parent: Array.from(p.parent),
    depth: Array.from(p.depth),
    selfUs: Array.from(p.selfUs),
    totalUs: Array.from(p.totalUs),
  };
}
