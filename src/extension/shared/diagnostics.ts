/**
 * THE translation point: every Perf Lens `vscode.Diagnostic` is made here, from an engine Finding,
 * through the pure `findingToShape` (1-based → 0-based, severity, code).
 */
import * as vscode from 'vscode';
import type { Finding } from '../../core/lint/finding';
import { DIAGNOSTIC_SOURCE, type DiagnosticShape, findingToShape, withRuntimeNote } from './diagnostic-shape';
import type { BudgetDiagnosticShape } from '../bench/budget-diagnostic-shape';

export function toRange(range: DiagnosticShape['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/**
 * `extensionUri` is the extension's folder: the code links to its shipped docs/rules/<id>.md.
 * `runtimeNote`: "— confirmed at runtime: …" from the last profile, appended to the message.
 */
export function toDiagnostic(finding: Finding, extensionUri: vscode.Uri, runtimeNote?: string): vscode.Diagnostic {
  const shape = withRuntimeNote(findingToShape(finding), runtimeNote);
  const diagnostic = new vscode.Diagnostic(toRange(shape.range), shape.message, vscode.DiagnosticSeverity[shape.severity]);
  diagnostic.source = shape.source;
  diagnostic.code = { value: shape.code.value, target: vscode.Uri.joinPath(extensionUri, shape.code.docsPath) };
  return diagnostic;
}

/** The rule id of one of our diagnostics, or undefined for anybody else's. */
export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}

/** A violated benchmark budget (budget-diagnostic-shape.ts) → a `vscode.Diagnostic` on its `bench(` line. */
export function budgetToDiagnostic(shape: BudgetDiagnosticShape): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(shape.range), shape.message, vscode.DiagnosticSeverity[shape.severity]);
  diagnostic.source = shape.source;
  diagnostic.code = shape.code;
  return diagnostic;
}
