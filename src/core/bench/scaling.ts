/**
 * How time per operation grows with input size: the slope of log(time) against log(size), i.e. the
 * exponent k in time ≈ c·n^k, with its 95% confidence interval ("≈ O(n^1.03) [0.98, 1.08]").
 *
 * Each process's mean at each size is one point of the regression (not one point per size: with three
 * sizes that would leave one degree of freedom and an interval ten times wider than the data justify).
 * When one process measures all sizes its shift is shared by them and cancels from the slope; treating
 * the points as independent then overstates the residual noise, so the interval errs on the wide side.
 */
import { mean } from './descriptive';
import { tQuantile } from './distributions';
import type { BenchmarkResult } from './model';

export interface ScalingPoint {
  size: number;
  /** Time per operation at that size (any unit: only ratios matter). */
  time: number;
}

export interface ScalingFit {
  exponent: number;
  /** 95% confidence interval of the exponent; null with fewer than three points (no residual left). */
  ci95: [number, number] | null;
  /** Share of the variance of log(time) explained by log(size). */
  rSquared: number;
  points: number;
  sizes: number[];
}

/** Ordinary least squares on (ln size, ln time). Null when there are fewer than two distinct sizes. */
export function fitScaling(points: readonly ScalingPoint[], confidence = 0.95): ScalingFit | null {
  const usable = points.filter((p) => p.size > 0 && p.time > 0 && Number.isFinite(p.size) && Number.isFinite(p.time));
  const sizes = [...new Set(usable.map((p) => p.size))].sort((a, b) => a - b);
  if (sizes.length < 2) return null;
  const xs = usable.map((p) => Math.log(p.size));
  const ys = usable.map((p) => Math.log(p.time));
  const mx = mean(xs);
  const my = mean(ys);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
    syy += (ys[i] - my) ** 2;
  }
  const exponent = sxy / sxx;
  const sse = Math.max(0, syy - exponent * sxy);
  const df = xs.length - 2;
  let ci95: [number, number] | null = null;
  if (df > 0) {
    const half = tQuantile(1 - (1 - confidence) / 2, df) * Math.sqrt(sse / df / sxx);
    ci95 = [exponent - half, exponent + half];
  }
  return { exponent, ci95, rSquared: syy === 0 ? 1 : 1 - sse / syy, points: xs.length, sizes };
}

export interface ScalingSeries {
  name: string;
  file: string;
  line?: number;
  fit: ScalingFit;
}

/** The scaling of every parametrized benchmark (same file and name, two or more sizes), in first-seen order. */
export function scalingOf(results: readonly BenchmarkResult[]): ScalingSeries[] {
  const groups = new Map<string, BenchmarkResult[]>();
  for (const r of results) {
    if (r.size === undefined) continue;
    const key = `${r.file}\u0000${r.name}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const out: ScalingSeries[] = [];
  for (const group of groups.values()) {
    const points = group.flatMap((r) => r.runs.filter((run) => run.samples.length > 0).map((run) => ({ size: r.size!, time: mean(run.samples) })));
    const fit = fitScaling(points);
    if (!fit) continue;
    const s: ScalingSeries = { name: group[0].name, file: group[0].file, fit };
    if (group[0].line !== undefined) s.line = group[0].line;
    out.push(s);
  }
  return out;
}

/** "≈ O(n^1.03) [0.98, 1.08]" (two decimals; the interval left out when there is none). */
export function formatScaling(fit: Pick<ScalingFit, 'exponent' | 'ci95'>): string {
  const f = (x: number) => (Object.is(Math.round(x * 100), -0) ? 0 : x).toFixed(2);
  return `≈ O(n^${f(fit.exponent)})` + (fit.ci95 ? ` [${f(fit.ci95[0])}, ${f(fit.ci95[1])}]` : '');
}
