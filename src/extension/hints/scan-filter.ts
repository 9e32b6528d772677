/**
 * Which files the workspace scan lints. Pure: the caller lists the files (`workspace.findFiles`, which
 * already applies `files.exclude`) and reads the settings and .gitignore files. The .gitignore semantics
 * are the CLI's (src/core/files/gitignore.ts), so the editor and `perf-lens lint` agree on what is ignored.
 */
import { LINTED_EXTENSIONS } from '../../core/lint/languages';
import { pathOrAncestorMatcher } from './path-globs';
import { type IgnoreFile, isIgnored, parseGitignore } from '../../core/files/gitignore';

/** Folders never worth scanning: dependencies, build output, VCS data. */
export const SKIPPED_FOLDERS = ['node_modules', '_build', 'deps', 'dist', '.git'] as const;

const skippedFolder = pathOrAncestorMatcher(SKIPPED_FOLDERS);

/**
 * Whether a path lies in a dependency/build folder. Open documents there get no hints either: a file
 * reached through "Go to Definition" into node_modules or deps is not the user's code.
 */
export function inSkippedFolder(path: string): boolean {
  return skippedFolder(path.replace(/\\/g, '/'));
}

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
  /** Each .gitignore's text and folder (relative to the workspace folder, '' for the root, `/` separators). */
  gitignores: readonly { dir: string; content: string }[];
}

/**
 * A predicate over workspace-relative file paths: true when git would ignore the file. The CLI's walker
 * never enters an ignored folder; here the file list is flat, so every parent folder is checked.
 */
export function gitignoreMatcher(files: ScanFilterInput['gitignores']): (relativePath: string) => boolean {
  const stack: IgnoreFile[] = files
    .map((f) => parseGitignore(f.content, normaliseDir(f.dir)))
    .filter((f) => f.rules.length > 0)
    // Outermost first: deeper files come later and win.
    .sort((a, b) => depth(a.base) - depth(b.base));
  if (stack.length === 0) return () => false;
  return (relativePath) => {
    const segments = relativePath.replace(/\\/g, '/').split('/').filter(Boolean);
    for (let i = 1; i < segments.length; i++) {
      if (isIgnored(stack, segments.slice(0, i).join('/'), true)) return true;
    }
    return isIgnored(stack, segments.join('/'), false);
  };
}

function normaliseDir(dir: string): string {
  const d = dir.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+|\/+$/g, '');
  return d === '.' ? '' : d;
}

function depth(base: string): number {
  return base === '' ? 0 : base.split('/').length;
}

/** A predicate over workspace-folder-relative paths: true when the scan should lint the file. */
export function scanFilter(input: ScanFilterInput): (relativePath: string) => boolean {
  const searchExcluded = pathOrAncestorMatcher(input.searchExclude);
  const ignored = gitignoreMatcher(input.gitignores);
  return (rel) => {
    const path = rel.replace(/\\/g, '/');
    return !skippedFolder(path) && !searchExcluded(path) && !ignored(path) && input.selects(path);
  };
}
