/**
 * Differential flame graph of two CPU profiles of the same code ("before" = the older run, "after" =
 * the newer one), and the normalisation that makes two runs of different lengths comparable. Pure.
 *
 * Merging: both profiles go through `buildFlame` with the same options (so the inlining correction and
 * the hidden harness frames are the same on both sides), then the two trees are merged by stack path.
 * A frame matches its counterpart under the same merged parent by name, file, line and column; one left
 * over matches by name and file when that pairing is unambiguous (an edit above a function moved it).
 *
 * Normalisation (`DiffNormalisation`): per call of the profiled function when both runs know their call
 * count (the `<profile>.coverage.json` of a function profile), else as a share of each run's sampled time
 * (as `perf-lens diff` does). A run that made twice as many calls in the same time then compares as twice
 * as fast per call, while as shares only the split between functions can change.
 *
 * Widths: a frame's self width is the larger of its two self times, the older one scaled to the newer
 * run (× sampled time ratio, or × call ratio); totals add up from there. Every frame of either run stays
 * visible — one gone from the newer run keeps its old width — and a frame unchanged in both is exactly as
 * wide as in the newer run. Colour: the change of self time in the comparison's unit (`change`).
 */
import { buildFlame, type FlameData, type FlameFrame, type FlameOptions } from './flame';
import type { CpuProfile } from './model';

/** What one run contributes to the normalisation. */
export interface RunBase {
  /** Sampled time of the run in µs (the flame root's total, the base of every share). */
  sampledUs: number;
  sampleCount: number;
  /** Calls of the profiled function during the profile, when known (a function profile's call-count file). */
  calls?: number;
}

export interface DiffNormalisation {
  /** `call`: µs per call of the profiled function; `run`: per cent of each run's sampled time. */
  mode: 'run' | 'call';
  before: RunBase;
  after: RunBase;
}

export type Verdict = 'slower' | 'faster' | 'same';

export interface TimeChange {
  /** Both sides in the comparison's unit: % of the run, or µs per call. */
  before: number;
  after: number;
  /** after − before, same unit. */
  delta: number;
  /** `same` when the change is within sampling noise or under MIN_RELATIVE_CHANGE of the larger side. */
  verdict: Verdict;
}

/** Changes smaller than this share of the larger side are called `same`, however many samples back them. */
export const MIN_RELATIVE_CHANGE = 0.05;
/** A change must exceed this many standard errors of the difference of two sample proportions. */
const NOISE_Z = 2;

export function chooseNormalisation(before: RunBase, after: RunBase): DiffNormalisation {
  const counted = (b: RunBase) => b.calls !== undefined && Number.isFinite(b.calls) && b.calls > 0;
  return { mode: counted(before) && counted(after) ? 'call' : 'run', before, after };
}

/** µs of one run in the comparison's unit. */
export function normalised(norm: DiffNormalisation, side: 'before' | 'after', us: number): number {
  const base = norm[side];
  if (norm.mode === 'call') return us / (base.calls as number);
  return base.sampledUs > 0 ? (100 * us) / base.sampledUs : 0;
}

/** Standard error of a normalised time, treating its samples as a binomial share of the run's samples. */
function standardError(norm: DiffNormalisation, side: 'before' | 'after', us: number): number {
  const base = norm[side];
  if (base.sampleCount <= 0 || base.sampledUs <= 0) return 0;
  const p = Math.min(1, Math.max(0, us / base.sampledUs));
  const unit = norm.mode === 'call' ? base.sampledUs / (base.calls as number) : 100;
  return unit * Math.sqrt((p * (1 - p)) / base.sampleCount);
}

/** One time (self or total of a function or frame) in both runs, compared. */
export function compareTimes(norm: DiffNormalisation, beforeUs: number, afterUs: number): TimeChange {
  const before = normalised(norm, 'before', beforeUs);
  const after = normalised(norm, 'after', afterUs);
  const delta = after - before;
  const noise = NOISE_Z * Math.hypot(standardError(norm, 'before', beforeUs), standardError(norm, 'after', afterUs));
  const same = delta === 0 || Math.abs(delta) <= noise || Math.abs(delta) < MIN_RELATIVE_CHANGE * Math.max(before, after);
  return { before, after, delta, verdict: same ? 'same' : delta > 0 ? 'slower' : 'faster' };
}

/** Factor that turns µs of the older run into µs of the newer one. */
export function beforeToAfterScale(norm: DiffNormalisation): number {
  if (norm.mode === 'call') return (norm.after.calls as number) / (norm.before.calls as number);
  return norm.before.sampledUs > 0 ? norm.after.sampledUs / norm.before.sampledUs : 1;
}

/**
 * The merged tree, pre-order as `FlameData` (so `layoutFlame`, `nodeAt`, `matchingFrames` work on it).
 * `selfUs` / `totalUs` are the drawn widths in µs of the newer run (see the file comment); the raw times
 * of each run are kept beside them.
 */
export interface DiffFlameData extends FlameData {
  beforeSelfUs: number[];
  beforeTotalUs: number[];
  afterSelfUs: number[];
  afterTotalUs: number[];
  /**
   * Colour of each frame: the self-time change relative to the larger side, from −1 (gone, or all of
   * it saved) to +1 (new, or all of it added); 0 when `compareTimes` calls it `same`.
   */
  change: number[];
  norm: DiffNormalisation;
}

export interface DiffFlameOptions extends FlameOptions {
  /** Calls of the profiled function in each run, when known: the comparison is then per call. */
  beforeCalls?: number;
  afterCalls?: number;
}

/** Both profiles through `buildFlame` with the same options, merged by `diffFlames`. */
export function buildDiffFlame(before: CpuProfile, after: CpuProfile, options: DiffFlameOptions = {}): DiffFlameData {
  const { beforeCalls, afterCalls, ...flameOptions } = options;
  const a = buildFlame(before, flameOptions);
  const b = buildFlame(after, flameOptions);
  const norm = chooseNormalisation(
    { sampledUs: a.totalUs[0] ?? 0, sampleCount: before.samples.length, calls: beforeCalls },
    { sampledUs: b.totalUs[0] ?? 0, sampleCount: after.samples.length, calls: afterCalls },
  );
  return diffFlames(a, b, norm);
}

/** Children of every node of a pre-order flame, in their order. */
function childLists(data: FlameData): number[][] {
  const kids: number[][] = data.frame.map(() => []);
  for (let i = 1; i < data.frame.length; i++) if (data.parent[i] >= 0) kids[data.parent[i]].push(i);
  return kids;
}

const exactKey = (f: FlameFrame) => `${f.name}\u0000${f.file}\u0000${f.line}\u0000${f.column}`;
const looseKey = (f: FlameFrame) => `${f.name}\u0000${f.file}`;
const sameExact = (x: FlameFrame, y: FlameFrame) => x.line === y.line && x.column === y.column && x.name === y.name && x.file === y.file;
const sameLoose = (x: FlameFrame, y: FlameFrame) => x.name === y.name && x.file === y.file;
/** Above this many sibling pairs, matching goes through keyed maps instead of comparing every pair. */
const PAIRWISE_LIMIT = 256;

/** Indices into `list` of the entries whose key occurs exactly once there. */
function uniqueByKey(list: readonly number[], key: (i: number) => string): Map<string, number> {
  const seen = new Map<string, number>();
  for (const i of list) {
    const k = key(i);
    seen.set(k, seen.has(k) ? -1 : i);
  }
  return seen;
}

/**
 * Pairs of (before child, after child) under one merged node; −1 for a side without one. First by exact
 * key (name, file, line, column); then what is left by loose key (name and file) when exactly one child
 * on each side has it: a function an edit above it moved.
 */
function matchChildren(a: FlameData, kidsA: readonly number[], b: FlameData, kidsB: readonly number[]): [number, number][] {
  const pairs: [number, number][] = [];
  if (kidsA.length === 0 || kidsB.length === 0) {
    for (const i of kidsA) pairs.push([i, -1]);
    for (const j of kidsB) pairs.push([-1, j]);
    return pairs;
  }
  const fa = (i: number) => a.frames[a.frame[i]];
  const fb = (j: number) => b.frames[b.frame[j]];
  const takenB = new Set<number>();
  const pair = (i: number, j: number) => {
    takenB.add(j);
    pairs.push([i, j]);
  };
  let leftA: number[] = [];
  if (kidsA.length * kidsB.length <= PAIRWISE_LIMIT) {
    for (const i of kidsA) {
      const j = kidsB.find((c) => !takenB.has(c) && sameExact(fa(i), fb(c)));
      if (j === undefined) leftA.push(i);
      else pair(i, j);
    }
  } else {
    const byExact = new Map<string, number[]>();
    for (const j of kidsB) {
      const k = exactKey(fb(j));
      const list = byExact.get(k);
      if (list) list.push(j);
      else byExact.set(k, [j]);
    }
    for (const i of kidsA) {
      const j = byExact.get(exactKey(fa(i)))?.find((c) => !takenB.has(c));
      if (j === undefined) leftA.push(i);
      else pair(i, j);
    }
  }
  const leftB = takenB.size === kidsB.length ? [] : kidsB.filter((j) => !takenB.has(j));
  if (leftA.length > 0 && leftB.length > 0) {
    const stillA: number[] = [];
    if (leftA.length * leftB.length <= PAIRWISE_LIMIT) {
      for (const i of leftA) {
        const sameA = leftA.filter((x) => sameLoose(fa(x), fa(i)));
        const sameB = leftB.filter((y) => sameLoose(fb(y), fa(i)));
        if (sameA.length === 1 && sameB.length === 1) pair(i, sameB[0]);
        else stillA.push(i);
      }
    } else {
      const onlyA = uniqueByKey(leftA, (i) => looseKey(fa(i)));
      const onlyB = uniqueByKey(leftB, (j) => looseKey(fb(j)));
      for (const i of leftA) {
        const k = looseKey(fa(i));
        const j = onlyB.get(k);
        if (onlyA.get(k) === i && j !== undefined && j >= 0) pair(i, j);
        else stillA.push(i);
      }
    }
    leftA = stillA;
  }
  for (const i of leftA) pairs.push([i, -1]);
  for (const j of leftB) if (!takenB.has(j)) pairs.push([-1, j]);
  return pairs;
}

/** Merges two flames (`a` older, `b` newer) by stack path; see the file comment for widths and colours. */
export function diffFlames(a: FlameData, b: FlameData, norm: DiffNormalisation): DiffFlameData {
  const scale = beforeToAfterScale(norm);
  const kidsA = childLists(a);
  const kidsB = childLists(b);

  // Merged frames: the newer run's frame table, then the older run's frames met only in its own stacks
  // (a function in both runs may then have two entries: harmless, as frames only name and search).
  const frames: FlameFrame[] = [{ name: '(root)', file: '', line: 0, column: 0, kind: 'root' }];
  const mergedOfA = new Int32Array(a.frames.length).fill(-1);
  const mergedOfB = new Int32Array(b.frames.length).fill(-1);
  const frameOf = (i: number, j: number): number => {
    const [data, merged, f] = j >= 0 ? [b, mergedOfB, b.frame[j]] : [a, mergedOfA, a.frame[i]];
    if (merged[f] < 0) {
      frames.push({ ...data.frames[f] });
      merged[f] = frames.length - 1;
    }
    return merged[f];
  };

  // Merged nodes in creation order (parents before children).
  const mFrame: number[] = [0];
  const mParent: number[] = [-1];
  const mA: number[] = [a.frame.length > 0 ? 0 : -1];
  const mB: number[] = [b.frame.length > 0 ? 0 : -1];
  const none: number[] = [];
  for (let m = 0; m < mFrame.length; m++) {
    const i = mA[m];
    const j = mB[m];
    for (const [ci, cj] of matchChildren(a, i >= 0 ? kidsA[i] : none, b, j >= 0 ? kidsB[j] : none)) {
      mFrame.push(frameOf(ci, cj));
      mParent.push(m);
      mA.push(ci);
      mB.push(cj);
    }
  }

  const count = mFrame.length;
  const selfA = (m: number) => (mA[m] >= 0 ? a.selfUs[mA[m]] : 0);
  const selfB = (m: number) => (mB[m] >= 0 ? b.selfUs[mB[m]] : 0);
  const width = new Float64Array(count);
  for (let m = count - 1; m >= 0; m--) {
    width[m] += Math.max(selfB(m), selfA(m) * scale);
    if (mParent[m] >= 0) width[mParent[m]] += width[m];
  }

  // Children hottest first (ties by name), then pre-order renumbering.
  const kids: number[][] = mFrame.map(() => []);
  for (let m = 1; m < count; m++) kids[mParent[m]].push(m);
  const out: DiffFlameData = {
    frames,
    frame: [],
    parent: [],
    depth: [],
    selfUs: [],
    totalUs: [],
    beforeSelfUs: [],
    beforeTotalUs: [],
    afterSelfUs: [],
    afterTotalUs: [],
    change: [],
    norm,
  };
  const newIndex = new Int32Array(count);
  const work = [0];
  while (work.length > 0) {
    const m = work.pop()!;
    const idx = out.frame.length;
    newIndex[m] = idx;
    const p = mParent[m];
    const sa = selfA(m);
    const sb = selfB(m);
    const ownWidth = Math.max(sb, sa * scale);
    out.frame.push(mFrame[m]);
    out.parent.push(p < 0 ? -1 : newIndex[p]);
    out.depth.push(p < 0 ? 0 : out.depth[newIndex[p]] + 1);
    out.selfUs.push(ownWidth);
    out.totalUs.push(width[m]);
    out.beforeSelfUs.push(sa);
    out.beforeTotalUs.push(mA[m] >= 0 ? a.totalUs[mA[m]] : 0);
    out.afterSelfUs.push(sb);
    out.afterTotalUs.push(mB[m] >= 0 ? b.totalUs[mB[m]] : 0);
    const c = compareTimes(norm, sa, sb);
    const larger = Math.max(c.before, c.after);
    out.change.push(c.verdict === 'same' || larger <= 0 ? 0 : c.delta / larger);
    const sorted = kids[m].slice().sort((x, y) => {
      const nx = frames[mFrame[x]].name;
      const ny = frames[mFrame[y]].name;
      return width[y] - width[x] || (nx < ny ? -1 : nx > ny ? 1 : 0);
    });
    for (let k = sorted.length - 1; k >= 0; k--) if (width[sorted[k]] > 0) work.push(sorted[k]);
  }
  return out;
}
