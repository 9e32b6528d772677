import type { FileFinding } from '../../runner/lint/lint-files';

/** The public JSON shape of a finding (the CLI's contract: keys are never renamed). */
export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: string;
  message: string;
}

export function toJsonFinding(f: FileFinding): JsonFinding {
  return {
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
  };
}

export function formatJson(findings: readonly FileFinding[]): string {
  return `${JSON.stringify(findings.map(toJsonFinding), null, 2)}\n`;
}
