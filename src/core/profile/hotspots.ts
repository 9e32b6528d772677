/**
 * Hot spots of a CPU profile: self and total time per function, hot lines, and the time V8 spent outside
 * JavaScript (GC, idle, program). Pure: the runner supplies anything that needs the file system (the
 * enclosing-function lookup that corrects for inlining).
 */
import type { CpuProfile, ProfileNode } from './model';

/** A function in the user's source, 1-based line and column. */
export interface FunctionAt {
  name: string;
  line: number;
  column: number;
}

export interface HotspotOptions {
  /**
   * The function whose source range holds a 1-based line of a script (by its profile URL), if known.
   * With it, ticks that V8 charged to a caller because it inlined the callee go back to the callee.
   */
  enclosingFunction?: (url: string, line: number) => FunctionAt | undefined;
  /** Only functions and lines of the user's files: no `node:` internals, no `node_modules`, no V8 pseudo-frames. */
  myCodeOnly?: boolean;
  /** Frames left out of the lists (a profiling harness's own loop); their time stays in the base. */
  hidden?: (url: string) => boolean;
  /**
   * Exact calls of the function that starts at a 1-based line and column of a script (by its profile
   * URL), named `name`; undefined when unknown. Fills `Hotspot.calls` (see call-counts.ts).
   */
  callCount?: (url: string, line: number, column: number, name: string) => number | undefined;
  /** Longest lists returned (default 100 each). */
  limit?: number;
}

export interface Hotspot {
  functionName: string;
  /** A path for local files (from the profile's file:// URL), else the URL as V8 gave it (`node:fs`). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  selfMs: number;
  selfPercent: number;
  totalMs: number;
  totalPercent: number;
  /** Exact call count, when precise coverage was taken; null otherwise. */
  calls: number | null;
}

export interface HotLine {
  file: string;
  line: number;
  selfMs: number;
  selfPercent: number;
}

export interface HotspotReport {
  /** endTime − startTime. */
  durationMs: number;
  sampleCount: number;
  /** Sum of the samples' durations: the base of every percentage. */
  sampledMs: number;
  /** Median time between samples: the sampling interval actually achieved. */
  intervalUs: number;
  /** Time in V8's pseudo-frames, kept apart from the functions. */
  gcMs: number;
  idleMs: number;
  programMs: number;
  hotspots: Hotspot[];
  hotLines: HotLine[];
}

const PSEUDO = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

/** `file:///a/b%20c.js` → `/a/b c.js` (and `file:///C:/x.js` → `C:/x.js`); other URLs unchanged. */
export function fileOfUrl(url: string): string {
  if (!url.startsWith('file://')) return url;
  let p = decodeURIComponent(url.slice('file://'.length));
  if (/^\/[A-Za-z]:\//.test(p)) p = p.slice(1);
  return p;
}

function isUserCode(url: string): boolean {
  if (url === '' || url.startsWith('node:') || url.includes('/node_modules/')) return false;
  return url.startsWith('file://') || url.startsWith('/') || /^[A-Za-z]:[\\/]/.test(url);
}

interface FnAcc {
  functionName: string;
  url: string;
  line: number;
  column: number;
  selfUs: number;
  totalUs: number;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Time per node id: each sample lasts until the next one, the last until endTime (as DevTools counts).
 * The loop runs once per sample (millions in a big profile), so node ids are looked up in a typed
 * array when they are small integers, as V8 numbers them, and in a Map otherwise.
 */
export function sampleTimes(profile: CpuProfile): Map<number, number> {
  const { samples, timeDeltas: deltas } = profile;
  let maxId = 0;
  for (const n of profile.nodes) if (n.id > maxId) maxId = n.id;
  const dense = Number.isInteger(maxId) && maxId >= 0 && maxId <= 4 * profile.nodes.length + 1024;
  const perId = dense ? new Float64Array(maxId + 1) : undefined;
  const sparse = dense ? undefined : new Map<number, number>();
  let at = profile.startTime + Math.max(0, deltas[0] ?? 0);
  for (let i = 0; i < samples.length; i++) {
    const next = i + 1 < samples.length ? at + Math.max(0, deltas[i + 1]) : Math.max(profile.endTime, at);
    const d = next - at;
    const id = samples[i];
    if (perId) perId[id] += d;
    else sparse!.set(id, (sparse!.get(id) ?? 0) + d);
    at = next;
  }
  if (sparse) return sparse;
  const out = new Map<number, number>();
  for (const n of profile.nodes) if (perId![n.id] > 0) out.set(n.id, perId![n.id]);
  return out;
}

/**
 * What must hold for every hot-spot report: no function's total exceeds the sampled time, no self
 * exceeds its total, nothing is negative. One sentence per broken rule; empty when all hold.
 * Times are rounded to µs in the report, so each comparison allows 1 µs per rounded term.
 */
export function hotspotInvariantViolations(report: HotspotReport): string[] {
  const out: string[] = [];
  const eps = 0.002;
  for (const h of report.hotspots) {
    const where = `${h.functionName} (${h.file}:${h.line}:${h.column})`;
    if (h.selfMs < 0 || h.totalMs < 0) out.push(`${where}: negative time (self ${h.selfMs} ms, total ${h.totalMs} ms)`);
    if (h.totalMs > report.sampledMs + eps) out.push(`${where}: total ${h.totalMs} ms exceeds the sampled ${report.sampledMs} ms (${h.totalPercent}%)`);
    if (h.selfMs > h.totalMs + eps) out.push(`${where}: self ${h.selfMs} ms exceeds its total ${h.totalMs} ms`);
  }
  for (const l of report.hotLines) {
    if (l.selfMs > report.sampledMs + eps) out.push(`${l.file}:${l.line}: self ${l.selfMs} ms exceeds the sampled ${report.sampledMs} ms`);
  }
  return out;
}

export function computeHotspots(profile: CpuProfile, options: HotspotOptions = {}): HotspotReport {
  const limit = options.limit ?? 100;
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) byId.set(n.id, n);

  // Each sample lasts until the next one; the last until endTime (as DevTools counts them). One pass,
  // no per-sample arrays: big profiles hold millions of samples.
  const selfUs = sampleTimes(profile);
  let sampledUs = 0;
  for (const us of selfUs.values()) sampledUs += us;

  // Roots: nodes nobody lists as a child (normally one, "(root)").
  const isChild = new Set<number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) isChild.add(c);
  const roots = profile.nodes.filter((n) => !isChild.has(n.id));

  const fns = new Map<string, FnAcc>();
  // A function is its place in a script (names repeat: `map`, `(anonymous)`); built-ins without a
  // script are told apart by name.
  const fnOf = (url: string, name: string, line: number, column: number): FnAcc => {
    const key = url === '' ? `\u0000${name}` : `${url}\u0000${line}\u0000${column}`;
    let f = fns.get(key);
    if (!f) fns.set(key, (f = { functionName: name, url, line, column, selfUs: 0, totalUs: 0 }));
    return f;
  };
  const nodeFn = (n: ProfileNode) => {
    const { url, functionName, lineNumber, columnNumber } = n.callFrame;
    // With the source at hand, place the function where the source says it starts, so that the same
    // function met through inlined ticks (placed by the source too) is one row, not two.
    const home = url === '' ? undefined : options.enclosingFunction?.(url, lineNumber + 1);
    if (home && home.line === lineNumber + 1) return fnOf(url, functionName || home.name, home.line, home.column);
    return fnOf(url, functionName || '(anonymous)', lineNumber + 1, columnNumber + 1);
  };

  let gcUs = 0;
  let idleUs = 0;
  let programUs = 0;
  const lines = new Map<string, { url: string; line: number; us: number }>();
  const lineAcc = (url: string, line: number, us: number) => {
    const key = `${url}\u0000${line}`;
    const l = lines.get(key);
    if (l) l.us += us;
    else lines.set(key, { url, line, us });
  };

  // Total time per node (post-order), and per function counted once per stack: a recursive function's
  // inner frames are inside its outer frame's total already. The same holds after the inlining
  // correction: a tick moved to a function that is on the stack already (a caller and an inlinee that
  // map to one enclosing function, or recursion) is inside that frame's total, so a function's total
  // counts each sample at most once and never exceeds the sampled time.
  const totalUs = new Map<number, number>();
  const active = new Map<FnAcc, number>();
  // Iterative DFS: real profiles nest deeper than the JS stack allows recursing.
  const enter = (node: ProfileNode) => {
    const frame: { node: ProfileNode; child: number; fn?: FnAcc } = { node, child: 0 };
    if (!PSEUDO.has(node.callFrame.functionName)) {
      frame.fn = nodeFn(node);
      active.set(frame.fn, (active.get(frame.fn) ?? 0) + 1);
    }
    return frame;
  };
  const work = roots.slice().reverse().map(enter);
  while (work.length > 0) {
    const top = work[work.length - 1];
    const children = top.node.children ?? [];
    if (top.child < children.length) {
      const child = byId.get(children[top.child++]);
      if (child) work.push(enter(child));
      continue;
    }
    work.pop();
    const own = selfUs.get(top.node.id) ?? 0;
    let total = own;
    for (const c of children) total += totalUs.get(c) ?? 0;
    totalUs.set(top.node.id, total);
    const name = top.node.callFrame.functionName;
    if (name === '(garbage collector)') gcUs += own;
    else if (name === '(idle)') idleUs += own;
    else if (name === '(program)') programUs += own;
    if (!top.fn) continue;
    // While this frame is still active: ticks moved to a function on this stack are already in its total.
    if (own > 0) attributeSelf(top.node, top.fn, own);
    const count = active.get(top.fn)! - 1;
    if (count === 0) active.delete(top.fn);
    else active.set(top.fn, count);
    // Counted only at the outermost frame of this function on the stack.
    if (count === 0) top.fn.totalUs += total;
  }

  function attributeSelf(node: ProfileNode, fn: FnAcc, own: number): void {
    const ticks = node.positionTicks ?? [];
    const tickSum = ticks.reduce((s, x) => s + x.ticks, 0);
    if (tickSum === 0) {
      fn.selfUs += own;
      return;
    }
    const url = node.callFrame.url;
    const home = options.enclosingFunction?.(url, fn.line);
    for (const pt of ticks) {
      const us = (own * pt.ticks) / tickSum;
      // A remapped profile may put a line in another source than the frame (see remap.ts).
      const lineUrl = pt.url ?? url;
      lineAcc(lineUrl, pt.line, us);
      // Inlining: a ticked line inside another function of the same script belongs to that function.
      const at = options.enclosingFunction?.(lineUrl, pt.line);
      if (at && (lineUrl !== url || (home && (at.line !== home.line || at.column !== home.column)))) {
        const callee = fnOf(lineUrl, at.name, at.line, at.column);
        callee.selfUs += us;
        // It ran inside this frame, so it is part of the callee's total too, unless the callee is on
        // this stack already: then its outermost frame's total holds this time (counted once).
        if (!active.has(callee)) callee.totalUs += us;
      } else {
        fn.selfUs += us;
      }
    }
  }

  const pct = (us: number) => (sampledUs > 0 ? round((100 * us) / sampledUs, 2) : 0);
  const keep = (url: string) => (!options.myCodeOnly || isUserCode(url)) && !options.hidden?.(url);
  const hotspots = [...fns.values()]
    .filter((f) => (f.selfUs > 0 || f.totalUs > 0) && keep(f.url))
    .sort((a, b) => b.selfUs - a.selfUs || b.totalUs - a.totalUs)
    .slice(0, limit)
    .map<Hotspot>((f) => ({
      functionName: f.functionName,
      file: fileOfUrl(f.url),
      line: f.line,
      column: f.column,
      selfMs: round(f.selfUs / 1000),
      selfPercent: pct(f.selfUs),
      totalMs: round(f.totalUs / 1000),
      totalPercent: pct(f.totalUs),
      calls: (f.url === '' ? undefined : options.callCount?.(f.url, f.line, f.column, f.functionName)) ?? null,
    }));
  const hotLines = [...lines.values()]
    .filter((l) => l.us > 0 && keep(l.url))
    .sort((a, b) => b.us - a.us)
    .slice(0, limit)
    .map<HotLine>((l) => ({ file: fileOfUrl(l.url), line: l.line, selfMs: round(l.us / 1000), selfPercent: pct(l.us) }));

  // The achieved interval: the median gap, over at most 100k evenly spaced samples (exact below that).
  const deltas = profile.timeDeltas;
  const stride = Math.max(1, Math.floor(deltas.length / 100_000));
  const picked: number[] = [];
  for (let i = 0; i < deltas.length; i += stride) if (deltas[i] > 0) picked.push(deltas[i]);
  const sorted = picked.sort((a, b) => a - b);
  return {
    durationMs: round((profile.endTime - profile.startTime) / 1000),
    sampleCount: profile.samples.length,
    sampledMs: round(sampledUs / 1000),
    intervalUs: sorted.length > 0 ? sorted[sorted.length >> 1] : 0,
    gcMs: round(gcUs / 1000),
    idleMs: round(idleUs / 1000),
    programMs: round(programUs / 1000),
    hotspots,
    hotLines,
  };
}
