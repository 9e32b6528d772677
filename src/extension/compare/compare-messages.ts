/**
 * *Pure* half of the Compare Profiles panel: which messages from its webview the host acts on. The
 * webview is untrusted input: only `ready` and `open` pass, and `open` only for a local file that the
 * comparison names (a function of either run, or a frame of the merged flame graph) at a positive
 * integer line and column.
 */
import type { FunctionDiff } from '../../core/profile/diff';
import type { FlameData } from '../../core/profile/flame';
import type { FromWebview } from '../../protocol/compare';
import { isAbsolutePath, validateOpenMessage } from '../shared/webview-messages';

/** The files the webview may ask to open: local files among the compared functions and flame frames. */
export function openableFiles(functions: readonly FunctionDiff[], flame: FlameData): Set<string> {
  const files = new Set<string>();
  for (const f of functions) if (isAbsolutePath(f.file)) files.add(f.file);
  for (const f of flame.frames) if (isAbsolutePath(f.file)) files.add(f.file);
  return files;
}

/** The message as the host may act on it, or undefined (ignored): see webview-messages.ts. */
export function validateFromWebview(message: unknown, allowed: ReadonlySet<string>): FromWebview | undefined {
  return validateOpenMessage(message, allowed);
}
