/**
 * Times one benchmark function inside the child: warm-up by time, then samples that each time a batch of
 * calls large enough to last `sampleNs` (far above process.hrtime's resolution), until the time budget
 * and the minimum counts are met. Async functions (a thenable from the first call) are awaited call by call.
 *
 * Each benchmark gets its own freshly compiled loop (`new Function`): a loop shared by all benchmarks would
 * see several functions at its call site, turn megamorphic, and time later benchmarks slower than earlier
 * ones (the order effect benchmark.js and mitata avoid the same way).
 */
import { MIN_SAMPLES, type BenchClock } from './protocol';

export interface MeasureSettings {
  /** 'wall': elapsed time (default); 'cpu': CPU time of the process, which a busy machine's scheduler cannot inflate. */
  clock: BenchClock;
  timeMs: number;
  warmupMs: number;
  sampleNs: number;
  /** At least this many measured calls. */
  minIterations: number;
  /** At least this many warm-up calls. */
  warmupIterations: number;
  /** Between warm-up and sampling (vitest's teardown 'warmup' then setup 'run'). */
  afterWarmup?: () => Promise<void>;
}

export interface Measurement {
  /** ns per call, one per sample. */
  samples: number[];
  iterationsPerSample: number;
  /** The benchmark's timing loop, warm and optimized: n more calls (the memory pass reuses it; see memory.ts). */
  runBatch: (n: number) => Promise<unknown>;
  /** Whether the function returned a thenable (the loop awaits each call). */
  isAsync: boolean;
  /**
   * CPU time of the process over elapsed time while sampling, whatever the clock: below 1 when the process
   * waited (for a busy CPU, or for I/O and timers the benchmark awaits), above 1 when GC or compiler threads
   * ran beside it. Compared between a run and its baseline, a drop shows the machine got busier.
   */
  cpuShare: number;
}

type Loop = (fn: () => unknown, n: number) => bigint | Promise<bigint>;

const hrtime = process.hrtime.bigint;
/** CPU time (user + system, all threads) in ns; getrusage counts it exactly, reported in µs. */
function cpuTime(): bigint {
  const u = process.cpuUsage();
  return BigInt(u.user + u.system) * 1000n;
}
/** With the CPU clock, a phase also ends after this many times its length in wall time (code that mostly waits). */
const WALL_CAP = 10;
const MAX_BATCH = 2 ** 30;

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
const sinkKey = Symbol.for('perf-lens.bench.sink');

function compileLoop(isAsync: boolean, now: () => bigint): Loop {
  // The result goes to a global after the timed region, so the calls cannot be optimized away.
  const body = isAsync
    ? 'return async function loop(fn, n) { let sink; const t0 = now(); for (let i = 0; i < n; i++) sink = await fn(); const t = now() - t0; g[key] = sink; return t; };'
    : 'return function loop(fn, n) { let sink; const t0 = now(); for (let i = 0; i < n; i++) sink = fn(); const t = now() - t0; g[key] = sink; return t; };';
  return new Function('now', 'g', 'key', body)(now, globalThis, sinkKey) as Loop;
}

/** n calls of `fn` through a fresh awaiting loop, as an async benchmark's: what memory.ts uses to measure the loop's own await. */
export function awaitingBatchRunner(fn: () => unknown): (n: number) => Promise<unknown> {
  const loop = compileLoop(true, hrtime);
  return async (n: number) => Number(await loop(fn, n));
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return (typeof x === 'object' || typeof x === 'function') && x !== null && typeof (x as { then?: unknown }).then === 'function';
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Warm-up, calibration and sampling of `fn`. Throws what `fn` throws. */
export async function measure(fn: () => unknown, s: MeasureSettings): Promise<Measurement> {
  collectGarbage();
  const first = fn();
  const isAsync = isThenable(first);
  if (isAsync) await first;
  const now = s.clock === 'cpu' ? cpuTime : hrtime;
  const loop = compileLoop(isAsync, now);
  const wallCap = s.clock === 'cpu' ? WALL_CAP : 1;
  const run = async (n: number): Promise<number> => Number(isAsync ? await loop(fn, n) : (loop(fn, n) as bigint));

  // Warm-up, doubling the batch until one lasts a sample's length: that is the calibration too.
  const warmupStart = Number(now());
  const wallStart = Number(hrtime());
  const warmedUp = () => Number(now()) - warmupStart >= s.warmupMs * 1e6 || Number(hrtime()) - wallStart >= wallCap * s.warmupMs * 1e6;
  // n doubles until a batch lasts half a sample, then follows the median of the last five batches' time
  // per call, so the code's speed-up during warm-up (interpreter → optimized) keeps the batch on target.
  let n = 1;
  let warmCalls = 1;
  const recent: number[] = [];
  let target = 1;
  for (;;) {
    const elapsed = Math.max(await run(n), 1);
    warmCalls += n;
    recent.push(elapsed / n);
    if (recent.length > 5) recent.shift();
    target = Math.max(1, Math.min(MAX_BATCH, Math.round(s.sampleNs / median(recent))));
    const calibrated = elapsed >= s.sampleNs / 2 || n >= MAX_BATCH;
    if (calibrated && warmedUp() && warmCalls >= s.warmupIterations) break;
    n = calibrated ? target : Math.min(MAX_BATCH, n * 2);
  }
  const iterationsPerSample = target;

  await s.afterWarmup?.();
  collectGarbage();
  const samples: number[] = [];
  const start = Number(now());
  const wallStartRun = Number(hrtime());
  const cpuStartRun = Number(cpuTime());
  const budget = s.timeMs * 1e6;
  let calls = 0;
  for (;;) {
    const elapsed = await run(iterationsPerSample);
    // A zero reading (below the clock's resolution) would be an impossible 0 ns/op: count it as the resolution.
    samples.push(Math.max(elapsed, 1) / iterationsPerSample);
    calls += iterationsPerSample;
    // In the clock's time, or (CPU clock) in wall time scaled down by the cap.
    const spent = Math.max(Number(now()) - start, (Number(hrtime()) - wallStartRun) / wallCap);
    if (calls < s.minIterations) continue;
    if (spent >= budget && samples.length >= MIN_SAMPLES) break;
    // A slow function (one call ≫ the budget) stops at two samples after five budgets: slow but bounded.
    if (spent >= 5 * budget && samples.length >= 2) break;
  }
  const cpuShare = (Number(cpuTime()) - cpuStartRun) / Math.max(Number(hrtime()) - wallStartRun, 1);
  return { samples, iterationsPerSample, runBatch: run, isAsync, cpuShare };
}
