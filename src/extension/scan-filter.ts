/**
 * Which files the workspace scan lints. Pure: the caller lists the files (`workspace.findFiles`, which
 * already applies `files.exclude`) and reads the settings and .gitignore files.
 */
import { LINTED_EXTENSIONS } from '../core/lint/languages';
import { pathOrAncestorMatcher } from './path-globs';
import { type IgnoreFile, gitignoreMatcher } from './gitignore';

/** Folders never worth scanning: dependencies, build output, VCS data. */
export const SKIPPED_FOLDERS = ['node_modules', '_build', 'deps', 'dist', '.git'] as const;

/** The globs handed to `findFiles`: the skipped folders are excluded there so the search never walks them. */
export function scanGlobs(): { include: string; exclude: string } {
  const exts = LINTED_EXTENSIONS.map((e) => e.slice(1)).join(',');
  return { include: `**/*.{${exts}}`, exclude: `**/{${SKIPPED_FOLDERS.join(',')}}/**` };
}

/** The keys of a `search.exclude`-style object whose value is `true` (`{ when: ... }` entries are skipped). */
export function enabledGlobs(setting: unknown): string[] {
  if (typeof setting !== 'object' || setting === null) return [];
  return Object.entries(setting)
    .filter(([, v]) => v === true)
    .map(([k]) => k);
}

export interface ScanFilterInput {
  /** `perfLens.hints` include/exclude, as an `EditorHintSettings.selects`. */
  selects(relativePath: string): boolean;
  /** `search.exclude` globs that are on. */
  searchExclude: readonly string[];
  gitignores: readonly IgnoreFile[];
}

/** A predicate over workspace-folder-relative paths: true when the scan should lint the file. */
export function scanFilter(input: ScanFilterInput): (relativePath: string) => boolean {
  const skippedFolder = pathOrAncestorMatcher(SKIPPED_FOLDERS);
  const searchExcluded = pathOrAncestorMatcher(input.searchExclude);
  const ignored = gitignoreMatcher(input.gitignores);
  return (rel) => {
    const path = rel.replace(/\\/g, '/');
    return !skippedFolder(path) && !searchExcluded(path) && !ignored(path) && input.selects(path);
  };
}
