/**
 * *Pure*: the saved runs of `.perf-lens/profiles/`, named `<functionName>-<YYYYMMDD-HHMMSS>.cpuprofile`
 * by Profile Function (UTC time), and which run came just before another: the newest older file with
 * the same function name. Other `.cpuprofile` files in the folder are ignored here.
 */

export interface SavedRun {
  /** The file name. */
  file: string;
  /** The function name part (as sanitised in the file name). */
  name: string;
  /** `YYYYMMDD-HHMMSS`: sorts as text in time order. */
  stamp: string;
}

const RUN_NAME = /^(.+)-(\d{8}-\d{6})\.cpuprofile$/;

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
