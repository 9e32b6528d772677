/**
 * How many processes a comparison needs: the per-side count at which Welch's test on log per-process
 * means detects a given slowdown with a given power, from the spread of process means measured so far.
 * Lets a harness start with a few processes and add more when the machine turns out noisier than usual
 * (the spread, not the observed difference, decides: choosing n this way does not inflate false positives).
 */
import { tQuantile } from './distributions';
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
