/**
 * Hot-line decorations from the last profile: `4.2 ms · 17%` after each hot line, a heat mark in the
 * overview ruler, kept on the files' editors as they open, until cleared or replaced by the next profile.
 */
import * as vscode from 'vscode';
import type { HotLine } from '../core/profile/hotspots';
import { hotLineLabel, hotLinesOf } from './profile-target';

export class HotLineDecorations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorWarning.foreground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  private lines: HotLine[] = [];
  private readonly subscription = vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.apply(e)));

  show(lines: HotLine[]): void {
    this.lines = lines;
    vscode.window.visibleTextEditors.forEach((e) => this.apply(e));
  }

  clear(): void {
    this.show([]);
  }

  /** Decorated lines of a file (for tests and the log). */
  linesFor(file: string): HotLine[] {
    return hotLinesOf(this.lines, file);
  }

  private apply(editor: vscode.TextEditor): void {
    if (editor.document.uri.scheme !== 'file') return;
    const mine = hotLinesOf(this.lines, editor.document.uri.fsPath);
    editor.setDecorations(
      this.type,
      mine
        .filter((l) => l.line >= 1 && l.line <= editor.document.lineCount)
        .map((l) => ({
          range: editor.document.lineAt(l.line - 1).range,
          renderOptions: {
            after: { contentText: `  ${hotLineLabel(l)}`, color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
          },
        })),
    );
  }

  dispose(): void {
    this.subscription.dispose();
    this.type.dispose();
  }
}
