/**
 * Memory per operation as the model carries it (bytes allocated per call, measured by the harness when
 * asked): the ratio of two runs, the text of a figure ("8.0 kB") and of a budget ("10kB").
 */
import { medianBytesPerOp, type BenchmarkResult } from './model';

/** Below a byte per operation a benchmark counts as allocation-free: a ratio against it means nothing. */
export const ALLOCATION_FREE_BYTES = 1;

/** The result's bytes per operation: its own figure, else the median of its processes', else undefined. */
export function bytesPerOpOf(r: Pick<BenchmarkResult, 'bytesPerOp' | 'runs'>): number | undefined {
  return r.bytesPerOp ?? medianBytesPerOp(r.runs);
}

/**
 * current/baseline bytes per operation. Both allocation-free: 1 (nothing changed). Only the baseline
 * allocation-free: null (no finite ratio; show both figures instead).
 */
export function bytesPerOpRatio(current: number, baseline: number): number | null {
  if (baseline < ALLOCATION_FREE_BYTES) return current < ALLOCATION_FREE_BYTES ? 1 : null;
  return current / baseline;
}

const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** "10kB", "512 B", "1.5 MB", "64KiB" → bytes. A unit is required, as for durations. Null when it is not a size. */
export function parseBytes(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)\s*$/i.exec(text);
  if (!m) return null;
  const scale = UNIT_BYTES[m[2].toLowerCase()];
  if (scale === undefined) return null;
  const value = Number(m[1]) * scale;
  return Number.isFinite(value) ? value : null;
}
