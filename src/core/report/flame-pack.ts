/**
 * A compact, exact JSON form of `FlameData` for the HTML report, where every megabyte of embedded data
 * costs the page tens of milliseconds of HTML parsing before its first paint (bench/profile/flame-paint.mjs).
 * The plain form repeats each frame's keys and file path and carries what the tree already says:
 *
 * - frames: one column per field; file paths and kinds through a string table; only frames a node uses,
 *   numbered in order of first use, so a node's frame is mostly "the next new one" (written 0, others f + 1);
 * - `parent` and `depth`: the pre-order and the depth steps (`depth[i] − depth[i − 1]`) give both back;
 * - `totalUs`: recomputed from `selfUs` (left out only when the sums come out bit-for-bit the same).
 *
 * `unpackFlame(packFlame(d))` equals `d` up to the numbering of frames and the frames no node uses.
 */
import type { FlameData, FlameFrame, FrameKind } from '../profile/flame';

export interface PackedFlame {
  version: 1;
  strings: string[];
  /** Per frame (in first-use order). */
  name: string[];
  /** Index into `strings`. */
  file: number[];
  line: number[];
  column: number[];
  /** Index into `strings`. */
  kind: number[];
  /** Per node: 0 = the next frame not seen before, else frame index + 1. */
  frame: number[];
  /** Per node after the root: depth[i] − depth[i − 1]. */
  depthStep: number[];
  selfUs: number[];
  /** Only when recomputing from `selfUs` would not give these exact numbers. */
  totalUs?: number[];
}

/** Totals from self times in pre-order: a subtree follows its root, so one backward pass. */
function totalsOf(parent: ArrayLike<number>, selfUs: ArrayLike<number>): number[] {
  const total = Array.from(selfUs);
  for (let i = total.length - 1; i > 0; i--) total[parent[i]] += total[i];
  return total;
}

export function packFlame(d: FlameData): PackedFlame {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const str = (s: string) => {
    let i = stringIndex.get(s);
    if (i === undefined) stringIndex.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const p: PackedFlame = { version: 1, strings, name: [], file: [], line: [], column: [], kind: [], frame: [], depthStep: [], selfUs: d.selfUs.slice() };
  const renumbered = new Map<number, number>();
  for (let i = 0; i < d.frame.length; i++) {
    const old = d.frame[i];
    const known = renumbered.get(old);
    if (known !== undefined) {
      p.frame.push(known + 1);
    } else {
      const f = d.frames[old];
      renumbered.set(old, p.name.length);
      p.name.push(f.name);
      p.file.push(str(f.file));
      p.line.push(f.line);
      p.column.push(f.column);
      p.kind.push(str(f.kind));
      p.frame.push(0);
    }
    if (i > 0) p.depthStep.push(d.depth[i] - d.depth[i - 1]);
  }
  const totals = totalsOf(d.parent, d.selfUs);
  if (totals.some((t, i) => t !== d.totalUs[i])) p.totalUs = d.totalUs.slice();
  return p;
}

export class PackedFlameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackedFlameError';
  }
}

export function unpackFlame(p: PackedFlame): FlameData {
  if (p.version !== 1) throw new PackedFlameError(`unknown packed flame version ${String(p.version)}`);
  const n = p.frame.length;
  if (p.selfUs.length !== n || p.depthStep.length !== Math.max(0, n - 1)) throw new PackedFlameError('packed flame columns differ in length');
  const frames: FlameFrame[] = [];
  for (let f = 0; f < p.name.length; f++) frames.push({ name: p.name[f], file: p.strings[p.file[f]], line: p.line[f], column: p.column[f], kind: p.strings[p.kind[f]] as FrameKind });
  const frame: number[] = [];
  const parent: number[] = [];
  const depth: number[] = [];
  // ancestors[d]: the latest node at depth d, the parent of the next node at depth d + 1.
  const ancestors: number[] = [];
  let nextFrame = 0;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const code = p.frame[i];
    frame.push(code === 0 ? nextFrame++ : code - 1);
    if (i > 0) {
      const step = p.depthStep[i - 1];
      // One level down at most, and never back to the root's level.
      if (step > 1 || d + step < 1) throw new PackedFlameError(`packed flame node ${i} has an impossible depth`);
      d += step;
    }
    depth.push(d);
    parent.push(d === 0 ? -1 : ancestors[d - 1]);
    ancestors[d] = i;
  }
  if (nextFrame !== frames.length) throw new PackedFlameError('packed flame frames and nodes disagree');
  return { frames, frame, parent, depth, selfUs: p.selfUs, totalUs: p.totalUs ?? totalsOf(parent, p.selfUs) };
}
