/**
 * The paired t-test on differences, for two sides measured in pairs: `perf-lens bench --against` runs a
 * file's process and its twin's back to back, round after round, so the i-th process of each side saw the
 * same moment of the machine. Differencing within a pair removes what the moment added to both (a load
 * that came and went), which an unpaired test must count as noise.
 */
import { mean, variance } from './descriptive';
import { tQuantile, tTwoSidedP } from './distributions';
import type { WelchResult } from './welch';

/** x[i] and y[i] are a pair; at least two pairs. The result has Welch's shape (df = pairs − 1). */
export function pairedTTest(x: readonly number[], y: readonly number[], confidence = 0.95): WelchResult {
  if (x.length !== y.length || x.length < 2) throw new Error('the paired t-test needs two equally long lists of at least two values');
  const d = x.map((xi, i) => xi - y[i]);
  const difference = mean(d);
  const df = d.length - 1;
  const se2 = variance(d) / d.length;
  if (se2 === 0) return { difference, standardError: 0, t: difference === 0 ? 0 : Math.sign(difference) * Infinity, df, pValue: difference === 0 ? 1 : 0, ci: [difference, difference] };
  const standardError = Math.sqrt(se2);
  const t = difference / standardError;
  const half = tQuantile(1 - (1 - confidence) / 2, df) * standardError;
  return { difference, standardError, t, df, pValue: tTwoSidedP(t, df), ci: [difference - half, difference + half] };
}
