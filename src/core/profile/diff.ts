/**
 * Two profiles of the same code compared function by function: what got slower, what got faster.
 * Functions are matched by file and name (not line: an edit above a function moves it).
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
}

export interface ProfileDiff {
  beforeMs: number;
  afterMs: number;
  functions: FunctionDiff[];
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const keyOf = (h: Hotspot) => `${h.file}\u0000${h.functionName}`;

/**
 * Sorted by the size of the change in percentage points, so that two runs of different lengths
 * compare fairly; the millisecond deltas are there for runs of a fixed number of iterations.
 */
export function diffHotspots(before: HotspotReport, after: HotspotReport): ProfileDiff {
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
  }
  functions.sort((p, q) => Math.abs(q.deltaSelfPercent) - Math.abs(p.deltaSelfPercent) || Math.abs(q.deltaSelfMs) - Math.abs(p.deltaSelfMs));
  return { beforeMs: before.sampledMs, afterMs: after.sampledMs, functions };
}
