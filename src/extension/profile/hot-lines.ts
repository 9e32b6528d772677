/**
 * Hot-line decorations from the last profile: `4.2 ms · 17%` after each hot line, a gutter heat mark in
 * three levels by self time (media/heat-<level>.svg), a mark in the overview ruler; kept on the files'
 * editors as they open, until cleared or replaced by the next profile. "Toggle Hot Lines" hides and
 * shows them again without forgetting them.
 */
import * as vscode from 'vscode';
import type { HotLine } from '../../core/profile/hotspots';
import { HEAT_LEVELS, type HeatLevel, heatLevel, hotLineLabel, hotLinesOf } from './profile-function-model';

export class HotLineDecorations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorWarning.foreground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  /** One type per heat level: a gutter icon belongs to the type, not to each decoration. */
  private readonly heat: ReadonlyMap<HeatLevel, vscode.TextEditorDecorationType>;
  private lines: HotLine[] = [];
  private hidden = false;
  private readonly subscription = vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.apply(e)));

  constructor(extensionUri: vscode.Uri) {
    this.heat = new Map(
      HEAT_LEVELS.map((level) => [
        level,
        vscode.window.createTextEditorDecorationType({ gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', `heat-${level}.svg`), gutterIconSize: 'contain' }),
      ]),
    );
  }

  /** The hot lines of a new profile, shown (also after a toggle hid the previous ones). */
  show(lines: HotLine[]): void {
    this.lines = lines;
    this.hidden = false;
    this.applyAll();
  }

  clear(): void {
    this.show([]);
  }

  /** Hides or shows the last profile's hot lines; resolves to the sentence for the status bar. */
  toggle(): string {
    if (this.lines.length === 0) return 'Perf Lens: no hot lines to show yet; run Profile Function first.';
    this.hidden = !this.hidden;
    this.applyAll();
    return this.hidden ? 'Perf Lens: hot lines hidden (Toggle Hot Lines shows them again).' : 'Perf Lens: hot lines shown.';
  }

  /** Decorated lines of a file (for tests and the log); none while hidden. */
  linesFor(file: string): HotLine[] {
    return this.hidden ? [] : hotLinesOf(this.lines, file);
  }

  private applyAll(): void {
    vscode.window.visibleTextEditors.forEach((e) => this.apply(e));
  }

  private apply(editor: vscode.TextEditor): void {
    if (editor.document.uri.scheme !== 'file') return;
    const mine = this.linesFor(editor.document.uri.fsPath).filter((l) => l.line >= 1 && l.line <= editor.document.lineCount);
    const range = (l: HotLine) => editor.document.lineAt(l.line - 1).range;
    editor.setDecorations(
      this.type,
      mine.map((l) => ({
        range: range(l),
        renderOptions: {
          after: { contentText: `  ${hotLineLabel(l)}`, color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
        },
      })),
    );
    for (const [level, type] of this.heat) editor.setDecorations(type, mine.filter((l) => heatLevel(l.selfPercent) === level).map(range));
  }

  dispose(): void {
    this.subscription.dispose();
    this.type.dispose();
    for (const type of this.heat.values()) type.dispose();
  }
}
