/**
 * *Pure*: the file choices of "Save Profile as HTML Report…": which profile the open dialog starts at
 * (the newest in `.perf-lens/profiles`) and the report's default name (the profile's, ending in .html).
 */
import * as path from 'node:path';

export interface ProfileEntry {
  name: string;
  mtimeMs: number;
}

/** The newest `.cpuprofile` among a folder's entries (ties: the later name), or undefined. */
export function newestProfile(entries: readonly ProfileEntry[]): string | undefined {
  let best: ProfileEntry | undefined;
  for (const e of entries) {
    if (!e.name.toLowerCase().endsWith('.cpuprofile')) continue;
    if (!best || e.mtimeMs > best.mtimeMs || (e.mtimeMs === best.mtimeMs && e.name > best.name)) best = e;
  }
  return best?.name;
}

/** `/ws/.perf-lens/profiles/work-20260101.cpuprofile` → `/ws/.perf-lens/profiles/work-20260101.html`. */
export function defaultReportPath(profilePath: string): string {
  const ext = path.extname(profilePath);
  return `${ext ? profilePath.slice(0, -ext.length) : profilePath}.html`;
}
