/**
 * *Pure*: the Compare panel's title for two saved runs of `.perf-lens/profiles/`. The names themselves
 * (`<functionName>-<YYYYMMDD-HHMMSS>.cpuprofile`, which run came just before another) are the profile
 * store's: src/core/profile/profile-store-names.ts.
 */
import { parseRunName, stampLabel } from '../../core/profile/profile-store-names';

/** The panel's title for two runs: `report: 2026-11-30 10:03:11 → 10:05:02 UTC`, or the two file names. */
export function comparisonTitle(beforeFile: string, afterFile: string): string {
  const a = parseRunName(beforeFile);
  const b = parseRunName(afterFile);
  if (a && b && a.name === b.name) {
    const day = (s: string) => s.slice(0, 8);
    const time = (s: string) => stampLabel(s).slice(11, 19);
    return day(a.stamp) === day(b.stamp)
      ? `${b.name}: ${stampLabel(a.stamp).slice(0, 19)} → ${time(b.stamp)} UTC`
      : `${b.name}: ${stampLabel(a.stamp).slice(0, 19)} → ${stampLabel(b.stamp)}`;
  }
  return `${beforeFile} → ${afterFile}`;
}
