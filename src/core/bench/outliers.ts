/**
 * Tukey's fences: samples beyond Q1 − 1.5·IQR or Q3 + 1.5·IQR are outliers, beyond 3·IQR severe ones.
 * They are counted and reported, never dropped: a GC pause or a JIT deopt is part of what the code costs,
 * and silently removing slow samples would flatter it.
 */
import { quantileSorted } from './descriptive';

export interface TukeyFences {
  q1: number;
  q3: number;
  /** Q1 − 1.5·IQR and Q3 + 1.5·IQR. */
  low: number;
  high: number;
  /** Q1 − 3·IQR and Q3 + 3·IQR. */
  severeLow: number;
  severeHigh: number;
}

export interface OutlierCounts {
  /** Samples below the low fence (severe ones included). */
  low: number;
  /** Samples above the high fence (severe ones included). */
  high: number;
  /** Of those, how many lie beyond the 3·IQR fences. */
  severe: number;
}

export function tukeyFences(sorted: ArrayLike<number>): TukeyFences {
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  return { q1, q3, low: q1 - 1.5 * iqr, high: q3 + 1.5 * iqr, severeLow: q1 - 3 * iqr, severeHigh: q3 + 3 * iqr };
}

export function countOutliers(samples: readonly number[], f: TukeyFences): OutlierCounts {
  const c: OutlierCounts = { low: 0, high: 0, severe: 0 };
  for (const x of samples) {
    if (x < f.low) c.low++;
    else if (x > f.high) c.high++;
    if (x < f.severeLow || x > f.severeHigh) c.severe++;
  }
  return c;
}
