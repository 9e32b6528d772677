/**
 * Lints files on disk in this process: discovers them, reads them a few at a time ahead of the linter, and
 * runs the engine on each. Shared by the CLI, the benchmark and the extension's workspace scan. Never throws
 * for a bad file: unreadable, binary, non-UTF-8, huge or unparsable files become notes and the run goes on.
 */
import * as fs from 'node:fs';
import type { Finding, LintNote } from '../core/lint/finding';
import type { LintConfig } from '../core/lint/config';
import { lintText } from '../core/lint/engine';
import { languageOf } from '../core/lint/languages';
import { loadParsers } from './parsers';
import { type DiscoveredFile, discoverFiles, errorCode } from './file-discovery';

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
}

export interface LintFilesResult {
  findings: FileFinding[];
  notes: FileNote[];
  /** Files handed to the engine (after discovery; includes skipped ones). */
  fileCount: number;
}

/** How many file reads run ahead of the (synchronous) linter. */
const READ_AHEAD = 8;

/**
 * Lints the files under `paths` (folders are walked; `[]` means the working directory). Rejects only for
 * bad usage (PathNotFoundError) or an abort (the signal's reason).
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
  const needsElixir = files.some((f) => languageOf(f.absolute) === 'elixir');
  const parsers = needsElixir ? await loadParsers() : {};

  const findings: FileFinding[] = [];
  const reads: Promise<ReadResult>[] = [];
  const startRead = (i: number) => {
    if (i < files.length) reads[i] = readSource(files[i].absolute, config.maxFileBytes);
  };
  for (let i = 0; i < READ_AHEAD; i++) startRead(i);
  for (let i = 0; i < files.length; i++) {
    options.signal?.throwIfAborted();
    const file = files[i];
    const read = await reads[i];
    delete reads[i];
    startRead(i + READ_AHEAD);
    if ('skip' in read) {
      addNote({ file: file.display, kind: 'skipped', message: read.skip });
    } else {
      let result;
      try {
        // The shown path, not the absolute one: test-file conventions (`test/`, `__tests__/`) must not match
        // folders above the project.
        result = lintText(read.text, file.display, config, parsers);
      } catch (e) {
        // A rule bug must not end the run: the file is reported and the others still get linted.
        // (e.g. a stack overflow on absurdly deep nesting in generated code).
        result = { findings: [], notes: [{ kind: 'skipped' as const, message: `skipped: internal error while linting (${oneLine(e)})` }] };
      }
      for (const n of result.notes) addNote({ ...n, file: file.display });
      for (const f of result.findings) findings.push({ ...f, file: file.display, absolutePath: file.absolute });
    }
    options.onFile?.(file, i + 1, files.length);
  }
  return { findings, notes, fileCount: files.length };
}

type ReadResult = { text: string } | { skip: string };

/** Reads a file as text, or says in one sentence why it is skipped. */
export async function readSource(absolute: string, maxChars: number): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    const stat = await fs.promises.stat(absolute);
    // A UTF-8 char is at most 3 bytes per UTF-16 unit: above this the engine's limit is surely exceeded,
    // so the file is not even read (a 500 MB log named .js must not fill the memory).
    if (stat.size > maxChars * 3) {
      return { skip: `skipped: ${(stat.size / 1e6).toFixed(1)} MB is above the ${(maxChars / 1e6).toFixed(1)} MB limit (maxFileSizeKb)` };
    }
    bytes = await fs.promises.readFile(absolute);
  } catch (e) {
    return { skip: `skipped: cannot read the file (${errorCode(e)})` };
  }
  return decode(bytes);
}

/** UTF-8 (BOM dropped, as editors do), or UTF-16 with a BOM; anything else is not source text. */
export function decode(bytes: Buffer): ReadResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
    } catch {
      return { skip: `skipped: not valid ${encoding.toUpperCase()} text` };
    }
  }
  const head = bytes.subarray(0, 8000);
  if (head.includes(0)) return { skip: 'skipped: binary file' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { skip: 'skipped: not valid UTF-8 text (Perf Lens reads source files as UTF-8)' };
  }
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
