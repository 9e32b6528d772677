/**
 * Two profiles of the same code compared function by function: what got slower, what got faster.
 * Functions are matched by file and name (not line: an edit above a function moves it).
 *
 * Basis: per call of the profiled function when both runs know their call count (a function profile's
 * `<profile>.coverage.json`), as the Compare view does (diff-flame.ts `chooseNormalisation`); else as a
 * share of each run's sampled time. Two runs of the same length where one made half the calls look
 * alike as shares, but are twice as slow per call.
 */
import type { Hotspot, HotspotReport } from './hotspots';

export interface FunctionDiff {
  functionName: string;
  file: string;
  /** Where it is in the second ("after") profile, or the first when it is gone. */
  line: number;
  column: number;
  beforeSelfMs: number;
  afterSelfMs: number;
  /** after − before. Positive: slower. */
  deltaSelfMs: number;
  beforeSelfPercent: number;
  afterSelfPercent: number;
  /** after − before, in percentage points of each profile's own sampled time (fair across run lengths). */
  deltaSelfPercent: number;
  beforeTotalMs: number;
  afterTotalMs: number;
  status: 'both' | 'added' | 'removed';
  /** Basis `per-call` only: self time per call of the profiled function, in µs, before and after, and after − before. */
  beforeSelfUsPerCall?: number;
  afterSelfUsPerCall?: number;
  deltaSelfUsPerCall?: number;
}

/** `per-call`: self µs per call of the profiled function (both runs have call counts); `share`: % of each run's sampled time. */
export type DiffBasis = 'per-call' | 'share';

export interface ProfileDiff {
  beforeMs: number;
  afterMs: number;
  /** What the order (and the text table) compares: see DiffBasis. */
  basis: DiffBasis;
  /** Calls of the profiled function in each run, when known. */
  beforeCalls?: number;
  afterCalls?: number;
  functions: FunctionDiff[];
}

/** Calls of the profiled function in each run, when known (from each profile's call-count file). */
export interface DiffCalls {
  before?: number;
  after?: number;
}

const counted = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n) && n > 0;

const round = (x: number) => Math.round(x * 1000) / 1000;
const keyOf = (h: Hotspot) => `${h.file}\u0000${h.functionName}`;

/**
 * Sorted by the size of the change per call when both runs have call counts (basis `per-call`), else
 * in percentage points, so that two runs of different lengths compare fairly; the millisecond deltas
 * are there for runs of a fixed number of iterations.
 */
export function diffHotspots(before: HotspotReport, after: HotspotReport, calls: DiffCalls = {}): ProfileDiff {
  const perCall = counted(calls.before) && counted(calls.after);
  const a = new Map<string, Hotspot>();
  for (const h of before.hotspots) if (!a.has(keyOf(h))) a.set(keyOf(h), h);
  const b = new Map<string, Hotspot>();
  for (const h of after.hotspots) if (!b.has(keyOf(h))) b.set(keyOf(h), h);
  const functions: FunctionDiff[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    const where = (y ?? x)!;
    functions.push({
      functionName: where.functionName,
      file: where.file,
      line: where.line,
      column: where.column,
      beforeSelfMs: x?.selfMs ?? 0,
      afterSelfMs: y?.selfMs ?? 0,
      deltaSelfMs: round((y?.selfMs ?? 0) - (x?.selfMs ?? 0)),
      beforeSelfPercent: x?.selfPercent ?? 0,
      afterSelfPercent: y?.selfPercent ?? 0,
      deltaSelfPercent: round((y?.selfPercent ?? 0) - (x?.selfPercent ?? 0)),
      beforeTotalMs: x?.totalMs ?? 0,
      afterTotalMs: y?.totalMs ?? 0,
      status: x && y ? 'both' : y ? 'added' : 'removed',
    });
    if (perCall) {
      const f = functions[functions.length - 1];
      const b = (1000 * f.beforeSelfMs) / (calls.before as number);
      const a = (1000 * f.afterSelfMs) / (calls.after as number);
      f.beforeSelfUsPerCall = round(b);
      f.afterSelfUsPerCall = round(a);
      f.deltaSelfUsPerCall = round(a - b);
    }
  }
  if (perCall) {
    functions.sort((p, q) => Math.abs(q.deltaSelfUsPerCall as number) - Math.abs(p.deltaSelfUsPerCall as number) || Math.abs(q.deltaSelfMs) - Math.abs(p.deltaSelfMs));
  } else {
    functions.sort((p, q) => Math.abs(q.deltaSelfPercent) - Math.abs(p.deltaSelfPercent) || Math.abs(q.deltaSelfMs) - Math.abs(p.deltaSelfMs));
  }
  return {
    beforeMs: before.sampledMs,
    afterMs: after.sampledMs,
    basis: perCall ? 'per-call' : 'share',
    ...(counted(calls.before) ? { beforeCalls: calls.before } : {}),
    ...(counted(calls.after) ? { afterCalls: calls.after } : {}),
    functions,
  };
}
