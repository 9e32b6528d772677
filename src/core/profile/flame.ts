/**
 * Flame graph of a CPU profile: identical stacks merged by function identity, self and total µs per
 * frame, frames hidden by a predicate (their children spliced up into the nearest shown ancestor), and a
 * layout (x offset and width in [0, 1], depth) that a canvas renderer consumes. Pure and iterative:
 * profiles of 100k nodes nest deeper than the JS stack allows recursing.
 *
 * `FlameData` is flat (parallel arrays in pre-order) so that it crosses `postMessage` as plain JSON and a
 * subtree is one contiguous range: node i's subtree is i … end(i) − 1.
 */
import type { CpuProfile } from './model';
import { fileOfUrl, sampleTimes, type FunctionAt } from './hotspots';

export type FrameKind = 'user' | 'node' | 'module' | 'native' | 'gc' | 'idle' | 'program' | 'root';

/** A distinct function (merged by script URL, position and name). */
export interface FlameFrame {
  name: string;
  /** A path for local files, else the URL as V8 gave it (`node:fs`); '' for natives and pseudo-frames. */
  file: string;
  /** 1-based; 0 when unknown. */
  line: number;
  /** 1-based; 0 when unknown. */
  column: number;
  kind: FrameKind;
}

export interface FlameData {
  frames: FlameFrame[];
  /** Per node, in pre-order (parent before children, a subtree contiguous); node 0 is the root. */
  frame: number[];
  /** −1 for the root. */
  parent: number[];
  depth: number[];
  selfUs: number[];
  totalUs: number[];
}

export interface FlameOptions {
  /** Frames left out by script URL (a profiling harness's loop); their children move up, their self time stays with the parent. */
  hidden?: (url: string) => boolean;
  /**
   * The function whose source range holds a 1-based line of a script, if known (as for computeHotspots).
   * With it, a frame's ticks on lines of another function (one V8 inlined into it) go to a child frame of
   * that function, so the graph shows the functions as written.
   */
  enclosingFunction?: (url: string, line: number) => FunctionAt | undefined;
}

const PSEUDO_KIND: Record<string, FrameKind> = {
  '(root)': 'root',
  '(garbage collector)': 'gc',
  '(idle)': 'idle',
  '(program)': 'program',
};

/** Which kind of code a file of a frame or hot spot is: the "my code only" filter keeps `user`. */
export function kindOfFile(file: string): 'user' | 'node' | 'module' | 'native' {
  if (file === '') return 'native';
  if (file.startsWith('node:')) return 'node';
  if (/[\\/]node_modules[\\/]/.test(file)) return 'module';
  if (file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file) || file.startsWith('file://')) return 'user';
  return 'native';
}

export function buildFlame(profile: CpuProfile, options: FlameOptions = {}): FlameData {
  const hidden = options.hidden ?? (() => false);
  // Each sample lasts until the next one, the last until endTime: the same count as hot spots (typed arrays, one pass).
  const self = sampleTimes(profile);
  const indexOfId = new Map<number, number>();
  profile.nodes.forEach((n, i) => indexOfId.set(n.id, i));

  // Frames, interned.
  const frames: FlameFrame[] = [{ name: '(root)', file: '', line: 0, column: 0, kind: 'root' }];
  const frameIndex = new Map<string, number>();
  /** A function placed where the source says it starts: frames met directly and through inlined ticks are one. */
  const sourceFrame = (url: string, fn: FunctionAt): number => {
    const key = `${url}\u0001${fn.line}\u0000${fn.column}`;
    let f = frameIndex.get(key);
    if (f === undefined) {
      const file = fileOfUrl(url);
      frames.push({ name: fn.name, file, line: fn.line, column: fn.column, kind: kindOfFile(file) });
      f = frames.length - 1;
      frameIndex.set(key, f);
    }
    return f;
  };
  const frameOf = (i: number): number => {
    const { functionName, url, lineNumber, columnNumber } = profile.nodes[i].callFrame;
    const key = `${url}\u0000${lineNumber}\u0000${columnNumber}\u0000${functionName}`;
    let f = frameIndex.get(key);
    if (f === undefined) {
      const home = url === '' || !options.enclosingFunction ? undefined : options.enclosingFunction(url, lineNumber + 1);
      if (home && home.line === lineNumber + 1) {
        f = sourceFrame(url, { name: functionName || home.name, line: home.line, column: home.column });
      } else {
        const file = fileOfUrl(url);
        const kind = PSEUDO_KIND[functionName] ?? kindOfFile(file);
        const known = url !== '' && lineNumber >= 0;
        frames.push({ name: functionName || '(anonymous)', file, line: known ? lineNumber + 1 : 0, column: known ? columnNumber + 1 : 0, kind });
        f = frames.length - 1;
      }
      frameIndex.set(key, f);
    }
    return f;
  };

  // Merged tree in creation order (a parent is always created before its children).
  const nFrame: number[] = [0];
  const nParent: number[] = [-1];
  const nSelf: number[] = [0];
  // (parent, frame) → child, in an open-addressing table on typed arrays: a Map with numeric pair keys
  // spends most of its time boxing doubles on 100k-node profiles.
  let slots = 1 << Math.max(4, Math.ceil(Math.log2(profile.nodes.length * 2 + 2)));
  let keyParent = new Int32Array(slots).fill(-1);
  let keyFrame = new Int32Array(slots);
  let value = new Int32Array(slots);
  const slotOf = (parent: number, frame: number, kp: Int32Array, kf: Int32Array, mask: number): number => {
    let h = (Math.imul(parent, 0x9e3779b1) ^ Math.imul(frame, 0x85ebca6b)) & mask;
    while (kp[h] !== -1 && (kp[h] !== parent || kf[h] !== frame)) h = (h + 1) & mask;
    return h;
  };
  const grow = () => {
    const [op, of, ov] = [keyParent, keyFrame, value];
    slots *= 2;
    keyParent = new Int32Array(slots).fill(-1);
    keyFrame = new Int32Array(slots);
    value = new Int32Array(slots);
    for (let i = 0; i < op.length; i++) {
      if (op[i] === -1) continue;
      const h = slotOf(op[i], of[i], keyParent, keyFrame, slots - 1);
      keyParent[h] = op[i];
      keyFrame[h] = of[i];
      value[h] = ov[i];
    }
  };
  const child = (parent: number, frame: number): number => {
    const h = slotOf(parent, frame, keyParent, keyFrame, slots - 1);
    if (keyParent[h] !== -1) return value[h];
    const c = nFrame.length;
    nFrame.push(frame);
    nParent.push(parent);
    nSelf.push(0);
    keyParent[h] = parent;
    keyFrame[h] = frame;
    value[h] = c;
    if (nFrame.length * 2 > slots) grow();
    return c;
  };

  // Work on typed arrays filled in one sequential pass each: walking the node objects in stack order
  // jumps around memory, which dominated the time on 100k-node profiles.
  const n = profile.nodes.length;
  const parentOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const kids = profile.nodes[i].children;
    if (!kids) continue;
    for (const c of kids) {
      const ci = indexOfId.get(c);
      if (ci !== undefined && ci !== i) parentOf[ci] = i;
    }
  }
  const ROOT = -2;
  const HIDDEN = -1;
  const frameOfNode = new Int32Array(n);
  const selfOfNode = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const { functionName, url } = profile.nodes[i].callFrame;
    if (functionName === '(root)' && parentOf[i] === -1) frameOfNode[i] = ROOT;
    else if (url !== '' && hidden(url)) frameOfNode[i] = HIDDEN;
    else frameOfNode[i] = frameOf(i);
    selfOfNode[i] = self.get(profile.nodes[i].id) ?? 0;
  }
  // Parents before children: V8 lists nodes that way; otherwise (or on a malformed file) a depth-first order
  // from the roots, where nodes on a cycle are never reached.
  let order: Int32Array | undefined;
  for (let i = 0; i < n; i++) {
    if (parentOf[i] >= i) {
      order = depthFirstOrder(parentOf);
      break;
    }
  }
  const flameOf = new Int32Array(n);
  const count0 = order ? order.length : n;
  for (let k = 0; k < count0; k++) {
    const i = order ? order[k] : k;
    const p = parentOf[i];
    const parentFlame = p < 0 ? 0 : flameOf[p];
    const f = frameOfNode[i];
    const at = f === ROOT ? 0 : f === HIDDEN ? parentFlame : child(parentFlame, f);
    flameOf[i] = at;
    if (f >= 0 && selfOfNode[i] > 0 && options.enclosingFunction) splitInlined(i, at, selfOfNode[i], options.enclosingFunction);
    else nSelf[at] += selfOfNode[i];
  }

  /** Self time of node i by its position ticks: lines inside an inlined callee go to a child frame of that callee. */
  function splitInlined(i: number, at: number, own: number, enclosing: (url: string, line: number) => FunctionAt | undefined): void {
    const node = profile.nodes[i];
    const ticks = node.positionTicks ?? [];
    let tickSum = 0;
    for (const pt of ticks) tickSum += pt.ticks;
    if (tickSum === 0) {
      nSelf[at] += own;
      return;
    }
    const url = node.callFrame.url;
    const home = enclosing(url, node.callFrame.lineNumber + 1);
    for (const pt of ticks) {
      const us = (own * pt.ticks) / tickSum;
      const lineUrl = pt.url ?? url;
      const fn = enclosing(lineUrl, pt.line);
      if (fn && (lineUrl !== url || (home && (fn.line !== home.line || fn.column !== home.column)))) {
        nSelf[child(at, sourceFrame(lineUrl, fn))] += us;
      } else {
        nSelf[at] += us;
      }
    }
  }

  // Totals: children come after parents, so one backward pass.
  const count = nFrame.length;
  const total = new Float64Array(count);
  for (let i = count - 1; i >= 0; i--) {
    total[i] += nSelf[i];
    if (nParent[i] >= 0) total[nParent[i]] += total[i];
  }

  // Children lists (CSR), hottest first (ties by name, for a stable picture).
  const childCount = new Int32Array(count + 1);
  for (let i = 1; i < count; i++) childCount[nParent[i] + 1]++;
  for (let i = 1; i <= count; i++) childCount[i] += childCount[i - 1];
  const start = childCount.slice(0, count);
  const children = new Int32Array(Math.max(0, count - 1));
  const fill = start.slice();
  for (let i = 1; i < count; i++) children[fill[nParent[i]]++] = i;
  for (let p = 0; p < count; p++) {
    const from = start[p];
    const to = p + 1 < count ? start[p + 1] : count - 1;
    if (to - from > 1) {
      const sorted = Array.from(children.subarray(from, to)).sort(
        (a, b) => total[b] - total[a] || (frames[nFrame[a]].name < frames[nFrame[b]].name ? -1 : frames[nFrame[a]].name > frames[nFrame[b]].name ? 1 : 0),
      );
      children.set(sorted, from);
    }
  }

  // Pre-order renumbering.
  const out: FlameData = { frames, frame: [], parent: [], depth: [], selfUs: [], totalUs: [] };
  const newIndex = new Int32Array(count);
  const work: number[] = [0];
  while (work.length > 0) {
    const old = work.pop()!;
    const idx = out.frame.length;
    newIndex[old] = idx;
    const p = nParent[old];
    out.frame.push(nFrame[old]);
    out.parent.push(p < 0 ? -1 : newIndex[p]);
    out.depth.push(p < 0 ? 0 : out.depth[newIndex[p]] + 1);
    out.selfUs.push(nSelf[old]);
    out.totalUs.push(total[old]);
    const from = start[old];
    const to = old + 1 < count ? start[old + 1] : count - 1;
    // Subtrees without a single sample are left out: nothing to draw, and less to post.
    for (let k = to - 1; k >= from; k--) if (total[children[k]] > 0) work.push(children[k]);
  }
  return out;
}

/** Node indices, parents before children, from a parent table (−1: a root); unreachable nodes left out. */
function depthFirstOrder(parentOf: Int32Array): Int32Array {
  const n = parentOf.length;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (parentOf[i] >= 0) start[parentOf[i] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const kids = new Int32Array(start[n]);
  for (let i = 0; i < n; i++) if (parentOf[i] >= 0) kids[fill[parentOf[i]]++] = i;
  const out: number[] = [];
  const stack: number[] = [];
  for (let i = n - 1; i >= 0; i--) if (parentOf[i] === -1) stack.push(i);
  while (stack.length > 0) {
    const i = stack.pop()!;
    out.push(i);
    for (let k = start[i + 1] - 1; k >= start[i]; k--) stack.push(kids[k]);
  }
  return Int32Array.from(out);
}

/** One past the last node of node i's subtree (pre-order). */
export function subtreeEnd(data: FlameData, i: number): number {
  const d = data.depth[i];
  let j = i + 1;
  while (j < data.depth.length && data.depth[j] > d) j++;
  return j;
}

export interface FlameLayout {
  /** Left edge in [0, 1] of the view. */
  x: Float64Array;
  /** Width in [0, 1]; 0 for nodes out of view (outside the focused subtree and not its ancestors). */
  width: Float64Array;
  /** Row of each node (the root is row 0). */
  depth: Int32Array;
  /** Deepest row with a visible node. */
  maxDepth: number;
}

/**
 * Places every node for a view focused on `focus` (a zoomed subtree; 0 = everything): the focus spans
 * the full width, its ancestors too (as the path back to the root), its descendants proportionally to
 * their total time. Nodes narrower than `minWidth` are left out with their subtrees (width 0).
 */
export function layoutFlame(data: FlameData, focus = 0, minWidth = 0): FlameLayout {
  const n = data.frame.length;
  const x = new Float64Array(n);
  const width = new Float64Array(n);
  const depth = Int32Array.from(data.depth);
  if (n === 0) return { x, width, depth, maxDepth: 0 };
  if (focus < 0 || focus >= n) focus = 0;
  for (let a = data.parent[focus]; a >= 0; a = data.parent[a]) width[a] = 1;
  const base = data.totalUs[focus];
  const end = subtreeEnd(data, focus);
  width[focus] = 1;
  let maxDepth = depth[focus];
  // Where the next child of each node starts: children follow their parent in pre-order.
  const cursor = new Float64Array(n);
  cursor[focus] = 0;
  for (let i = focus + 1; i < end; i++) {
    const p = data.parent[i];
    if (width[p] === 0) continue; // parent left out
    const w = base > 0 ? data.totalUs[i] / base : 0;
    const left = cursor[p];
    cursor[p] = left + w;
    if (w <= 0 || w < minWidth) continue;
    x[i] = left;
    width[i] = w;
    cursor[i] = left;
    if (depth[i] > maxDepth) maxDepth = depth[i];
  }
  return { x, width, depth, maxDepth };
}

/** Node shown at (x in [0, 1], row), if any: the renderer's hit test for hover and click. */
export function nodeAt(data: FlameData, layout: FlameLayout, x: number, row: number): number | undefined {
  for (let i = 0; i < data.frame.length; i++) {
    if (layout.depth[i] !== row) continue;
    const w = layout.width[i];
    if (w > 0 && x >= layout.x[i] && x < layout.x[i] + w) return i;
  }
  return undefined;
}

/** Frames whose name or file contains `query` (case-insensitive); empty for an empty query. */
export function matchingFrames(data: FlameData, query: string): Set<number> {
  const q = query.trim().toLowerCase();
  const out = new Set<number>();
  if (q === '') return out;
  data.frames.forEach((f, i) => {
    if (f.name.toLowerCase().includes(q) || f.file.toLowerCase().includes(q)) out.add(i);
  });
  return out;
}
