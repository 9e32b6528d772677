/**
 * Pure half of the budget diagnostics (the same split as diagnostic-shape.ts): a violated budget → a
 * Warning on its benchmark's `bench(` line, "csv export: mean 2.40 ms exceeds the budget 2ms".
 * `diagnostics.ts` (`budgetToDiagnostic`) turns the shape into a `vscode.Diagnostic`.
 */
import type { BudgetViolation } from '../../core/bench/budgets';
import { violationActual } from '../../core/bench/budgets';
import type { BenchCall } from '../../core/bench/bench-calls';
import { DIAGNOSTIC_SOURCE, type PlainPosition } from '../shared/diagnostic-shape';

export const BUDGET_CODE = 'bench-budget';

export interface BudgetDiagnosticShape {
  range: { start: PlainPosition; end: PlainPosition };
  severity: 'Warning';
  message: string;
  source: typeof DIAGNOSTIC_SOURCE;
  code: typeof BUDGET_CODE;
}

export function budgetMessage(v: BudgetViolation): string {
  const label = v.size === undefined ? v.name : `${v.name} [n=${v.size.toLocaleString('en-US')}]`;
  return `${label}: ${v.stat} ${violationActual(v)} exceeds the budget ${v.limitText}`;
}

/**
 * Where: the `bench(` call of that name in the document as it is now (an edit above moves it), else the
 * line the harness reported. From the call's first character to the end of its first line. A violation
 * whose line is not in the document is left out (there is nowhere honest to put it).
 */
export function budgetDiagnosticShapes(violations: readonly BudgetViolation[], calls: readonly BenchCall[], lineText: (line: number) => string | undefined): BudgetDiagnosticShape[] {
  const out: BudgetDiagnosticShape[] = [];
  for (const v of violations) {
    const call = calls.find((c) => c.kind !== 'describe' && c.name === v.name);
    const line = call?.line ?? v.line;
    if (line === undefined) continue;
    const text = lineText(line);
    if (text === undefined) continue;
    const startChar = call ? call.column - 1 : text.length - text.trimStart().length;
    out.push({
      range: { start: { line: line - 1, character: startChar }, end: { line: line - 1, character: Math.max(startChar, text.trimEnd().length) } },
      severity: 'Warning',
      message: budgetMessage(v),
      source: DIAGNOSTIC_SOURCE,
      code: BUDGET_CODE,
    });
  }
  return out;
}
