/**
 * The one place numbers become text: durations, milliseconds, percents, operations per second, bytes and
 * digit grouping, for the CLI, the HTML report, the editor (lenses, notifications) and the webviews alike.
 * Where two front ends print the same value differently, both forms are here under their own names.
 */

/** Fixed decimals for about three significant figures: `812`, `45.6`, `1.23` (0 decimals from 100, 1 from 10, else 2). `by` decides the decimals (default: `x` itself). */
export function threeFigures(x: number, by = x): string {
  return x.toFixed(by >= 100 ? 0 : by >= 10 ? 1 : 2);
}

export type TimeUnit = 'ns' | 'µs' | 'ms' | 's';

/** Nanoseconds per unit, largest first. */
export const TIME_UNITS: readonly (readonly [number, TimeUnit])[] = [[1e9, 's'], [1e6, 'ms'], [1e3, 'µs'], [1, 'ns']];

/** The largest unit in which `ns` is at least 1 (ns below 1 ns): `[1e6, 'ms']` for 2.5e6. */
export function timeUnitOf(ns: number): readonly [number, TimeUnit] {
  return TIME_UNITS.find(([scale]) => ns >= scale) ?? [1, 'ns'];
}

/** "1.50 ms", "500 µs", "312 ns", "2.00 s": nanoseconds in the largest unit that keeps the figure ≥ 1 (CLI, budgets, lenses). */
export function formatNs(ns: number): string {
  const [scale, unit] = timeUnitOf(ns);
  return `${threeFigures(ns / scale)} ${unit}`;
}

/** The Benchmarks view's form of {@link formatNs}: `–` for a missing (non-finite) figure, and the unit picked by magnitude (`-1.50 µs`, where formatNs says `-1500.00 ns`). */
export function formatNsOrDash(ns: number): string {
  if (!Number.isFinite(ns)) return '–';
  const [scale, unit] = timeUnitOf(Math.abs(ns));
  return `${threeFigures(ns / scale)} ${unit}`;
}

/** Microseconds as `0.42 ms` from 1 ms up, `37.5 µs` below; decimals by magnitude, so negatives read alike (Compare view). */
export function formatUs(us: number): string {
  const a = Math.abs(us);
  if (a >= 1000) return `${threeFigures(us / 1000)} ms`;
  return `${threeFigures(us, a)} µs`;
}

/** Milliseconds, no unit: `812`, `45.6`, `1.23` (profile pages, flame graph, hot-line labels). Same as {@link threeFigures}. */
export const formatMs = (ms: number): string => threeFigures(ms);

/** Milliseconds, no unit, two significant figures below 10: `12`, `4.2`, `0.05`, `0` (the profile code lens). */
export function formatMsShort(ms: number): string {
  if (ms >= 10 || ms === 0) return ms.toFixed(0);
  if (ms >= 0.1) return ms.toFixed(1);
  return ms.toFixed(2);
}

/** `12.3%`: one decimal, always. */
export const formatPercent = (p: number): string => `${p.toFixed(1)}%`;

/**
 * A percent's figure without the sign: whole from 10 (`17`), one decimal below (`4.2`). `zeroWhole`: 0 reads
 * `0` (the profile code lens) rather than `0.0` (hot-line labels, the ± of a benchmark lens).
 */
export function percentFigure(p: number, zeroWhole = false): string {
  return p.toFixed(p >= 10 || (zeroWhole && p === 0) ? 0 : 1);
}

/** `2.50M`, `12.3k`, `813`, then `smallDigits` decimals below 100: `7.25` (CLI, 2) or `7.3` (Benchmarks view, 1). Operations per second, compact. */
export function formatOpsCompact(ops: number, smallDigits: 1 | 2 = 2): string {
  if (ops >= 1e6) return `${(ops / 1e6).toFixed(2)}M`;
  if (ops >= 1e3) return `${(ops / 1e3).toFixed(1)}k`;
  return ops.toFixed(ops >= 100 ? 0 : smallDigits);
}

/** `813 ops/s`, `1,234,568 ops/s`, `0.42 ops/s`: whole and grouped from 100, two significant figures below (benchmark code lens). */
export function formatOpsPerSec(ops: number): string {
  if (ops >= 100) return `${formatCount(Math.round(ops))} ops/s`;
  return `${Number(ops.toPrecision(2))} ops/s`;
}

/** "0 B", "0.4 B", "32 B", "8.0 kB", "123 kB", "1.6 MB": decimal units (1 kB = 1000 B), as Chrome's DevTools print. */
export function formatBytes(bytes: number): string {
  if (Math.round(bytes) < 1000) return `${bytes < 10 && bytes !== Math.round(bytes) ? bytes.toFixed(1) : Math.round(bytes).toFixed(0)} B`;
  const [unit, scale] = bytes >= 999.5e6 ? ['GB', 1e9] : bytes >= 999.5e3 ? ['MB', 1e6] : ['kB', 1e3];
  const v = bytes / (scale as number);
  return `${v >= 99.95 ? v.toFixed(0) : v.toFixed(1)} ${unit}`;
}

/** `1,234,567`: rounded to a whole number, grouped by threes without asking the locale. */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1,234,567`, `1,234.5`: en-US grouping, keeping up to `maxFractionDigits` decimals (3, toLocaleString's own default). */
export function formatCount(n: number, maxFractionDigits = 3): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: maxFractionDigits });
}

/** "1 file", "3 files", "1 process", "2 processes": the count and the word that agrees with it. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
