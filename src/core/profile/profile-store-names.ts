/**
 * *Pure*: the names of the profile store, `.perf-lens/profiles/` of a project. Profile Function, Profile
 * Script / npm Script / Test File and `perf-lens profile` save a run as
 * `<name>-<YYYYMMDD-HHMMSS>.cpuprofile` (the name made safe for a file name, the time in UTC); Compare
 * with Previous Run reads those names back. Both directions live here so that they cannot drift apart.
 * Other `.cpuprofile` files in the folder are not saved runs (parseRunName gives undefined).
 */

/** The store's folder under a project, as path segments (join them with the platform's path module). */
export const PROFILES_DIR: readonly string[] = ['.perf-lens', 'profiles'];

/** `2026-11-30T10:05:02.123Z` → `20261130-100502` (UTC): sorts as text in time order. */
export function runStamp(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** A name safe in a file name: runs of other characters become `_`; cut to `maxChars`; `fallback` when empty. */
export function safeRunName(name: string, maxChars = 60, fallback = 'profile'): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, maxChars) || fallback;
}

export interface SavedProfileNameOptions {
  /** Longest name part (default 60). Profile Function keeps a function's whole name (Infinity). */
  maxNameChars?: number;
}

/** `<name>-<YYYYMMDD-HHMMSS>.cpuprofile`, the file name of a saved run. */
export function savedProfileFileName(name: string, now = new Date(), options: SavedProfileNameOptions = {}): string {
  return `${safeRunName(name, options.maxNameChars ?? 60)}-${runStamp(now)}.cpuprofile`;
}

export interface SavedRun {
  /** The file name. */
  file: string;
  /** The function name part (as sanitised in the file name). */
  name: string;
  /** `YYYYMMDD-HHMMSS`: sorts as text in time order. */
  stamp: string;
}

const RUN_NAME = /^(.+)-(\d{8}-\d{6})\.cpuprofile$/;

/** A saved run's name and stamp from its file name; undefined for any other file. */
export function parseRunName(file: string): SavedRun | undefined {
  const m = RUN_NAME.exec(file);
  return m ? { file, name: m[1], stamp: m[2] } : undefined;
}

/** The saved runs among `files` (names in one folder), newest first; ties by name. */
export function runsNewestFirst(files: readonly string[]): SavedRun[] {
  return files
    .map(parseRunName)
    .filter((r): r is SavedRun => r !== undefined)
    .sort((a, b) => (a.stamp !== b.stamp ? (a.stamp < b.stamp ? 1 : -1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The run of the same function just before `current` (a file name among `files`), if any. */
export function previousRun(files: readonly string[], current: string): SavedRun | undefined {
  const me = parseRunName(current);
  if (!me) return undefined;
  return runsNewestFirst(files).find((r) => r.name === me.name && r.stamp < me.stamp);
}

/** `20261130-100502` → `2026-11-30 10:05:02 UTC`. */
export function stampLabel(stamp: string): string {
  return `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)} ${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)} UTC`;
}
