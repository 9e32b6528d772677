/**
 * Cuts the start off a CPU profile: the harness profiles its warm-up too (code compiled while no profiler
 * was watching can lose its samples to the caller), then keeps only what came after.
 */
import type { CpuProfile, ProfileNode } from './model';

/**
 * The profile from `cutUs` (in the profile's own clock, like startTime) on. Samples before it are dropped
 * and hit counts recomputed. Position ticks are per node for the whole run and cannot be split by time,
 * so each node's ticks are scaled to its remaining hit count (its line shares stay those of the whole run).
 */
export function trimBefore(profile: CpuProfile, cutUs: number): CpuProfile {
  if (cutUs <= profile.startTime) return profile;
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let t = profile.startTime;
  let last = cutUs;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < cutUs) continue;
    samples.push(profile.samples[i]);
    timeDeltas.push(t - last);
    last = t;
  }
  const hits = new Map<number, number>();
  for (const s of samples) hits.set(s, (hits.get(s) ?? 0) + 1);
  const nodes = profile.nodes.map((n): ProfileNode => {
    const hitCount = hits.get(n.id) ?? 0;
    const copy: ProfileNode = { ...n, hitCount };
    if (n.positionTicks) {
      const before = n.positionTicks.reduce((s, p) => s + p.ticks, 0);
      const ticks = before > 0 && hitCount > 0 ? n.positionTicks.map((p) => ({ line: p.line, ticks: Math.round((p.ticks * hitCount) / before) })).filter((p) => p.ticks > 0) : [];
      if (ticks.length > 0) copy.positionTicks = ticks;
      else delete copy.positionTicks;
    }
    return copy;
  });
  return { ...profile, nodes, startTime: Math.min(cutUs, profile.endTime), samples, timeDeltas };
}
