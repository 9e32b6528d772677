/** Descriptive statistics on plain arrays of numbers: the building blocks of summaries and tests. */

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** The sample variance (n − 1 in the denominator); two-pass, so large offsets do not cancel digits away. */
export function variance(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return s / (xs.length - 1);
}

export function standardDeviation(xs: readonly number[]): number {
  return Math.sqrt(variance(xs));
}

/** A sorted copy (numeric order: a typed array sorts numbers as numbers, and fast). */
export function sortedCopy(xs: readonly number[]): Float64Array {
  return Float64Array.from(xs).sort();
}

/**
 * The p-quantile of sorted data by linear interpolation between order statistics (Hyndman & Fan type 7:
 * the default of R, NumPy and Excel's PERCENTILE.INC), so figures match what users check elsewhere.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function median(xs: readonly number[]): number {
  return quantileSorted(sortedCopy(xs), 0.5);
}
