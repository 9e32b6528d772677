/** The one-line result of "Scan Workspace for Performance Hints". Pure. */
import { plural } from '../../core/format/numbers';

export interface ScanTally {
  /** Files linted (after filters), including those skipped by the engine. */
  files: number;
  hints: number;
  filesWithHints: number;
  /** Too big, minified, binary or unreadable. */
  skipped: number;
  parseErrors: number;
  /** Set when the user cancelled: how many files were planned. */
  cancelledOf?: number;
}

/** E.g. "Perf Lens: 12 hints in 7 files (3 skipped)". */
export function scanSummary(t: ScanTally): string {
  const extras: string[] = [];
  if (t.skipped > 0) extras.push(`${t.skipped} skipped`);
  if (t.parseErrors > 0) extras.push(`${plural(t.parseErrors, 'file')} with syntax errors`);
  const tail = extras.length > 0 ? ` (${extras.join(', ')})` : '';
  const head = t.cancelledOf !== undefined ? `scan cancelled after ${t.files} of ${plural(t.cancelledOf, 'file')}: ` : '';
  const body =
    t.hints === 0
      ? `no hints in ${plural(t.files, 'file')}`
      : `${plural(t.hints, 'hint')} in ${plural(t.filesWithHints, 'file')}`;
  return `Perf Lens: ${head}${body}${tail}`;
}
