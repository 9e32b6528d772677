/**
 * Finds the files to lint under the paths a user names: walks folders in a stable (sorted) order, keeps the
 * linted languages, skips dependency/build/output folders and what .gitignore files ignore. Explicitly named
 * files are always kept. Symbolic links to folders are not followed (as git and ripgrep do), so link loops
 * cannot hang the walk; links to files are kept.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageOf } from '../../core/lint/languages';
import { globMatcher } from '../../core/lint/glob';
import { type IgnoreFile, isIgnored, parseGitignore } from '../../core/files/gitignore';

/** Folders that never hold the user's own source: dependencies, build output, VCS and tool data. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  'node_modules',
  '_build',
  'deps',
  'dist',
  '.git',
  '.perf-lens',
  'coverage',
]);

export interface DiscoveredFile {
  /** Absolute path. */
  absolute: string;
  /** What to show the user: relative to the working directory, or absolute when given so and outside it. */
  display: string;
}

export interface DiscoveryNote {
  file: string;
  kind: 'skipped';
  message: string;
}

export interface DiscoveryOptions {
  cwd?: string;
  /** Settings globs, matched against the path relative to the working directory. */
  include?: readonly string[];
  exclude?: readonly string[];
  /** Default true: honour .gitignore files (and .git/info/exclude). */
  gitignore?: boolean;
  signal?: AbortSignal;
  onNote?: (note: DiscoveryNote) => void;
  /** Which files a folder walk keeps (default: every linted language); named files are always checked with languageOf. */
  matchFile?: (absolute: string) => boolean;
}

/** Thrown when a named path does not exist: bad usage, the CLI exits 2. */
export class PathNotFoundError extends Error {
  override name = 'PathNotFoundError';
  constructor(readonly path: string) {
    super(`no such file or folder: ${path}`);
  }
}

/**
 * The files to lint, in a stable order without duplicates. Rejects with PathNotFoundError when a named path
 * is missing (checked for every path before any walking, so the error comes first).
 */
export async function discoverFiles(paths: readonly string[], options: DiscoveryOptions = {}): Promise<DiscoveredFile[]> {
  const cwd = options.cwd ?? process.cwd();
  const roots: { given: string; absolute: string; stat: fs.Stats }[] = [];
  for (const given of paths.length > 0 ? paths : ['.']) {
    const absolute = path.resolve(cwd, given);
    const stat = await fs.promises.stat(absolute).catch(() => undefined);
    if (!stat) throw new PathNotFoundError(given);
    roots.push({ given, absolute, stat });
  }

  const include = options.include && options.include.length > 0 ? globMatcher(options.include) : undefined;
  const exclude = options.exclude && options.exclude.length > 0 ? globMatcher(options.exclude) : undefined;
  const note = (file: string, message: string) => options.onNote?.({ file, kind: 'skipped', message });
  const seen = new Set<string>();
  const out: DiscoveredFile[] = [];
  const display = (abs: string, given: string) => displayPath(abs, given, cwd);
  /** Include/exclude globs apply to files found by walking, relative to the working directory. */
  const selected = (abs: string, isDirectory: boolean) => {
    const rel = path.relative(cwd, abs).split(path.sep).join('/');
    if (exclude?.(rel)) return false;
    return isDirectory || !include || include(rel);
  };

  for (const root of roots) {
    options.signal?.throwIfAborted();
    if (root.stat.isDirectory()) {
      const walker = await Walker.create(root.absolute, options.gitignore !== false);
      await walker.walk(root.absolute, (abs) => {
        if (seen.has(abs)) return;
        seen.add(abs);
        out.push({ absolute: abs, display: display(abs, root.given) });
      }, {
        keepDir: (abs) => selected(abs, true),
        keepFile: (abs) => (options.matchFile ? options.matchFile(abs) : languageOf(abs) !== undefined) && selected(abs, false),
        onNote: (abs, message) => note(display(abs, root.given), message),
        signal: options.signal,
      });
    } else if (!root.stat.isFile()) {
      note(root.given, 'skipped: not a regular file');
    } else if (!languageOf(root.absolute)) {
      note(root.given, 'skipped: not a JavaScript, TypeScript or Elixir file');
    } else if (!seen.has(root.absolute)) {
      seen.add(root.absolute);
      out.push({ absolute: root.absolute, display: display(root.absolute, root.given) });
    }
  }
  return out;
}

function displayPath(abs: string, given: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  const outside = rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  if (outside && path.isAbsolute(given)) return abs;
  return rel === '' ? '.' : rel;
}

interface WalkCallbacks {
  keepDir(abs: string): boolean;
  keepFile(abs: string): boolean;
  onNote(abs: string, message: string): void;
  signal?: AbortSignal;
}

/** Walks one root with the .gitignore stack that applies to it (from the enclosing repository, if any). */
class Walker {
  private constructor(
    /** Where ignore-file paths are relative to: the repository root, or the walk root outside a repository. */
    private readonly ignoreRoot: string,
    private readonly baseStack: IgnoreFile[],
    private readonly useGitignore: boolean,
  ) {}

  static async create(root: string, useGitignore: boolean): Promise<Walker> {
    if (!useGitignore) return new Walker(root, [], false);
    const repo = findRepositoryRoot(root) ?? root;
    const stack: IgnoreFile[] = [];
    const exclude = await loadIgnoreFile(path.join(repo, '.git', 'info'), 'exclude', '');
    if (exclude) stack.push(exclude);
    // .gitignore files of the folders above the walk root, inside the repository, apply too.
    const between = path.relative(repo, root).split(path.sep).filter(Boolean);
    for (let i = 0; i < between.length; i++) {
      const rel = between.slice(0, i).join('/');
      const file = await loadIgnoreFile(path.join(repo, ...between.slice(0, i)), '.gitignore', rel);
      if (file) stack.push(file);
    }
    return new Walker(repo, stack, true);
  }

  async walk(root: string, onFile: (abs: string) => void, cb: WalkCallbacks): Promise<void> {
    await this.walkDir(root, this.baseStack, onFile, cb);
  }

  private async walkDir(dir: string, parentStack: IgnoreFile[], onFile: (abs: string) => void, cb: WalkCallbacks) {
    cb.signal?.throwIfAborted();
    const rel = this.relative(dir);
    let stack = parentStack;
    if (this.useGitignore) {
      const own = await loadIgnoreFile(dir, '.gitignore', rel);
      if (own) stack = [...parentStack, own];
    }
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (e) {
      cb.onNote(dir, `skipped: cannot read the folder (${errorCode(e)})`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      const entryRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (SKIPPED_FOLDERS.has(entry.name)) continue;
        if (this.useGitignore && isIgnored(stack, entryRel, true)) continue;
        if (!cb.keepDir(abs)) continue;
        await this.walkDir(abs, stack, onFile, cb);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        if (!cb.keepFile(abs)) continue;
        if (this.useGitignore && isIgnored(stack, entryRel, false)) continue;
        if (entry.isSymbolicLink()) {
          const target = await fs.promises.stat(abs).catch((e: unknown) => e as Error);
          if (target instanceof Error) {
            cb.onNote(abs, `skipped: broken symbolic link (${errorCode(target)})`);
            continue;
          }
          if (!target.isFile()) continue; // a link to a folder: not followed
        }
        onFile(abs);
      }
      // FIFOs, sockets and devices are never opened: reading a FIFO would block forever.
    }
  }

  private relative(abs: string): string {
    return path.relative(this.ignoreRoot, abs).split(path.sep).join('/');
  }
}

/** The nearest folder at or above `dir` holding `.git` (a folder, or a file for worktrees/submodules). */
function findRepositoryRoot(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

export function errorCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (e instanceof Error ? e.message : String(e));
}

/** Reads `<dir>/<name>` as an ignore file; a missing or unreadable file contributes no rules. */
export async function loadIgnoreFile(dir: string, name: string, base: string): Promise<IgnoreFile | undefined> {
  try {
    const text = await fs.promises.readFile(path.join(dir, name), 'utf8');
    const file = parseGitignore(text, base);
    return file.rules.length > 0 ? file : undefined;
  } catch {
    return undefined;
  }
}
