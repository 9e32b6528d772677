/**
 * *Pure* half of the Compare Profiles panel: which messages from its webview the host acts on. The
 * webview is untrusted input: only `ready` and `open` pass, and `open` only for a local file that the
 * comparison names (a function of either run, or a frame of the merged flame graph) at a positive
 * integer line and column.
 */
import type { FunctionDiff } from '../core/profile/diff';
import type { FlameData } from '../core/profile/flame';
import type { FromWebview } from '../protocol/compare';

const isAbsolutePath = (file: string) => file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file);

/** The files the webview may ask to open: local files among the compared functions and flame frames. */
export function openableFiles(functions: readonly FunctionDiff[], flame: FlameData): Set<string> {
  const files = new Set<string>();
  for (const f of functions) if (isAbsolutePath(f.file)) files.add(f.file);
  for (const f of flame.frames) if (isAbsolutePath(f.file)) files.add(f.file);
  return files;
}

const positiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10_000_000;

/** The message as the host may act on it, or undefined (ignored): unknown type, missing or wrong fields, a file not in `allowed`. */
export function validateFromWebview(message: unknown, allowed: ReadonlySet<string>): FromWebview | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'open': {
      if (typeof m.file !== 'string' || !allowed.has(m.file) || !positiveInt(m.line) || !positiveInt(m.column)) return undefined;
      if (m.preserveFocus !== undefined && typeof m.preserveFocus !== 'boolean') return undefined;
      return { type: 'open', file: m.file, line: m.line, column: m.column, preserveFocus: m.preserveFocus === true };
    }
    default:
      return undefined;
  }
}
