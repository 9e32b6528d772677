/**
 * The pure half of the one translation point: an engine Finding → the plain shape of a VS Code diagnostic
 * (0-based positions, severity by enum name, code and docs path). `diagnostics.ts` turns this shape into a
 * `vscode.Diagnostic`; keeping the conversion here lets plain Node tests check it against the real engine.
 */
import type { Finding, RuleId, Severity } from '../../core/lint/finding';

/** The `source` every Perf Lens diagnostic carries (shown in the Problems panel, used to find ours). */
export const DIAGNOSTIC_SOURCE = 'Perf Lens';

/** Member names of `vscode.DiagnosticSeverity`. */
export type DiagnosticSeverityName = 'Error' | 'Warning' | 'Information' | 'Hint';

const SEVERITY_NAMES: Record<Severity, DiagnosticSeverityName> = {
  error: 'Error',
  warning: 'Warning',
  information: 'Information',
  hint: 'Hint',
};

export function severityName(severity: Severity): DiagnosticSeverityName {
  return SEVERITY_NAMES[severity];
}

/** A 0-based position: line and UTF-16 character, exactly like `vscode.Position`. */
export interface PlainPosition {
  line: number;
  character: number;
}

export interface DiagnosticShape {
  range: { start: PlainPosition; end: PlainPosition };
  severity: DiagnosticSeverityName;
  message: string;
  source: typeof DIAGNOSTIC_SOURCE;
  /** `docsPath` is relative to the extension folder (docs/rules/<id>.md); the host makes it a Uri. */
  code: { value: RuleId; docsPath: string };
}

/** Engine lines/columns are 1-based, VS Code's are 0-based; both count columns in UTF-16 code units. */
export function findingToShape(finding: Finding): DiagnosticShape {
  return {
    range: {
      start: { line: finding.line - 1, character: finding.column - 1 },
      end: { line: finding.endLine - 1, character: finding.endColumn - 1 },
    },
    severity: severityName(finding.severity),
    message: finding.message,
    source: DIAGNOSTIC_SOURCE,
    code: { value: finding.ruleId, docsPath: finding.docsUrl },
  };
}

/** The shape with a runtime confirmation from the last profile appended to its message. */
export function withRuntimeNote(shape: DiagnosticShape, runtimeNote: string | undefined): DiagnosticShape {
  return runtimeNote ? { ...shape, message: `${shape.message}${runtimeNote}` } : shape;
}
