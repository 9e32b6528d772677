/**
 * *Pure* half of the Hot Spots panel: which messages from its webview the host acts on. A webview is
 * treated as untrusted input: only `ready` and `open` pass, and `open` only for a file that the shown
 * report names (an absolute path of a local file) at a positive integer line and column.
 */
import type { FlameData } from '../../core/profile/flame';
import type { HotspotReport } from '../../core/profile/hotspots';
import type { FromWebview } from '../../protocol/hotspots';
import { isAbsolutePath, validateOpenMessage } from '../shared/webview-messages';

/** The files a webview may ask to open: the local files among the report's hot spots, hot lines and flame frames. */
export function openableFiles(report: HotspotReport, flame?: FlameData): Set<string> {
  const files = new Set<string>();
  for (const h of report.hotspots) if (isAbsolutePath(h.file)) files.add(h.file);
  for (const l of report.hotLines) if (isAbsolutePath(l.file)) files.add(l.file);
  for (const f of flame?.frames ?? []) if (isAbsolutePath(f.file)) files.add(f.file);
  return files;
}

/** The message as the host may act on it, or undefined (ignored): see webview-messages.ts. */
export function validateFromWebview(message: unknown, allowed: ReadonlySet<string>): FromWebview | undefined {
  return validateOpenMessage(message, allowed);
}
