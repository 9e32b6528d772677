/**
 * Bytes allocated per operation, measured in the benchmark child in a separate pass after timing (so no
 * sample is timed while this pass forces collections), and only when asked (`perf-lens bench --memory`).
 *
 * Method: a full gc(), then the used size of the V8 heap's object spaces before and after a batch of
 * calls through the benchmark's own, already optimized timing loop (a fresh loop would start in
 * unoptimized code, which allocates what escape analysis later removes). Between two reads the used
 * size grows by exactly what was allocated — young objects, pretenured and large ones alike — as long
 * as no collection ran. A v8.GCProfiler around the batch tells synchronously whether one did
 * (PerformanceObserver 'gc' entries arrive later, on the event loop); if so, the allocation is the sum
 * of the growth between collections, from the sizes the profiler records before and after each. A
 * batch is sized from a pilot to stay within half a young page, so batches normally see no collection.
 *   The reads themselves allocate (the statistics array, the loop's clock readings, the async wrapper):
 * per batch, (allocation of 1 + n calls − the median allocation of 1 call) / n. Per process the figure
 * is the median over batches; run-benchmarks.ts takes the median over processes.
 *
 * Accuracy, Node 20 on this machine (test/runner/bench/memory.test.ts checks it): exact to the byte,
 * the same in every process — `() => ({ a: 1 })` 32 B, `() => new Array(1000).fill(0)` 8,048 B (a 32 B
 * array + a 16 B header and 1,000 × 8 B of elements), a 20-character concatenation 32 B (a cons
 * string), a loop over numbers 0 B, `async () => {}` 48 B (its promise), a 1.6 MB array 1,600,064 B;
 * 160,000 arrays of 128 B in one operation (20.48 MB: collections during every batch) 0.02% high.
 * JIT activity (compiled code's metadata lands in old space) can disturb a batch now and then: the
 * median leaves it out. Not measured: memory outside the V8 heap (Buffers' backing stores, addons).
 *
 * Why not the inspector's sampling heap profiler: it samples one allocation per interval (statistical
 * error), keeps only live objects unless told otherwise, and costs a session in the child; the
 * difference of used sizes is exact and needs only --expose-gc, which the child already has.
 */
import * as v8 from 'node:v8';
import { awaitingBatchRunner } from './measure';

export interface MemorySettings {
  /** The benchmark's timing loop: n calls (awaited for an async function). */
  runBatch: (n: number) => Promise<unknown>;
  /** Calls per timing sample: the upper bound of a batch, so a batch lasts at most one sample (~5 ms). */
  maxBatch: number;
  /** Stop after MIN_BATCHES once the pass has taken this long (a slow benchmark), in ms. */
  timeMs: number;
  /** The loop awaits each call: its own await's allocation is subtracted. */
  isAsync: boolean;
}

/** Batches measured per process (the median is taken), and the fewest a slow benchmark gets. */
export const MEMORY_BATCHES = 11;
export const MIN_MEMORY_BATCHES = 3;
/** One-call batches whose median is the measurement's own allocation (plus one call). */
const BASE_BATCHES = 5;

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * The spaces where objects are allocated; code (the JIT's output, not the benchmark's) and the read-only
 * space are left out. Not process.memoryUsage().heapUsed (every space): around the same batch it moved by
 * up to a young page (~250 KB) now and then, and in some processes read 1.1% under a known allocation,
 * where this sum read it exactly.
 */
const OBJECT_SPACES = new Set(['new_space', 'new_large_object_space', 'old_space', 'large_object_space']);

function objectBytes(): number {
  let used = 0;
  for (const s of v8.getHeapSpaceStatistics()) if (OBJECT_SPACES.has(s.space_name)) used += s.space_used_size;
  return used;
}

/** The same sum from a GCProfiler record (camelCase keys there, though @types/node declares snake_case). */
function objectBytesOf(spaces: readonly object[]): number {
  let used = 0;
  for (const s of spaces as Array<{ spaceName: string; spaceUsedSize: number }>) if (OBJECT_SPACES.has(s.spaceName)) used += s.spaceUsedSize;
  return used;
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Bytes the young generation can still take right after a full collection. */
function youngFreeBytes(): number {
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return space ? space.space_available_size : 512 * 1024;
}

/** Heap bytes allocated by one batch of n calls, collections during it accounted for. */
async function allocatedBy(runBatch: MemorySettings['runBatch'], n: number): Promise<number> {
  collectGarbage();
  const profiler = new v8.GCProfiler();
  profiler.start();
  const before = objectBytes();
  await runBatch(n);
  const after = objectBytes();
  const gcs = profiler.stop()?.statistics ?? [];
  let allocated = 0;
  let from = before;
  for (const g of gcs) {
    allocated += objectBytesOf(g.beforeGC.heapSpaceStatistics) - from;
    from = objectBytesOf(g.afterGC.heapSpaceStatistics);
  }
  return allocated + after - from;
}

/**
 * A batch allocates at most this much: half of a young-generation page (256 KB on Node 20). A batch
 * that starts on a fresh page after gc() and stays on it leaves no filler at a page's end, which the
 * heap would count as used (an 8 KB object that does not fit in a page's tail wastes that tail).
 */
const BATCH_BYTES = 128 * 1024;
/** Calls of the await-overhead loop before it is measured (so it runs optimized, like the benchmark's). */
const AWAIT_WARMUP_CALLS = 20_000;

/**
 * Per call: the median over batches of (allocation of 1 + n calls − that of 1 call) / n. The one-call
 * batch is the measurement's own allocation; an empty batch would not do: it stores `undefined` where
 * the loop always stored a result, which deoptimizes the loop (and its allocation changes with it).
 */
async function perCall(runBatch: MemorySettings['runBatch'], maxBatch: number, timeMs: number): Promise<number> {
  const ones: number[] = [];
  for (let i = 0; i < BASE_BATCHES; i++) ones.push(await allocatedBy(runBatch, 1));
  const one = median(ones);
  const pilot = Math.max(0, (await allocatedBy(runBatch, 2)) - one);
  const budget = Math.min(BATCH_BYTES, youngFreeBytes() / 2);
  const n = Math.max(1, Math.min(maxBatch, pilot > 0 ? Math.floor(budget / pilot) : maxBatch));
  const perOp: number[] = [];
  const start = performance.now();
  while (perOp.length < MEMORY_BATCHES) {
    perOp.push(((await allocatedBy(runBatch, 1 + n)) - one) / n);
    if (perOp.length >= MIN_MEMORY_BATCHES && performance.now() - start >= timeMs) break;
  }
  return median(perOp);
}

const SETTLED = Promise.resolve();

/**
 * Bytes allocated per call of the benchmark (≥ 0). For an async function, what the harness's loop
 * allocates to await one settled promise (~200 B on Node 20, measured here on a loop of its own) is
 * subtracted: the figure is what the function allocates, its returned promise included.
 */
export async function measureMemory(s: MemorySettings): Promise<number> {
  let bytes = await perCall(s.runBatch, s.maxBatch, s.timeMs);
  if (s.isAsync) {
    const awaitOnly = awaitingBatchRunner(() => SETTLED);
    for (let done = 0; done < AWAIT_WARMUP_CALLS; done += 1000) await awaitOnly(1000);
    bytes -= await perCall(awaitOnly, 1000, 0);
  }
  return Math.max(0, bytes);
}
