/**
 * *Pure* parts of "Profile Script", "Profile npm Script…" and "Profile Test File": the quick pick of
 * npm scripts, the profile's file name, and the summary sentence. Tested in plain Node.
 */
import { formatPercent } from '../../core/format/numbers';
import type { Hotspot } from '../../core/profile/hotspots';

export interface NpmScriptPick {
  label: string;
  /** The script's command, as package.json has it. */
  detail: string;
}

/** One quick-pick item per npm script, in package.json order. */
export function npmScriptPicks(scripts: Record<string, string>): NpmScriptPick[] {
  return Object.entries(scripts).map(([label, detail]) => ({ label, detail }));
}

/**
 * One line for the notification: "Perf Lens: npm run work ran 1.2 s (2 Node.js processes, the busiest
 * profiled); hottest: crunch (45.0% self)." `note` goes in the parentheses.
 */
export function scriptSummary(label: string, profiledMs: number, partial: boolean, top: Hotspot | undefined, note?: string): string {
  const head = `Perf Lens: ${label} ran ${(profiledMs / 1000).toFixed(1)} s${note ? ` (${note})` : ''}${partial ? ' (stopped at the time limit)' : ''}`;
  return top ? `${head}; hottest: ${top.functionName} (${formatPercent(top.selfPercent)} self).` : `${head}; no samples in your code.`;
}

/** The parenthesis of a run with several Node.js processes: how many, and which one the profile is. */
export function processNote(count: number, chosen: 'busiest' | 'test'): string | undefined {
  if (count <= 1) return undefined;
  return `${count} Node.js processes, ${chosen === 'busiest' ? 'the busiest' : 'the one that ran the tests'} profiled`;
}
