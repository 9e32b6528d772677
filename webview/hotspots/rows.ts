/**
 * What the table shows, without the DOM (tested in plain Node): "my code only", sorting by a column,
 * and the numbers as text.
 */
import { kindOfFile } from '../../src/core/profile/flame';
import type { Hotspot, HotspotReport } from '../../src/core/profile/hotspots';
import { formatMs as ms, formatPercent as pct } from '../../src/core/format/numbers';

export type SortKey = 'functionName' | 'selfMs' | 'totalMs' | 'calls' | 'file';
export type SortDir = 'asc' | 'desc';

/** The function rows: all of them, or the user's own (no `node:` internals, no node_modules, no natives). */
export function visibleRows(hotspots: readonly Hotspot[], myCodeOnly: boolean, key: SortKey, dir: SortDir): Hotspot[] {
  const rows = myCodeOnly ? hotspots.filter((h) => kindOfFile(h.file) === 'user') : hotspots.slice();
  const sign = dir === 'asc' ? 1 : -1;
  const cmp = (a: Hotspot, b: Hotspot): number => {
    switch (key) {
      case 'functionName':
        return a.functionName.localeCompare(b.functionName);
      case 'file':
        return a.file.localeCompare(b.file) || a.line - b.line;
      case 'calls':
        // Unknown counts sort last either way.
        if (a.calls === null || b.calls === null) return a.calls === b.calls ? 0 : a.calls === null ? 1 * sign : -1 * sign;
        return a.calls - b.calls;
      default:
        return a[key] - b[key];
    }
  };
  // Ties keep the report's order (self time first): Array.prototype.sort is stable.
  return rows.sort((a, b) => sign * cmp(a, b));
}

/** The direction a click on a column header gives: numbers start high, names start at A. */
export function nextSort(current: { key: SortKey; dir: SortDir }, clicked: SortKey): { key: SortKey; dir: SortDir } {
  if (current.key === clicked) return { key: clicked, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key: clicked, dir: clicked === 'functionName' || clicked === 'file' ? 'asc' : 'desc' };
}

/** The header line: sampled time, samples and interval; GC, idle and program time kept apart from the functions. */
export function summaryLine(r: HotspotReport): string {
  const share = (x: number) => (r.sampledMs > 0 ? ` (${pct((100 * x) / r.sampledMs)})` : '');
  return [
    `${ms(r.sampledMs)} ms sampled`,
    `${r.sampleCount} samples, one every ${(r.intervalUs / 1000).toFixed(2)} ms`,
    `GC ${ms(r.gcMs)} ms${share(r.gcMs)}`,
    `idle ${ms(r.idleMs)} ms${share(r.idleMs)}`,
    `program ${ms(r.programMs)} ms${share(r.programMs)}`,
  ].join(' · ');
}
