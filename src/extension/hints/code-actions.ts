/**
 * Quick fixes for Perf Lens diagnostics: each finding's safe rewrites (offset edits), "Disable <rule> for
 * this line" and "Open documentation for <rule>". Uses the findings cached for the document's version.
 */
import * as vscode from 'vscode';
import type { Finding } from '../../core/lint/finding';
import { languageOf } from '../../core/lint/languages';
import { findingToShape } from '../shared/diagnostic-shape';
import { ruleIdOf, toRange } from '../shared/diagnostics';
import { lintFileName, LINTED_LANGUAGE_IDS } from './lint-target';
import { suppressionEdit } from './suppression-edit';
import { GENERATE_SCALING_BENCHMARK } from '../bench/scaling-benchmark-command';
import type { HintController } from './hint-controller';

/** Linted languages, plus Elixir files opened as plain text (no Elixir extension installed). */
export const HINT_DOCUMENT_SELECTOR: vscode.DocumentSelector = [
  ...LINTED_LANGUAGE_IDS.map((language) => ({ language })),
  { pattern: '**/*.{ex,exs}' },
];

export class HintCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly hints: HintController) {}

  provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    const findings = this.hints.findingsFor(doc);
    const fileName = lintFileName(doc.fileName, doc.languageId, doc.uri.scheme);
    const language = fileName ? languageOf(fileName) : undefined;
    if (!findings || !language) return [];

    const fixes: vscode.CodeAction[] = [];
    const others: vscode.CodeAction[] = [];
    const disabled = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      const ruleId = ruleIdOf(diagnostic);
      if (!ruleId) continue;
      const finding = findings.find((f) => f.ruleId === ruleId && sameRange(f, diagnostic) && f.message === diagnostic.message);
      if (!finding) continue;
      finding.fixes.forEach((fix, i) => {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) {
          action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
        }
        action.diagnostics = [diagnostic];
        action.isPreferred = i === 0;
        fixes.push(action);
      });
      // One "disable" and one "docs" action per rule and line, however many findings share them.
      const lineKey = `${finding.ruleId}:${finding.line}`;
      if (disabled.has(lineKey)) continue;
      disabled.add(lineKey);
      others.push(this.disableAction(doc, language, finding, diagnostic));
      const docs = new vscode.CodeAction(`Open documentation for ${finding.ruleId}`, vscode.CodeActionKind.QuickFix);
      docs.command = { title: docs.title, command: 'perfLens.showRuleDocs', arguments: [finding.ruleId] };
      docs.diagnostics = [diagnostic];
      others.push(docs);
      // Measure the quadratic growth the hint describes: a bench.sizes file for the function around it.
      if (finding.ruleId === 'quadratic-building' && language === 'js' && doc.uri.scheme === 'file') {
        const scaling = new vscode.CodeAction('Generate a scaling benchmark', vscode.CodeActionKind.QuickFix);
        scaling.command = { title: scaling.title, command: GENERATE_SCALING_BENCHMARK, arguments: [{ uri: doc.uri, line: finding.line }] };
        scaling.diagnostics = [diagnostic];
        others.push(scaling);
      }
    }
    return [...fixes, ...others];
  }

  private disableAction(
    doc: vscode.TextDocument,
    language: 'js' | 'elixir',
    finding: Finding,
    diagnostic: vscode.Diagnostic,
  ): vscode.CodeAction {
    const line = finding.line - 1;
    const insert = suppressionEdit(
      language,
      finding.ruleId,
      line,
      doc.lineAt(line).text,
      line > 0 ? doc.lineAt(line - 1).text : undefined,
      doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
    );
    const action = new vscode.CodeAction(`Disable ${finding.ruleId} for this line`, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.insert(doc.uri, new vscode.Position(insert.line, insert.character), insert.text);
    action.diagnostics = [diagnostic];
    return action;
  }
}

function sameRange(finding: Finding, diagnostic: vscode.Diagnostic): boolean {
  return toRange(findingToShape(finding).range).isEqual(diagnostic.range);
}
