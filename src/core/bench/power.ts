/**
 * How many processes a comparison needs: the per-side count at which Welch's test on log per-process
 * means detects a given slowdown with a given power, from the spread of process means measured so far.
 * Lets a harness start with a few processes and add more when the machine turns out noisier than usual
 * (the spread, not the observed difference, decides: choosing n this way does not inflate false positives).
 */
import { normalQuantile, tQuantile } from './distributions';
import { DEFAULT_ALPHA } from './defaults';

export interface PowerOptions {
  /** Relative change to detect, e.g. 0.1 for 10% (default). */
  effect?: number;
  alpha?: number;
  /** Probability of detecting it (default 0.95). */
  power?: number;
}

/**
 * Processes per side for a two-sided Welch test with equal spread on both sides: the smallest n ≥ 2 with
 * n ≥ 2·(t(1−α/2, df) + t(power, df))²·σ²/δ², where δ = ln(1 + effect) and df = 2n − 2. The right side
 * falls as n grows, so an exponential search then bisection finds it (fixed-point iteration can oscillate).
 * `processRsd` is the relative sd of the per-process means in percent (≈ the sd of their logarithms).
 */
export function processesNeeded(processRsd: number, options: PowerOptions = {}): number {
  const effect = options.effect ?? 0.1;
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const power = options.power ?? 0.95;
  const sigma = processRsd / 100;
  if (!(sigma >= 0) || !(effect > 0) || !(power > 0 && power < 1) || !(alpha > 0 && alpha < 1)) return NaN;
  const delta = Math.log1p(effect);
  const enough = (n: number) => n >= (2 * (tQuantile(1 - alpha / 2, 2 * n - 2) + tQuantile(power, 2 * n - 2)) ** 2 * sigma * sigma) / (delta * delta);
  let hi = 2;
  while (!enough(hi)) {
    hi *= 2;
    if (hi > 1e9) return Infinity;
  }
  let lo = hi / 2; // not enough (or below 2)
  if (hi === 2) return 2;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (enough(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Above this, processesToSettle says Infinity: no count worth suggesting would settle it. */
export const MAX_PROCESSES_TO_SETTLE = 1000;

export interface SettleInput {
  /** The measured log ratio and its standard error, from `processes` per side (pairs when `paired`). */
  logRatio: number;
  standardError: number;
  processes: number;
  paired: boolean;
  alpha: number;
  minEffect: number;
}

/**
 * About how many processes per side would turn an inconclusive comparison into a verdict, if the measured
 * ratio and spread held: the standard error shrinks as 1/√n. A ratio past the minimum effect needs p < α
 * (|log ratio| ≥ t(1−α/2)·se); one within it needs the 95% interval inside ±log(1 + minEffect)
 * (|log ratio| + t(0.975)·se ≤ log(1 + minEffect)). The t quantiles take the larger count's degrees of
 * freedom (n − 1 paired, 2n − 2 otherwise), found by iterating. An estimate to plan the next run with, not
 * a promise: the next run measures its own spread. At least one more than `processes`; Infinity past
 * MAX_PROCESSES_TO_SETTLE, or when nothing would settle it (a ratio exactly at the minimum effect).
 */
export function processesToSettle(o: SettleInput): number {
  const bound = Math.log1p(o.minEffect);
  const d = Math.abs(o.logRatio);
  if (!(o.standardError > 0) || !(o.processes >= 1) || !Number.isFinite(d)) return NaN;
  const beyond = d >= bound;
  // The standard error needed, given the quantile q: beyond, q·se ≤ d; within, d + q·se ≤ bound.
  const margin = beyond ? d : bound - d;
  if (!(margin > 0)) return Infinity;
  const p = beyond ? 1 - o.alpha / 2 : 0.975;
  const df = (n: number) => (o.paired ? n - 1 : 2 * n - 2);
  let n = Math.ceil(o.processes * (o.standardError * normalQuantile(p) / margin) ** 2);
  for (let i = 0; i < 20; i++) {
    const q = tQuantile(p, Math.max(1, df(Math.max(n, 2))));
    const next = Math.ceil(o.processes * (o.standardError * q / margin) ** 2);
    if (next === n) break;
    n = next;
    if (n > MAX_PROCESSES_TO_SETTLE) return Infinity;
  }
  n = Math.max(n, o.processes + 1);
  return n > MAX_PROCESSES_TO_SETTLE ? Infinity : n;
}
