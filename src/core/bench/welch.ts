/** Welch's unequal-variance t-test and the matching confidence interval of a difference of means. */
import { mean, variance } from './descriptive';
import { tQuantile, tTwoSidedP } from './distributions';

export interface WelchResult {
  /** mean(x) − mean(y). */
  difference: number;
  /** Standard error of the difference. */
  standardError: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom (not an integer in general). */
  df: number;
  /** Two-sided p-value. */
  pValue: number;
  /** Confidence interval of the difference at the requested level. */
  ci: [number, number];
}

/** Needs at least two values on each side; identical constant samples give p = 1, different constants p = 0. */
export function welchTTest(x: readonly number[], y: readonly number[], confidence = 0.95): WelchResult {
  if (x.length < 2 || y.length < 2) throw new Error('Welch\'s t-test needs at least two values on each side');
  const difference = mean(x) - mean(y);
  const vx = variance(x) / x.length;
  const vy = variance(y) / y.length;
  const se2 = vx + vy;
  if (se2 === 0) {
    return { difference, standardError: 0, t: difference === 0 ? 0 : Math.sign(difference) * Infinity, df: x.length + y.length - 2, pValue: difference === 0 ? 1 : 0, ci: [difference, difference] };
  }
  const standardError = Math.sqrt(se2);
  const df = (se2 * se2) / ((vx * vx) / (x.length - 1) + (vy * vy) / (y.length - 1));
  const t = difference / standardError;
  const half = tQuantile(1 - (1 - confidence) / 2, df) * standardError;
  return { difference, standardError, t, df, pValue: tTwoSidedP(t, df), ci: [difference - half, difference + half] };
}
