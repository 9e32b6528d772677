/**
 * Lints files on disk: discovers them, then reads and lints each, in this thread or in a pool of worker
 * threads. Never throws for a bad file: unreadable, binary, non-UTF-8, huge or unparsable files become
 * notes and the run goes on.
 */
import type { Finding, LintNote, LintResult } from '../../core/lint/finding';
import type { LintConfig } from '../../core/lint/config';
import { languageOf } from '../../core/lint/languages';
import { loadParsers } from './parsers';
import { type DiscoveredFile, discoverFiles } from '../files/file-discovery';
import { lintOne } from './lint-one';
import { type LintPool, createLintPool, workerScript } from './lint-pool';

export { decode } from './lint-one';

export interface FileFinding extends Finding {
  /** As shown to the user: relative to the working directory (or absolute when given so, outside it). */
  file: string;
  absolutePath: string;
}

export interface FileNote extends LintNote {
  file: string;
}

export interface LintFilesOptions {
  cwd?: string;
  /** Settings globs (include/exclude), relative to the working directory. */
  include?: readonly string[];
  exclude?: readonly string[];
  /** Default true. */
  gitignore?: boolean;
  signal?: AbortSignal;
  /** Called for every note as it happens (progress output); the notes are also in the result. */
  onNote?: (note: FileNote) => void;
  /** Called after each file is linted (progress bars). */
  onFile?: (file: DiscoveredFile, done: number, total: number) => void;
  /**
   * Worker threads to lint with (default 1: in this process). Used only by a bundled build that has
   * dist/lint-worker.js next to it, and only for runs of enough files to pay for starting them.
   */
  jobs?: number;
}

export interface LintFilesResult {
  findings: FileFinding[];
  notes: FileNote[];
  /** Files handed to the engine (after discovery; includes skipped ones). */
  fileCount: number;
}

/** The in-process linter yields to the event loop after this many files. */
const YIELD_EVERY = 16;
/** Below this many files, starting worker threads costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 48;

/**
 * Lints the files under `paths` (folders are walked; `[]` means the working directory). Rejects only for
 * bad usage (PathNotFoundError) or an abort (the signal's reason). Results, notes and progress come in
 * file order whatever the number of workers.
 */
export async function lintFiles(
  paths: readonly string[],
  config: LintConfig,
  options: LintFilesOptions = {},
): Promise<LintFilesResult> {
  const notes: FileNote[] = [];
  const addNote = (note: FileNote) => {
    notes.push(note);
    options.onNote?.(note);
  };
  const files = await discoverFiles(paths, {
    cwd: options.cwd,
    include: options.include,
    exclude: options.exclude,
    gitignore: options.gitignore,
    signal: options.signal,
    onNote: addNote,
  });

  const findings: FileFinding[] = [];
  const results = new Array<LintResult | undefined>(files.length);
  let emitted = 0;
  // Hands results over in file order: with workers they finish out of order.
  const settle = (i: number, result: LintResult) => {
    results[i] = result;
    while (emitted < files.length && results[emitted]) {
      const file = files[emitted];
      const r = results[emitted]!;
      results[emitted] = undefined;
      for (const n of r.notes) addNote({ ...n, file: file.display });
      for (const f of r.findings) findings.push({ ...f, file: file.display, absolutePath: file.absolute });
      emitted++;
      options.onFile?.(file, emitted, files.length);
    }
  };

  const jobs = Math.max(1, Math.floor(options.jobs ?? 1));
  const script = jobs > 1 && files.length >= MIN_FILES_FOR_WORKERS ? workerScript() : undefined;
  if (script) await lintInWorkers(files, createLintPool(script, jobs, config), settle, options.signal);
  else await lintInProcess(files, config, settle, options.signal);
  return { findings, notes, fileCount: files.length };
}

async function lintInProcess(
  files: DiscoveredFile[],
  config: LintConfig,
  settle: (i: number, r: LintResult) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const needsElixir = files.some((f) => languageOf(f.absolute) === 'elixir');
  const parsers = needsElixir ? await loadParsers() : {};
  for (let i = 0; i < files.length; i++) {
    // Linting is synchronous anyway; yielding now and then lets an abort (Ctrl-C, Cancel) get through.
    if (i % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    // Blocking reads: promise-based open/stat/read/close per file showed up as about a quarter of a CLI
    // profile on the bench corpus (the "--jobs 1" line of npm run bench:lint -- --jobs 2 went from 5.1 s
    // to 3.2 s with this change).
    settle(i, lintOne(files[i].absolute, files[i].display, config, parsers));
  }
}

async function lintInWorkers(
  files: DiscoveredFile[],
  pool: LintPool,
  settle: (i: number, r: LintResult) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const onAbort = () => void pool.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    signal?.throwIfAborted();
    await Promise.all(files.map((f, i) => pool.lint(f.absolute, f.display).then((r) => settle(i, r))));
  } catch (e) {
    signal?.throwIfAborted();
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool.close();
  }
}
