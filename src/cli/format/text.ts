import type { FileFinding, FileNote } from '../../runner/lint/lint-files';
import type { Severity } from '../../core/lint/finding';
import { plural } from '../../core/format/numbers';

/** `path:line:col  severity  message  ruleId`, one finding per line: terminals and editors make it clickable. */
export function formatFindingLine(f: FileFinding): string {
  return `${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.message}  ${f.ruleId}`;
}

export function formatNoteLine(n: FileNote): string {
  return `note: ${n.file}: ${n.message}`;
}

/** One summary line, e.g. "3 problems (1 error, 2 warnings) in 2 files; 40 files linted, 1 note". */
export function formatSummary(findings: readonly FileFinding[], fileCount: number, noteCount: number): string {
  const tail = `${plural(fileCount, 'file')} linted${noteCount > 0 ? `, ${plural(noteCount, 'note')} on stderr` : ''}`;
  if (findings.length === 0) return `No performance hints; ${tail}.`;
  const bySeverity = new Map<Severity, number>();
  for (const f of findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
  const parts = (['error', 'warning', 'information', 'hint'] as const)
    .filter((s) => bySeverity.has(s))
    .map((s) => plural(bySeverity.get(s)!, s === 'information' ? 'info' : s).replace(/infos$/, 'info'));
  const files = new Set(findings.map((f) => f.file)).size;
  return `${plural(findings.length, 'problem')} (${parts.join(', ')}) in ${plural(files, 'file')}; ${tail}.`;
}

export function formatText(findings: readonly FileFinding[], fileCount: number, noteCount: number): string {
  const lines = findings.map(formatFindingLine);
  if (lines.length > 0) lines.push('');
  lines.push(formatSummary(findings, fileCount, noteCount));
  return `${lines.join('\n')}\n`;
}
