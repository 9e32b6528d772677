/**
 * Opens a file at a 1-based line and column in the editor group a panel's source files go to, the
 * position selected and centred: what the Hot Spots and Compare panels do for an allowed `open`.
 * A file that cannot be opened (deleted since the profile) is left alone: the panel stays as it was.
 */
import * as vscode from 'vscode';

export function openSourceAt(file: string, line: number, column: number, viewColumn: vscode.ViewColumn, preserveFocus: boolean): void {
  const pos = new vscode.Position(line - 1, column - 1);
  void vscode.window.showTextDocument(vscode.Uri.file(file), { viewColumn, preserveFocus, selection: new vscode.Range(pos, pos) }).then(
    (editor) => editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter),
    () => undefined,
  );
}
