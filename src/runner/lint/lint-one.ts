/** Reads one file and lints it; never throws for a bad file (shared by lintFiles and the lint workers). */
import * as fs from 'node:fs';
import type { LintConfig } from '../../core/lint/config';
import type { LintResult } from '../../core/lint/finding';
import { type Parsers, lintText } from '../../core/lint/engine';
import { errorCode } from '../files/file-discovery';

export type ReadResult = { text: string } | { skip: string };

/**
 * Lints the file at `absolute`. `display` is the path the engine sees: test-file conventions (`test/`,
 * `__tests__/`) must not match folders above the project. Unreadable, binary, non-UTF-8 or huge files and
 * internal errors come back as a `skipped` note.
 */
export function lintOne(absolute: string, display: string, config: LintConfig, parsers: Parsers): LintResult {
  // A blocking read: the file is linted right after, synchronously, and promise-based reads cost more
  // than they overlap (see lint-files.ts).
  const read = readSource(absolute, config.maxFileBytes);
  if ('skip' in read) return { findings: [], notes: [{ kind: 'skipped', message: read.skip }] };
  return lintSource(read.text, display, config, parsers);
}

/** lintText, with a rule's crash turned into a note so one file never ends a run. */
function lintSource(text: string, display: string, config: LintConfig, parsers: Parsers): LintResult {
  try {
    return lintText(text, display, config, parsers);
  } catch (e) {
    // e.g. a stack overflow on absurdly deep nesting in generated code.
    return { findings: [], notes: [{ kind: 'skipped', message: `skipped: internal error while linting (${oneLine(e)})` }] };
  }
}

/** Reads a file as text, or says in one sentence why it is skipped. */
export function readSource(absolute: string, maxChars: number): ReadResult {
  let bytes: Buffer;
  try {
    const size = fs.statSync(absolute).size;
    if (size > maxChars * 3) return tooBig(size, maxChars);
    bytes = fs.readFileSync(absolute);
  } catch (e) {
    return { skip: `skipped: cannot read the file (${errorCode(e)})` };
  }
  return decode(bytes);
}

// A UTF-8 char is at most 3 bytes per UTF-16 unit: above maxChars * 3 bytes the engine's limit is surely
// exceeded, so the file is not even read (a 500 MB log named .js must not fill the memory).
function tooBig(bytes: number, maxChars: number): ReadResult {
  return { skip: `skipped: ${(bytes / 1e6).toFixed(1)} MB is above the ${(maxChars / 1e6).toFixed(1)} MB limit (maxFileSizeKb)` };
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

export function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
